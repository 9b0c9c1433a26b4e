using System.Buffers;

namespace InFiConD.Embedding;

/// <summary>
/// One batch decoded and preprocessed, waiting for inference: the kept images' tensors back to back in a
/// pooled buffer (returned on <see cref="Dispose"/>), their ids and sizes, and the images that failed.
/// </summary>
internal sealed class PreparedBatch : IDisposable
{
    private float[]? _buffer;

    /// <param name="index">The batch's position in the run.</param>
    /// <param name="buffer">A pooled buffer holding <paramref name="ids"/>.Count tensors of <paramref name="tensorLength"/> floats from the start; <see langword="null"/> when no image was kept.</param>
    /// <param name="tensorLength">Floats per image.</param>
    /// <param name="ids">The kept images' ids, in source order.</param>
    /// <param name="sizes">Each kept image's tensor size (width, height).</param>
    /// <param name="sourceSizes">Each kept image's decoded size.</param>
    /// <param name="failures">The images that failed, in source order.</param>
    public PreparedBatch(int index, float[]? buffer, int tensorLength, List<string> ids, List<(int Width, int Height)> sizes,
        List<(int Width, int Height)> sourceSizes, List<DecodeFailure> failures)
    {
        Index = index;
        _buffer = buffer;
        TensorLength = tensorLength;
        Ids = ids;
        Sizes = sizes;
        SourceSizes = sourceSizes;
        Failures = failures;
    }

    public int Index { get; }

    public int TensorLength { get; }

    public List<string> Ids { get; }

    public List<(int Width, int Height)> Sizes { get; }

    public List<(int Width, int Height)> SourceSizes { get; }

    public List<DecodeFailure> Failures { get; }

    /// <summary>Set when the kept images' tensor sizes differ (no fixed crop): the batch cannot be one tensor.</summary>
    public InFiConD.Core.ShapeMismatchException? Mismatch { get; init; }

    /// <summary>The kept images' tensors, <c>Ids.Count · TensorLength</c> floats.</summary>
    public Memory<float> Pixels => _buffer is null ? Memory<float>.Empty : _buffer.AsMemory(0, Ids.Count * TensorLength);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
