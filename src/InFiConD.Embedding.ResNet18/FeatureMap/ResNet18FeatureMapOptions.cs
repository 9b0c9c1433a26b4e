namespace InFiConD.Embedding;

/// <summary>How a <see cref="ResNet18FeatureMap"/> runs: images per network call, threads, decoding.</summary>
public sealed record ResNet18FeatureMapOptions
{
    /// <summary>The defaults (see each property).</summary>
    public static ResNet18FeatureMapOptions Default { get; } = new();

    private readonly int? _batchSize;

    /// <summary>
    /// Images per network call, at least 1. Unless set, chosen for the device: 4 on the CPU — measured on 2 cores
    /// (docs/performance.md), throughput is flat from 1 to 8 images per call (ONNX Runtime's CPU convolutions run a batch
    /// image by image, so a batch saves only the per-call overhead) and drops at 16, while every image in flight holds
    /// 0.6 MB of input and its activations — and <see cref="ExecutionProvider.DefaultBatchSize"/> (64) on a GPU. A batch's
    /// results do not depend on which other images it holds.
    /// </summary>
    public int BatchSize { get => _batchSize ?? (OnGpu ? ExecutionProvider.DefaultBatchSize : 4); init => _batchSize = value; }

    /// <summary>
    /// Where the network runs: <see cref="Embedding.ExecutionProvider.Cpu"/> (default) or CUDA with a device id, which needs the
    /// application to reference <c>Microsoft.ML.OnnxRuntime.Gpu.Linux</c> instead of the CPU package (see docs/embedding.md).
    /// GPU and CPU features agree to float rounding, not bit for bit: encode a cache's shards on one kind of device.
    /// </summary>
    public ExecutionProvider ExecutionProvider { get; init; } = ExecutionProvider.Cpu;

    /// <summary>What to do when <see cref="ExecutionProvider"/> cannot be used: run on the CPU with a message (default) or throw.</summary>
    public ProviderFallback ProviderFallback { get; init; } = ProviderFallback.Cpu;

    /// <summary>
    /// Batches in the network at once, each on its own thread; −1 (default) for one per processor. ONNX Runtime runs a
    /// batch's convolutions image after image, each over the call's threads, and ResNet-18's late layers (7 × 7 maps) are
    /// too small to split well, so on a CPU several single-threaded calls beat one call over every core (docs/performance.md).
    /// </summary>
    public int InferenceParallelism { get; init; } = -1;

    /// <summary>
    /// ONNX Runtime threads inside one network call; −1 (default) for processors ÷ <see cref="InferenceParallelism"/> (at least
    /// 1), so the two kinds of parallelism together do not oversubscribe the machine.
    /// </summary>
    public int IntraOpThreads { get; init; } = -1;

    /// <summary>
    /// Threads decoding and resizing the next batch while the network runs the current one; −1 (default) for one per
    /// processor.
    /// </summary>
    public int DecodeParallelism { get; init; } = -1;

    /// <summary>Decoding limits and allowed formats.</summary>
    public DecodeOptions Decode { get; init; } = DecodeOptions.Default;

    /// <summary>Stop at the first image (in source order) that fails to decode instead of reporting it and going on.</summary>
    public bool FailFast { get; init; }

    /// <summary>The least severe ONNX Runtime message written to standard error. Default <see cref="OnnxLogLevel.Warning"/>.</summary>
    public OnnxLogLevel LogLevel { get; init; } = OnnxLogLevel.Warning;

    /// <summary>Batches in flight once <see cref="InferenceParallelism"/> is resolved.</summary>
    /// <remarks>On a GPU one call at a time: the device runs a batch's images together, and calls from several threads only queue.</remarks>
    internal int ResolvedInferenceParallelism => InferenceParallelism != -1 ? InferenceParallelism : OnGpu ? 1 : Environment.ProcessorCount;

    private bool OnGpu => ExecutionProvider is { Kind: ExecutionProviderKind.Cuda };

    /// <summary>Network threads per call once <see cref="IntraOpThreads"/> is resolved.</summary>
    internal int ResolvedIntraOpThreads => IntraOpThreads == -1 ? Math.Max(1, Environment.ProcessorCount / ResolvedInferenceParallelism) : IntraOpThreads;

    /// <summary>Decoding threads once <see cref="DecodeParallelism"/> is resolved.</summary>
    internal int ResolvedDecodeParallelism => DecodeParallelism == -1 ? Environment.ProcessorCount : DecodeParallelism;

    /// <summary>Checks every setting.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="BatchSize"/> is below 1, <see cref="InferenceParallelism"/>, <see cref="IntraOpThreads"/> or
    /// <see cref="DecodeParallelism"/> is neither −1 nor ≥ 1, or <see cref="LogLevel"/> is undefined.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Decode"/> is <see langword="null"/>.</exception>
    public ResNet18FeatureMapOptions Validate()
    {
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "ResNet18FeatureMapOptions.BatchSize must be ≥ 1.");
        }
        if (InferenceParallelism is not -1 and < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(InferenceParallelism), InferenceParallelism, "ResNet18FeatureMapOptions.InferenceParallelism must be -1 or ≥ 1.");
        }
        if (IntraOpThreads is not -1 and < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "ResNet18FeatureMapOptions.IntraOpThreads must be -1 or ≥ 1.");
        }
        if (DecodeParallelism is not -1 and < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DecodeParallelism), DecodeParallelism, "ResNet18FeatureMapOptions.DecodeParallelism must be -1 or ≥ 1.");
        }
        if (!Enum.IsDefined(LogLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(LogLevel), LogLevel, "ResNet18FeatureMapOptions.LogLevel must be one of Verbose, Info, Warning, Error or Fatal.");
        }
        ArgumentNullException.ThrowIfNull(Decode);
        Decode.Validate();
        ArgumentNullException.ThrowIfNull(ExecutionProvider);
        if (!Enum.IsDefined(ProviderFallback))
        {
            throw new ArgumentOutOfRangeException(nameof(ProviderFallback), ProviderFallback, "ResNet18FeatureMapOptions.ProviderFallback must be Cpu or Throw.");
        }
        return this;
    }
}
