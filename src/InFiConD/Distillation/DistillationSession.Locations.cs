using System.Text.Json;
using InFiConD.Core;
using InFiConD.Editing;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD;

public sealed partial class DistillationSession
{
    private readonly IReadOnlyDictionary<string, SplitSegments> _segments;
    private SegmentCacheReference? _segmentCache;

    // Opened on the first Locate and kept: indexing a cache walks every record header once.
    private OpenedCache? _cacheReader;

    /// <summary>
    /// The embedding cache the run wrote the segment embeddings to (<see cref="DistillationBuilder.WithCache"/>), from which
    /// <see cref="Locate"/> recomputes per-segment scores; <see langword="null"/> when the run kept none. Saved with the
    /// session; point a reopened session at a moved copy with <see cref="UseEmbeddingCache"/>.
    /// </summary>
    public string? EmbeddingCacheDirectory => _segmentCache?.Directory;

    /// <summary>
    /// Points the session at an embedding cache holding its images' segments (the run's cache, copied or moved). It is read
    /// without a lock (a run may append to it meanwhile); a cache of another encoder or segmentation is refused on the next
    /// <see cref="Locate"/>, which then says so.
    /// </summary>
    /// <param name="directory">The cache directory (the one under the run's cache folder named <c>segments</c>).</param>
    /// <exception cref="InvalidOperationException">The session does not know which encoder made its segments (it was made from precomputed scores).</exception>
    public void UseEmbeddingCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var known = _segmentCache ?? throw new InvalidOperationException("This session does not know which encoder and segmentation made its concept scores (they were not computed by a distillation run), so no embedding cache can be checked against them.");
        _segmentCache = known with { Directory = Path.GetFullPath(directory) };
    }

    /// <summary>
    /// Where each concept was found in one image: the image's segment boxes, and per concept its score, whether it is present
    /// (its score reaches the calibrated presence threshold) and, where present, the best-scoring segment and its box — no box
    /// where a concept is absent. Boxes and best segments are kept by the session (and in its file); the P × C per-segment
    /// scores are recomputed from the run's embedding cache when it can be read.
    /// </summary>
    /// <param name="imageId">The image's id.</param>
    /// <param name="split">The split's name; the training images by default.</param>
    /// <returns>The locations.</returns>
    /// <exception cref="ArgumentException">No split has that name, or the split has no image with that id.</exception>
    public ConceptLocations Locate(string imageId, string split = DataSplit.TrainingName)
    {
        ArgumentNullException.ThrowIfNull(imageId);
        var data = Split(split);
        var scores = data.Scores;
        var row = scores.IndexOfImage(imageId);
        if (row < 0)
        {
            throw new ArgumentException($"The split '{data.Name}' has no image '{imageId}' ({data.ImageCount} images).", nameof(imageId));
        }
        var segments = _segments.GetValueOrDefault(data.Name);
        var boxes = segments?.BoxesOf(row) ?? [];
        var concepts = new ConceptLocation[scores.ConceptCount];
        var thresholds = scores.PresenceThresholds.Span;
        for (var j = 0; j < concepts.Length; j++)
        {
            var score = scores.Values[row, j];
            float? threshold = scores.HasPresenceThresholds && float.IsFinite(thresholds[j]) ? thresholds[j] : null;
            var present = scores.HasPresenceThresholds ? score >= thresholds[j] : score > 0f;
            int? best = present && scores.HasBestSegment && scores.BestSegmentOf(row, j) is >= 0 and var b ? b : null;
            var box = best is { } index && index < boxes.Count ? boxes[index] : null;
            concepts[j] = new ConceptLocation(scores.ConceptNames[j], score, threshold, present, best, box);
        }
        var (segmentScores, unavailable) = SegmentScoresOf(segments?.HashOf(row), boxes.Count);
        return new ConceptLocations
        {
            ImageId = imageId, Split = data.Name, Segments = boxes, Concepts = concepts,
            SegmentScores = segmentScores, SegmentScoresUnavailable = unavailable,
        };
    }

    /// <summary>Reads the image's segment embeddings back from the cache and scores each segment alone, with the scorer's own kernel.</summary>
    private (FloatMatrix? Scores, string? Unavailable) SegmentScoresOf(string? hash, int segmentCount)
    {
        var reference = _segmentCache;
        if (Bank is null)
        {
            return (null, "the session has no concept bank (saved in format version 1)");
        }
        if (reference?.Directory is not { } directory)
        {
            return (null, "the run kept no embedding cache (DistillationBuilder.WithCache); boxes and best segments are still known");
        }
        if (hash is null)
        {
            return (null, "the image's content was not hashed when it was encoded, so it cannot be found in the cache");
        }
        if (!File.Exists(Path.Combine(directory, EmbeddingCache.HeaderFileName)))
        {
            return (null, $"the embedding cache '{directory}' is gone; point the session at a copy with UseEmbeddingCache");
        }
        try
        {
            var cache = ReaderFor(reference);
            if (!cache.TryGet(hash, out var record) || record is null)
            {
                return (null, $"the embedding cache '{directory}' does not hold this image (content hash {hash[..12]}…)");
            }
            if (segmentCount > 0 && record.Segments.Rows != segmentCount)
            {
                return (null, $"the embedding cache '{directory}' holds {record.Segments.Rows} segments for this image, the session {segmentCount}");
            }
            var rows = record.Segments.Rows;
            var offsets = Enumerable.Range(0, rows + 1).ToArray();
            var values = new FloatMatrix(rows, Bank.Count);
            Kernels.SegmentMaxCosine(record.Segments, offsets, Bank.Vectors, values, maxDegreeOfParallelism: 1);
            return (values, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InFiConDException or InvalidOperationException)
        {
            return (null, $"the embedding cache '{directory}' could not be read: {ex.Message}");
        }
    }

    /// <summary>The reader of the cache the session points at, opened once per directory.</summary>
    private EmbeddingCacheReader ReaderFor(SegmentCacheReference reference)
    {
        if (_cacheReader is { } known && known.Reference == reference)
        {
            return known.Reader;
        }
        var reader = EmbeddingCacheReader.Open(reference.Directory!, reference.ModelId, reference.Segmentation, reference.Dimension);
        _cacheReader = new OpenedCache(reference, reader);
        return reader;
    }

    /// <summary>A reader and the reference it was opened for, swapped as one reference.</summary>
    private sealed record OpenedCache(SegmentCacheReference Reference, EmbeddingCacheReader Reader);

    /// <summary>The session's segments and cache reference as a session-file attachment; none when it knows neither.</summary>
    private Dictionary<string, byte[]>? LocationAttachments()
    {
        if (_segments.Count == 0 && _segmentCache is null)
        {
            return null;
        }
        var cache = _segmentCache;
        var document = new LocationsDocument
        {
            EmbeddingCache = cache is null ? null : new() { Directory = cache.Directory, ModelId = cache.ModelId, Segmentation = cache.Segmentation, Dimension = cache.Dimension },
            Splits = [.. Splits.Where(s => _segments.ContainsKey(s.Name)).Select(s => _segments[s.Name].ToDocument(s.Name))],
        };
        return new() { [LocationsDocument.AttachmentName] = JsonSerializer.SerializeToUtf8Bytes(document, LocationsJsonContext.Default.LocationsDocument) };
    }

    /// <summary>Reads the locations attachment of a session file (none in files saved before locations were kept).</summary>
    private static (Dictionary<string, SplitSegments> Segments, SegmentCacheReference? Cache) ReadLocations(string path, SessionLoadResult loaded)
    {
        var segments = new Dictionary<string, SplitSegments>(StringComparer.Ordinal);
        if (!loaded.Attachments.TryGetValue(LocationsDocument.AttachmentName, out var bytes))
        {
            return (segments, null);
        }
        const string entry = "attachments/" + LocationsDocument.AttachmentName;
        InvalidFileException Fail(string problem) => new(path, entry, null, problem);
        LocationsDocument document;
        try
        {
            document = JsonSerializer.Deserialize(bytes.Span, LocationsJsonContext.Default.LocationsDocument) ?? throw new JsonException("the content is JSON null");
        }
        catch (JsonException ex)
        {
            throw new InvalidFileException(path, entry, null, $"not valid JSON ({ex.Message}).", ex);
        }
        var splits = loaded.Session.Splits.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var split in document.Splits ?? [])
        {
            if (split?.Split is not { } name || !splits.TryGetValue(name, out var data))
            {
                throw Fail($"lists the segments of split '{split?.Split}', which the session does not have ({string.Join(", ", splits.Keys)}).");
            }
            segments[name] = SplitSegments.FromDocument(split, data.ImageCount, problem => Fail($"split '{name}': {problem}"));
        }
        SegmentCacheReference? cache = null;
        if (document.EmbeddingCache is { } c)
        {
            if (c.ModelId is null || c.Segmentation is null || c.Dimension is not > 0)
            {
                throw Fail("'embeddingCache' lacks 'modelId', 'segmentation' or a 'dimension' > 0.");
            }
            cache = new SegmentCacheReference(c.Directory, c.ModelId, c.Segmentation, c.Dimension.Value);
        }
        return (segments, cache);
    }
}
