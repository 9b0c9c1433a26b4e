namespace InFiConD.Benchmarks.Guard;

/// <summary>
/// The encode pipeline (decode + preprocess + run from JPEG bytes, decoding overlapped with inference) against raw
/// <c>InferenceSession.Run</c> on the same images already preprocessed into tensors — the
/// <see cref="EncodeOverheadBenchmarks"/> pair, its own methods, on the small CLIP-style fixture model with two blocks
/// (<c>Fixture-L2</c>, 1.2 GFLOP per image; no ResNet-18, to keep the guard short): 64 JPEGs of 500 × 375 in batches of
/// 16. The ratio is raw ÷ pipeline, i.e. 1 ÷ (1 + overhead). Allocation is per image.
/// </summary>
internal sealed class EncodeOverheadGuardCase : GuardCase
{
    private readonly EncodeOverheadBenchmarks _benchmarks = new() { Model = "Fixture-L2" };

    /// <inheritdoc />
    public override string Path => "embedding.encode-overhead";

    /// <inheritdoc />
    public override string Description =>
        $"InferenceSession.Run on preprocessed tensors vs OnnxImageModel.RunAsync from JPEG bytes; Fixture-L2, {EncodeOverheadBenchmarks.Images} images of {EncodeImages.Width} × {EncodeImages.Height}; allocation per image";

    /// <inheritdoc />
    public override string AllocationUnit => "image";

    /// <inheritdoc />
    public override int Rounds => 5;

    /// <inheritdoc />
    public override void Setup() => _benchmarks.Setup();

    /// <inheritdoc />
    public override void RunPath() => _benchmarks.Pipeline().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override void RunBaseline() => _benchmarks.RawRun();

    /// <inheritdoc />
    public override long Allocation(long fewestBytesPerCall) => fewestBytesPerCall / EncodeOverheadBenchmarks.Images;

    /// <inheritdoc />
    public override void Dispose() => _benchmarks.Cleanup();
}
