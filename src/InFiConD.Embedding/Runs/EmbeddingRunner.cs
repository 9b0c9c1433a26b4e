using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Encoding runs: a source (or one shard of it) through a dense encoder, with an optional
/// <see cref="EmbeddingCache"/> so images already encoded are read back instead of encoded again and a
/// killed run resumes where it stopped.
/// </summary>
public static class EmbeddingRunner
{
    /// <summary>
    /// Encodes a source's segments. Each image's content is hashed (<see cref="ImageContentHash"/>) and looked
    /// up in the cache; the rest go to the encoder in chunks of <see cref="EncodeOptions.ImagesPerChunk"/>,
    /// each chunk appended to the cache (flushed to disk) before the next starts. Images that fail are
    /// reported in <see cref="SegmentEmbeddings.Failures"/> and never cached, so a later run tries them again.
    /// The result is in source (or shard) order and does not depend on which images came from the cache:
    /// cached rows are the bit-exact floats the encoder gave.
    /// </summary>
    /// <param name="source">The images.</param>
    /// <param name="encoder">The dense encoder.</param>
    /// <param name="options">Cache, shard, chunking and failure handling; <see langword="null"/> for <see cref="EncodeOptions.Default"/>.</param>
    /// <param name="progress">Receives progress after the cache lookup and after each chunk (cache hits count as done).</param>
    /// <param name="cancellationToken">Cancels between chunks (and inside the encoder); chunks already encoded stay cached.</param>
    /// <returns>Σ P_n × D embeddings with offsets, ids, boxes and failures, in source order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="encoder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidFileException">The cache was written for another model id, segmentation or dimension.</exception>
    /// <exception cref="ShapeMismatchException">The encoder returned rows of another width than its <see cref="IImageEncoder.Dimension"/>, or offsets that do not match its boxes.</exception>
    /// <exception cref="ImageDecodeException">An image failed and <see cref="EncodeOptions.FailFast"/> is set (the first failure of its chunk, in source order).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static async Task<SegmentEmbeddings> EncodeAsync(ImageSource source, IDenseImageEncoder encoder, EncodeOptions? options = null,
        IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(encoder);
        options = (options ?? EncodeOptions.Default).Validate();
        var images = options.Shard is { } shard ? source.Shard(shard.Index, shard.Count) : source;
        var dimension = encoder.Dimension;
        using var cache = options.CacheDirectory is { } directory
            ? EmbeddingCache.Open(directory, encoder.ModelId, options.SegmentationKey ?? SegmentationKeyOf(encoder), dimension)
            : null;

