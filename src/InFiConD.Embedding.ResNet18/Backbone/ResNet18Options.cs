namespace InFiConD.Embedding;

/// <summary>How a <see cref="ResNet18Backbone"/> runs: parallel images, threads per image, decoding.</summary>
public sealed record ResNet18Options
{
    /// <summary>The defaults (see each property).</summary>
    public static ResNet18Options Default { get; } = new();

    /// <summary>
    /// Images in flight at once; −1 (default) for one per processor. The packaged network takes one image
    /// per call, so throughput comes from running several calls at once, each decoding and preprocessing
    /// its own image while the others run the network.
    /// </summary>
    public int Parallelism { get; init; } = -1;

    /// <summary>
    /// ONNX Runtime threads inside one network call; −1 (default) for processors ÷ parallel images (at least 1),
    /// so the two kinds of parallelism together do not oversubscribe the machine.
    /// </summary>
    public int IntraOpThreads { get; init; } = -1;

    /// <summary>Decoding limits and allowed formats.</summary>
    public DecodeOptions Decode { get; init; } = DecodeOptions.Default;

    /// <summary>Stop at the first image (in source order among those seen) that fails to decode instead of reporting it and going on.</summary>
    public bool FailFast { get; init; }

    /// <summary>
    /// The least severe ONNX Runtime message written to standard error while the two models load and run. Default
    /// <see cref="OnnxLogLevel.Warning"/>, ONNX Runtime's own; <see cref="OnnxLogLevel.Fatal"/> silences the runtime (a
    /// failed run still arrives as a <see cref="Core.ModelRunException"/> carrying its message).
    /// </summary>
    public OnnxLogLevel LogLevel { get; init; } = OnnxLogLevel.Warning;

    /// <summary>Images in flight once <see cref="Parallelism"/> is resolved.</summary>
    internal int ResolvedParallelism => Parallelism == -1 ? Environment.ProcessorCount : Parallelism;

    /// <summary>Threads per network call once <see cref="IntraOpThreads"/> is resolved.</summary>
    internal int ResolvedIntraOpThreads => IntraOpThreads == -1 ? Math.Max(1, Environment.ProcessorCount / ResolvedParallelism) : IntraOpThreads;

    /// <summary>Checks every setting.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Parallelism"/> or <see cref="IntraOpThreads"/> is neither −1 nor ≥ 1,
    /// or <see cref="LogLevel"/> is undefined.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Decode"/> is <see langword="null"/>.</exception>
    public ResNet18Options Validate()
    {
        if (Parallelism is not -1 and < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Parallelism), Parallelism, "ResNet18Options.Parallelism must be -1 or ≥ 1.");
        }
        if (IntraOpThreads is not -1 and < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "ResNet18Options.IntraOpThreads must be -1 or ≥ 1.");
        }
        if (!Enum.IsDefined(LogLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(LogLevel), LogLevel, "ResNet18Options.LogLevel must be one of Verbose, Info, Warning, Error or Fatal.");
        }
        ArgumentNullException.ThrowIfNull(Decode);
        Decode.Validate();
        return this;
    }
}
