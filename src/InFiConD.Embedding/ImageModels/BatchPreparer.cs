using System.Buffers;
using System.Runtime.ExceptionServices;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Decodes and preprocesses one batch of a source, images in parallel, into a pooled buffer laid out as the
/// model's input tensor. With a fixed crop (every preset) each image is preprocessed straight into its slot,
/// so pixels are written once; without one, tensor sizes are only known after decoding, so each image gets
/// its own array and is copied in once the batch is known to be uniform.
/// </summary>
internal sealed class BatchPreparer
{
    private readonly Preprocessing _preprocessing;
    private readonly ImageDecoder _decoder;
    private readonly int _batchSize;
    private readonly int _parallelism;

    public BatchPreparer(Preprocessing preprocessing, ImageDecoder decoder, int batchSize, int parallelism)
    {
        _preprocessing = preprocessing;
        _decoder = decoder;
        _batchSize = batchSize;
        _parallelism = parallelism;
    }

    public int BatchCount(ImageSource images) => (images.Count + _batchSize - 1) / _batchSize;

    /// <summary>Batch <paramref name="batch"/>: images <c>batch · B</c> to <c>(batch + 1) · B − 1</c>; failures reported, kept images in source order.</summary>
    public PreparedBatch Prepare(ImageSource images, int batch, CancellationToken cancellationToken)
    {
        var start = batch * _batchSize;
        var count = Math.Min(_batchSize, images.Count - start);
        var fixedSize = _preprocessing.CropWidth > 0 ? (_preprocessing.CropWidth, _preprocessing.CropHeight) : ((int Width, int Height)?)null;
        var length = fixedSize is { } size ? 3 * size.Width * size.Height : 0;
        var buffer = fixedSize is null ? null : ArrayPool<float>.Shared.Rent(count * length);
        var own = fixedSize is null ? new float[count][] : null;
        var sizes = new (int Width, int Height)[count];
        var sourceSizes = new (int Width, int Height)[count];
        var failures = new DecodeFailure?[count];
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken };
            Parallel.For(0, count, options, i =>
            {
                var outcome = _decoder.TryDecode(images[start + i]);
                if (outcome.Image is not { } image)
                {
                    failures[i] = outcome.Failure;
                    return;
                }
                sizes[i] = _preprocessing.OutputSize(image.Width, image.Height);
                sourceSizes[i] = (image.Width, image.Height);
                if (buffer is not null)
                {
                    _preprocessing.Apply(image, buffer.AsSpan(i * length, length));
                }
                else
                {
                    own![i] = _preprocessing.Apply(image);
                }
            });
            var kept = Enumerable.Range(0, count).Where(i => failures[i] is null).ToList();
            ShapeMismatchException? mismatch = null;
            if (buffer is not null)
            {
                // Close the gaps left by failed images (each kept slot moves to a lower, disjoint slot).
                for (var k = 0; k < kept.Count; k++)
                {
                    if (kept[k] != k)
                    {
                        buffer.AsSpan(kept[k] * length, length).CopyTo(buffer.AsSpan(k * length, length));
                    }
                }
            }
            else if (kept.Count > 0)
            {
                length = own![kept[0]].Length;
                var first = sizes[kept[0]];
                if (kept.FirstOrDefault(i => sizes[i] != first, -1) is var odd and >= 0)
                {
                    mismatch = new ShapeMismatchException($"image '{images[start + odd].Id}'", $"{first.Width} × {first.Height} pixels after preprocessing (as the batch's first image)",
                        $"{sizes[odd].Width} × {sizes[odd].Height}; set a fixed crop in the preprocessing");
                }
                else
                {
                    buffer = ArrayPool<float>.Shared.Rent(kept.Count * length);
                    for (var k = 0; k < kept.Count; k++)
                    {
                        own[kept[k]].CopyTo(buffer.AsSpan(k * length, length));
                    }
                }
            }
            if (kept.Count == 0 && buffer is not null)
            {
                ArrayPool<float>.Shared.Return(buffer);
                buffer = null;
            }
            return new PreparedBatch(batch, buffer, length, kept.Select(i => images[start + i].Id).ToList(), kept.Select(i => sizes[i]).ToList(),
                kept.Select(i => sourceSizes[i]).ToList(), failures.OfType<DecodeFailure>().ToList()) { Mismatch = mismatch };
        }
        catch (Exception e)
        {
            if (buffer is not null)
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
            // Parallel.For wraps what an image threw; the caller should see that error itself.
            if (e is AggregateException { InnerExceptions: [var single] })
            {
                ExceptionDispatchInfo.Throw(single);
            }
            throw;
        }
    }
}
