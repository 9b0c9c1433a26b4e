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

    // When no image id repeats across the sources they go through the encoder in one call (a concept's exemplars are
    // a dozen images: one call each left batches part-empty and workers idle at every start and end) and the rows are
    // handed back by id; an encoder may key on ids, so sources sharing ids keep a call each.
    private static async Task<Dictionary<ImageSource, double[][][]>> EncodePassAsync(List<ImageSource> sources, IImageEncoder encoder, IDenseImageEncoder? dense,
        List<DecodeFailure> failures, int doneBefore, int total, IProgress<ImageModelProgress>? progress, CancellationToken cancellationToken)
    {
        var partOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = true;
        for (var i = 0; i < sources.Count && distinct; i++)
        {
            foreach (var item in sources[i])
            {
                distinct &= partOf.TryAdd(item.Id, i) || partOf[item.Id] == i;
            }
        }
        int[][] calls = distinct ? [[.. Enumerable.Range(0, sources.Count)]] : [.. Enumerable.Range(0, sources.Count).Select(i => new[] { i })];
        var bags = sources.Select(_ => new List<double[][]>()).ToArray();
        var done = doneBefore;
        foreach (var call in calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var images = call.Length == 1 ? sources[call[0]] : new ConcatenatedImageSource([.. call.Select(i => sources[i])]);
            var offset = progress is null ? null : new OffsetProgress(progress, done, failures.Count, total);
            int Part(string id) => call.Length == 1 ? call[0] : partOf[id];
            if (dense is null)
            {
                var result = await encoder.EncodeAsync(images, offset, cancellationToken).ConfigureAwait(false);
                CheckWidth(result.Embeddings, encoder);
                for (var r = 0; r < result.Embeddings.Rows; r++)
                {
                    bags[Part(result.ImageIds[r])].Add([Vectors.Normalized(result.Embeddings.Row(r), $"embedding of exemplar image '{result.ImageIds[r]}'", r)]);
                }
                failures.AddRange(result.Failures);
            }
            else
            {
                var result = await dense.EncodeSegmentsAsync(images, offset, cancellationToken).ConfigureAwait(false);
                CheckWidth(result.Segments, dense);
                for (var n = 0; n < result.ImageIds.Count; n++)
                {
                    var bag = Enumerable.Range(result.Offsets[n], result.Offsets[n + 1] - result.Offsets[n])
                        .Select(r => Vectors.Normalized(result.Segments.Row(r), $"embedding of segment {r - result.Offsets[n]} of exemplar image '{result.ImageIds[n]}'", r)).ToArray();
                    if (bag.Length > 0)
                    {
                        bags[Part(result.ImageIds[n])].Add(bag);
                    }
                }
                failures.AddRange(result.Failures);
            }
            done += images.Count;
            progress?.Report(new ImageModelProgress(done, total, failures.Count));
        }
        var encoded = new Dictionary<ImageSource, double[][][]>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < sources.Count; i++)
        {
            encoded[sources[i]] = [.. bags[i]];
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
