namespace InFiConD.Embedding;

/// <summary>How an <see cref="OnnxImageModel"/> is found in its file and run.</summary>
public sealed record OnnxImageModelOptions
{
    /// <summary>The defaults: the model's only image input and first float output, on the CPU in batches of 16.</summary>
    public static OnnxImageModelOptions Default { get; } = new();

    /// <summary>Name of the image input; <see langword="null"/> picks the model's only rank-4 float input.</summary>
    public string? InputName { get; init; }

    /// <summary>Name of the output to read; <see langword="null"/> picks the first float output.</summary>
    public string? OutputName { get; init; }

    private readonly int? _batchSize;

    /// <summary>
    /// Images per inference call (forced to 1 when the model's batch dimension is fixed at 1). ≥ 1. When not set, chosen
    /// for the device: <see cref="ExecutionProvider.DefaultBatchSize"/> of <see cref="ExecutionProvider"/> (16 on the CPU, 64 on a GPU).
    /// </summary>
    public int BatchSize { get => _batchSize ?? ExecutionProvider.DefaultBatchSize; init => _batchSize = value; }

    /// <summary>
    /// Where the model runs: <see cref="Embedding.ExecutionProvider.Cpu"/> (default) or <see cref="Embedding.ExecutionProvider.Cuda"/> with a
    /// device id. CUDA needs the application to reference <c>Microsoft.ML.OnnxRuntime.Gpu.Linux</c>; when it cannot be used,
    /// <see cref="ProviderFallback"/> decides. The provider in effect is <see cref="OnnxImageModel.ExecutionProvider"/>.
    /// </summary>
    public ExecutionProvider ExecutionProvider { get; init; } = ExecutionProvider.Cpu;

    /// <summary>What happens when <see cref="ExecutionProvider"/> cannot be used: run on the CPU with a message (default) or throw.</summary>
    public ProviderFallback ProviderFallback { get; init; } = ProviderFallback.Cpu;

    /// <summary>Threads decoding and preprocessing a batch; −1 for one per processor.</summary>
    public int DecodeParallelism { get; init; } = -1;

    /// <summary>
    /// ONNX Runtime threads inside one model call; 0 (default) for ONNX Runtime's own choice, one per physical core,
    /// or, with more than one call in flight (<see cref="InferenceParallelism"/>), processors ÷ calls (at least 1), so
    /// the two kinds of parallelism together do not oversubscribe the machine.
    /// Fewer leaves cores to decoding, which runs while a batch is in inference.
    /// </summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// Inference calls in flight at once, each on its own batch, all on the one session (ONNX Runtime sessions are
    /// safe to run from several threads). −1 (default) chooses from the model: for a model whose batch dimension is
    /// fixed at 1, with <see cref="IntraOpThreads"/> left at 0, one call per processor with one ONNX Runtime thread
    /// each (ONNX Runtime parallelises a single image poorly: on 2 cores, 2 calls × 1 thread run about twice as
    /// fast as 1 call × 2 threads); otherwise 1, one batch at a time with ONNX Runtime's threads. Outputs are in
    /// source order and bit-identical whatever the value; the result of a run never depends on timing.
    /// </summary>
    public int InferenceParallelism { get; init; } = -1;

    /// <summary>Decoding limits and allowed formats.</summary>
    public DecodeOptions Decode { get; init; } = DecodeOptions.Default;

    /// <summary>Stop at the first image that fails to decode instead of reporting it and going on.</summary>
    public bool FailFast { get; init; }

    /// <summary>
    /// The least severe ONNX Runtime message written to standard error while the model loads and runs. Default
    /// <see cref="OnnxLogLevel.Warning"/>, ONNX Runtime's own; <see cref="OnnxLogLevel.Error"/> hides its warnings and
    /// <see cref="OnnxLogLevel.Fatal"/> silences it (a failed run still arrives as a <see cref="Core.ModelRunException"/>
    /// carrying the runtime's message).
    /// </summary>
    public OnnxLogLevel LogLevel { get; init; } = OnnxLogLevel.Warning;

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (<see cref="LogLevel"/> included); the message names it.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Decode"/> or <see cref="ExecutionProvider"/> is <see langword="null"/>.</exception>
    public OnnxImageModelOptions Validate()
    {
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "OnnxImageModelOptions.BatchSize must be ≥ 1.");
        }
        if (DecodeParallelism is not -1 and < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DecodeParallelism), DecodeParallelism, "OnnxImageModelOptions.DecodeParallelism must be -1 or ≥ 1.");
        }
        if (IntraOpThreads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "OnnxImageModelOptions.IntraOpThreads must be 0 (ONNX Runtime's default) or ≥ 1.");
        }
        if (InferenceParallelism is not -1 and < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(InferenceParallelism), InferenceParallelism, "OnnxImageModelOptions.InferenceParallelism must be -1 (chosen from the model) or ≥ 1.");
        }
        if (!Enum.IsDefined(LogLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(LogLevel), LogLevel, "OnnxImageModelOptions.LogLevel must be one of Verbose, Info, Warning, Error or Fatal.");
        }
        ArgumentNullException.ThrowIfNull(Decode);
        ArgumentNullException.ThrowIfNull(ExecutionProvider);
        ExecutionProvider.Validate();
        if (!Enum.IsDefined(ProviderFallback))
        {
            throw new ArgumentOutOfRangeException(nameof(ProviderFallback), ProviderFallback, "OnnxImageModelOptions.ProviderFallback must be Cpu or Throw.");
        }
        return this;
    }
}