        var n = images.Count;
        var records = new SegmentEmbeddingRecord?[n];
        var failures = new DecodeFailure?[n];
        var hashes = new string?[n];
        var pending = new List<int>();
        if (cache is null)
        {
            pending.AddRange(Enumerable.Range(0, n));
        }
        else
        {
            // Hashing reads every file once; in parallel because it is I/O- and SHA-bound, not encoder-bound.
            Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken },
                i => hashes[i] = ImageContentHash.TryCompute(images[i], out var hash) ? hash : null);
            for (var i = 0; i < n; i++)
            {
                if (hashes[i] is { } hash && cache.TryGet(hash, out var cached))
                {
                    records[i] = cached;
                }
                else
                {
                    pending.Add(i);
                }
            }
        }
        var done = n - pending.Count;
        var failed = 0;
        progress?.Report(new ImageModelProgress(done, n, failed));

        for (var start = 0; start < pending.Count; start += options.ImagesPerChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = pending.GetRange(start, Math.Min(options.ImagesPerChunk, pending.Count - start));
            var encoded = await encoder.EncodeSegmentsAsync(ImageSource.FromItems(chunk.Select(i => images[i]), $"{images.Description}, uncached"), null, cancellationToken).ConfigureAwait(false);
            CheckShape(encoder, encoded);
            var position = encoded.ImageIds.Select((id, k) => (id, k)).ToDictionary(p => p.id, p => p.k, StringComparer.Ordinal);
            var reported = encoded.Failures.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var toCache = new List<SegmentEmbeddingRecord>();
            DecodeFailure? first = null;
            foreach (var i in chunk)
            {
                var item = images[i];
                if (position.TryGetValue(item.Id, out var k))
                {
                    var rows = encoded.Offsets[k + 1] - encoded.Offsets[k];
                    var segments = FloatMatrix.FromValues(encoded.Segments.RowBlock(encoded.Offsets[k], rows), rows, dimension);
                    records[i] = new SegmentEmbeddingRecord(hashes[i] ?? "", segments, encoded.Boxes[k]);
                    if (hashes[i] is not null)
                    {
                        toCache.Add(records[i]!);
                    }
                }
                else
                {
                    failures[i] = reported.GetValueOrDefault(item.Id)
                        ?? new DecodeFailure(item.Id, item.Path, DecodeFailureReason.Corrupt, $"the encoder {encoder.ModelId} returned neither embeddings nor a failure for it.");
                    first ??= failures[i];
                    failed++;
                }
            }
            cache?.AppendRange(toCache);
            done += chunk.Count;
            progress?.Report(new ImageModelProgress(done, n, failed));
            if (options.FailFast && first is not null)
            {
                throw new ImageDecodeException(first);
            }
        }
        return Assemble(images, records, failures, dimension);
    }

    /// <summary>The segmentation key a cache header records for an encoder when the options name none.</summary>
    /// <param name="encoder">The encoder.</param>
    /// <returns>The encoder's <see cref="IDenseImageEncoder.SegmentationKey"/>: a <see cref="CroppedSegmentEncoder"/>'s segmentation
    /// key (plus <c>+whole</c>), a <see cref="MaskPooledSegmentEncoder"/>'s mask key (plus <c>+pooled</c>), otherwise <c>native</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="encoder"/> is <see langword="null"/>.</exception>
    public static string SegmentationKeyOf(IDenseImageEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        // Each segment encoder knows its own key, so one in another package (the packaged ResNet-18's) needs no case here.
        return encoder.SegmentationKey;
    }

    private static void CheckShape(IDenseImageEncoder encoder, SegmentEmbeddings encoded)
    {
        var images = encoded.ImageIds.Count;
        if (encoded.Segments.Columns != encoder.Dimension || encoded.Offsets.Count != images + 1 || encoded.Boxes.Count != images
            || encoded.Offsets[images] != encoded.Segments.Rows)
        {
            throw new ShapeMismatchException($"segments from {encoder.ModelId}",
                $"{images} images with {images + 1} offsets ending at the row count, {images} box lists and {encoder.Dimension} columns",
                $"{encoded.Offsets.Count} offsets ending at {(encoded.Offsets.Count > 0 ? encoded.Offsets[^1] : 0)}, {encoded.Boxes.Count} box lists, {encoded.Segments.Rows} × {encoded.Segments.Columns}");
        }
        for (var k = 0; k < images; k++)
        {
            if (encoded.Boxes[k].Count != encoded.Offsets[k + 1] - encoded.Offsets[k])
            {
                throw new ShapeMismatchException($"segments of {encoded.ImageIds[k]} from {encoder.ModelId}", $"{encoded.Boxes[k].Count} rows (one per box)", $"{encoded.Offsets[k + 1] - encoded.Offsets[k]} rows");
            }
        }
    }

    private static SegmentEmbeddings Assemble(ImageSource images, SegmentEmbeddingRecord?[] records, DecodeFailure?[] failures, int dimension)
    {
        var total = records.Sum(r => r?.Segments.Rows ?? 0);
        var segments = new FloatMatrix(total, dimension);
        var offsets = new List<int>(records.Length + 1) { 0 };
        var ids = new List<string>(records.Length);
        var boxes = new List<IReadOnlyList<SegmentBox>>(records.Length);
        var hashes = new List<string?>(records.Length);
        var row = 0;
        for (var i = 0; i < records.Length; i++)
        {
            if (records[i] is not { } record)
            {
                continue;
            }
            record.Segments.AsSpan().CopyTo(segments.RowBlock(row, record.Segments.Rows));
            row += record.Segments.Rows;
            offsets.Add(row);
            ids.Add(images[i].Id);
            boxes.Add(record.Boxes);
            hashes.Add(record.ContentHash.Length == 0 ? null : record.ContentHash);
        }
        return new SegmentEmbeddings(segments, offsets, ids, boxes, failures.OfType<DecodeFailure>().ToList()) { ContentHashes = hashes };
    }
}
