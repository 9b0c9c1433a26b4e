using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>Encodes exemplar sources once each into bags of unit float64 rows: one row per image, or one per segment.</summary>
internal static class ExemplarEncoding
{
    /// <summary>Each source's images as bags (image order; images that failed are left out and reported), once per pass.</summary>
    /// <param name="sources">Distinct sources.</param>
    /// <param name="encoder">The whole-image encoder.</param>
    /// <param name="passes">Per pass, the segment encoder, or <see langword="null"/> for whole images.</param>
    /// <param name="progress">Progress over all passes and sources together.</param>
    /// <param name="cancellationToken">Cancels between sources and inside the encoder.</param>
    /// <returns>One dictionary per pass; the failures of the first pass (a later pass reads the same images).</returns>
    internal static async Task<(Dictionary<ImageSource, double[][][]>[] Encoded, List<DecodeFailure> Failures)> EncodeAllAsync(
        List<ImageSource> sources, IImageEncoder encoder, IReadOnlyList<IDenseImageEncoder?> passes, IProgress<ImageModelProgress>? progress, CancellationToken cancellationToken)
    {
        var perPass = sources.Sum(s => s.Count);
        var encoded = new Dictionary<ImageSource, double[][][]>[passes.Count];
        var failures = new List<DecodeFailure>();
        for (var pass = 0; pass < passes.Count; pass++)
        {
            var passFailures = new List<DecodeFailure>();
            encoded[pass] = await EncodePassAsync(sources, encoder, passes[pass], passFailures, pass * perPass, perPass * passes.Count, progress, cancellationToken).ConfigureAwait(false);
            if (pass == 0)
            {
                failures = passFailures;
            }
        }
        return (encoded, failures);
    }

    private static async Task<Dictionary<ImageSource, double[][][]>> EncodePassAsync(List<ImageSource> sources, IImageEncoder encoder, IDenseImageEncoder? dense,
        List<DecodeFailure> failures, int doneBefore, int total, IProgress<ImageModelProgress>? progress, CancellationToken cancellationToken)
    {
        var encoded = new Dictionary<ImageSource, double[][][]>(ReferenceEqualityComparer.Instance);
        var done = doneBefore;
        foreach (var source in sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = progress is null ? null : new OffsetProgress(progress, done, failures.Count, total);
            if (dense is null)
            {
                var result = await encoder.EncodeAsync(source, offset, cancellationToken).ConfigureAwait(false);
                CheckWidth(result.Embeddings, encoder);
                encoded[source] = Enumerable.Range(0, result.Embeddings.Rows)
                    .Select(r => new[] { Vectors.Normalized(result.Embeddings.Row(r), $"embedding of exemplar image '{result.ImageIds[r]}'", r) }).ToArray();
                failures.AddRange(result.Failures);
            }
            else
            {
                var result = await dense.EncodeSegmentsAsync(source, offset, cancellationToken).ConfigureAwait(false);
                CheckWidth(result.Segments, dense);
                encoded[source] = Enumerable.Range(0, result.ImageIds.Count)
                    .Select(n => Enumerable.Range(result.Offsets[n], result.Offsets[n + 1] - result.Offsets[n])
                        .Select(r => Vectors.Normalized(result.Segments.Row(r), $"embedding of segment {r - result.Offsets[n]} of exemplar image '{result.ImageIds[n]}'", r)).ToArray())
                    .Where(bag => bag.Length > 0).ToArray();
                failures.AddRange(result.Failures);
            }
            done += source.Count;
            progress?.Report(new ImageModelProgress(done, total, failures.Count));
        }
        return encoded;
    }

    private static void CheckWidth(FloatMatrix embeddings, IImageEncoder encoder)
    {
        if (embeddings.Columns != encoder.Dimension)
        {
            throw new ShapeMismatchException($"embeddings from {encoder.ModelId}", $"{encoder.Dimension} columns (the encoder's Dimension)", $"{embeddings.Rows} × {embeddings.Columns}");
        }
    }

    /// <summary>Shifts one source's progress into the count over all sources.</summary>
    private sealed class OffsetProgress(IProgress<ImageModelProgress> inner, int doneBefore, int failedBefore, int total) : IProgress<ImageModelProgress>
    {
        public void Report(ImageModelProgress value) => inner.Report(new ImageModelProgress(doneBefore + value.Done, total, failedBefore + value.Failed));
    }
}
