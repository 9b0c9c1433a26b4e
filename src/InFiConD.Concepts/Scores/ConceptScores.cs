using InFiConD.Core;

namespace InFiConD.Concepts;

/// <summary>
/// Concept presence scores for a set of images, the hand-off from the embedding stage to the students:
/// <see cref="Values"/>[n, c] is how strongly concept c appears in image n (for the built-in scorer,
/// <c>max(0, max_p cos(e[n,p], t[c]))</c> over the image's segments p), optionally with the segment that
/// scored highest. Immutable by contract.
/// </summary>
public sealed class ConceptScores
{
    private readonly int[]? _bestSegment;
    private readonly float[]? _presence;
    private readonly Dictionary<string, int> _imageIndex;
    private readonly ConceptNameIndex _conceptIndex;

    private ConceptScores(FloatMatrix values, string[] imageIds, Dictionary<string, int> imageIndex,
        string[] conceptNames, ConceptNameIndex conceptIndex, int[]? bestSegment, float[]? presence = null)
    {
        _presence = presence;
        Values = values;
        ImageIds = Array.AsReadOnly(imageIds);
        _imageIndex = imageIndex;
        ConceptNames = Array.AsReadOnly(conceptNames);
        _conceptIndex = conceptIndex;
        _bestSegment = bestSegment;
    }

    /// <summary>
    /// The N × C scores. This is the instance's own storage, shared because score matrices can be
    /// gigabytes: do not write to it (use <see cref="FloatMatrix.Copy"/> for a matrix of your own).
    /// </summary>
    public FloatMatrix Values { get; }

    /// <summary>The N image ids, one per row, unique (ordinal).</summary>
    public IReadOnlyList<string> ImageIds { get; }

    /// <summary>The C concept names, one per column, unique by <see cref="Concept.Key"/>.</summary>
    public IReadOnlyList<string> ConceptNames { get; }

    /// <summary>Number of images, N.</summary>
    public int ImageCount => Values.Rows;

    /// <summary>Number of concepts, C.</summary>
    public int ConceptCount => Values.Columns;

    /// <summary>Whether the best-segment indices were recorded.</summary>
    public bool HasBestSegment => _bestSegment is not null;

    /// <summary>
    /// Row-major N × C segment indices (index within the image of the best-scoring segment, -1 when none),
    /// or empty when not recorded.
    /// </summary>
    public ReadOnlyMemory<int> BestSegment => _bestSegment;

    /// <summary>Whether each concept carries a calibrated "present" threshold (<see cref="PresenceThresholds"/>).</summary>
    public bool HasPresenceThresholds => _presence is not null;

    /// <summary>
    /// Per concept, the raw score at or above which the concept counts as present in an image (+∞: never), or empty
    /// when none were set. Set them with <see cref="WithPresenceThresholds"/>, for example from
    /// <see cref="ConceptPresence.Calibrate(ConceptScores, int)"/> on the training images, so that "present" means the same
    /// on every split.
    /// </summary>
    public ReadOnlyMemory<float> PresenceThresholds => _presence;

    /// <summary>Whether concept <paramref name="concept"/> is present in image <paramref name="image"/>: its score reaches the concept's threshold.</summary>
    /// <param name="image">Row, 0 ≤ image &lt; N.</param>
    /// <param name="concept">Column, 0 ≤ concept &lt; C.</param>
    /// <exception cref="InvalidOperationException">No thresholds were set (<see cref="HasPresenceThresholds"/> is false).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the matrix.</exception>
    public bool IsPresent(int image, int concept)
    {
        if (_presence is null)
        {
            throw new InvalidOperationException("These concept scores carry no presence thresholds; set them with WithPresenceThresholds (for example from ConceptPresence.Calibrate on the training images).");
        }
        return Values[image, concept] >= _presence[concept];
    }

    /// <summary>The same scores with per-concept presence thresholds (copied); the score matrix is shared, not copied.</summary>
    /// <param name="thresholds">One threshold per concept, each finite or +∞ (never present).</param>
    /// <exception cref="ShapeMismatchException">There is not one threshold per concept.</exception>
    /// <exception cref="ArgumentException">A threshold is NaN or −∞ (the concept is named).</exception>
    public ConceptScores WithPresenceThresholds(ReadOnlySpan<float> thresholds)
    {
        if (thresholds.Length != ConceptCount)
        {
            throw new ShapeMismatchException(nameof(thresholds), $"{ConceptCount} thresholds (one per concept)", $"{thresholds.Length} thresholds");
        }
        for (var j = 0; j < thresholds.Length; j++)
        {
            if (float.IsNaN(thresholds[j]) || float.IsNegativeInfinity(thresholds[j]))
            {
                throw new ArgumentException($"The presence threshold of concept {j} ('{ConceptNames[j]}') is {thresholds[j]}; expected a finite score, or +∞ for never present.", nameof(thresholds));
            }
        }
        return new ConceptScores(Values, [.. ImageIds], _imageIndex, [.. ConceptNames], _conceptIndex, _bestSegment, thresholds.ToArray());
    }

    /// <summary>
    /// Creates scores after checking every shape and value. The instance takes ownership of
    /// <paramref name="values"/> and <paramref name="bestSegment"/> without copying (score matrices can be
    /// gigabytes): do not modify them afterwards.
    /// </summary>
    /// <param name="values">N × C finite scores.</param>
    /// <param name="imageIds">N non-empty ids, unique (ordinal).</param>
    /// <param name="conceptNames">C concept names, non-empty and unique by key.</param>
    /// <param name="bestSegment">Optional row-major N × C segment indices, each ≥ -1.</param>
    /// <exception cref="ArgumentNullException">A required argument, an id or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An id is empty or repeated; a concept name is empty or repeats another by key;
    /// a best-segment index is below -1. The message names the items involved.</exception>
    /// <exception cref="ShapeMismatchException">The id count, name count or best-segment length does not match <paramref name="values"/>.</exception>
    /// <exception cref="NonFiniteValueException">A score is NaN or ±∞; names the row and column.</exception>
    public static ConceptScores Create(FloatMatrix values, IReadOnlyList<string> imageIds, IReadOnlyList<string> conceptNames, int[]? bestSegment = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(imageIds);
        ArgumentNullException.ThrowIfNull(conceptNames);
        var ids = imageIds.ToArray();
        var names = conceptNames.ToArray();
        if (ids.Length != values.Rows)
        {
            throw new ShapeMismatchException(nameof(imageIds), $"{values.Rows} ids (one per row of values)", $"{ids.Length} ids");
        }
        if (names.Length != values.Columns)
        {
            throw new ShapeMismatchException(nameof(conceptNames), $"{values.Columns} names (one per column of values)", $"{names.Length} names");
        }
        var imageIndex = IndexImages(ids);
        var conceptIndex = ConceptNameIndex.Create(names, nameof(conceptNames));
        values.EnsureFinite(nameof(values));
        if (bestSegment is not null)
        {
            if (bestSegment.Length != values.Length)
            {
                throw new ShapeMismatchException(nameof(bestSegment), $"{values.Length} indices ({values.Rows} × {values.Columns})", $"{bestSegment.Length} indices");
            }
            for (var i = 0; i < bestSegment.Length; i++)
            {
                if (bestSegment[i] < -1)
                {
                    throw new ArgumentException(
                        $"Best segment for image {i / values.Columns} ('{ids[i / values.Columns]}'), concept {i % values.Columns} ('{names[i % values.Columns]}') is {bestSegment[i]}; "
                        + "expected a segment index ≥ 0, or -1 for none.", nameof(bestSegment));
                }
            }
        }
        return new ConceptScores(values, ids, imageIndex, names, conceptIndex, bestSegment);
    }

    /// <summary>The score of one concept in one image.</summary>
    /// <param name="image">Row, 0 ≤ image &lt; N.</param>
    /// <param name="concept">Column, 0 ≤ concept &lt; C.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the matrix.</exception>
    public float this[int image, int concept] => Values[image, concept];

    /// <summary>The scores of one image (a view of <see cref="Values"/>).</summary>
    /// <param name="image">Row, 0 ≤ image &lt; N.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="image"/> is outside the matrix.</exception>
    public ReadOnlySpan<float> Row(int image) => Values.Row(image);

    /// <summary>The index, within image <paramref name="image"/>, of the segment that scored highest for
    /// <paramref name="concept"/>; -1 when no segment did.</summary>
    /// <param name="image">Row, 0 ≤ image &lt; N.</param>
    /// <param name="concept">Column, 0 ≤ concept &lt; C.</param>
    /// <exception cref="InvalidOperationException">Best segments were not recorded (<see cref="HasBestSegment"/> is false).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the matrix.</exception>
    public int BestSegmentOf(int image, int concept)
    {
        if (_bestSegment is null)
        {
            throw new InvalidOperationException("These concept scores carry no best-segment indices.");
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)image, (uint)ImageCount, nameof(image));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)concept, (uint)ConceptCount, nameof(concept));
        return _bestSegment[image * ConceptCount + concept];
    }

    /// <summary>The row of an image id (ordinal match), or -1.</summary>
    /// <param name="imageId">The id.</param>
    /// <exception cref="ArgumentNullException"><paramref name="imageId"/> is <see langword="null"/>.</exception>
    public int IndexOfImage(string imageId)
    {
        ArgumentNullException.ThrowIfNull(imageId);
        return _imageIndex.TryGetValue(imageId, out var index) ? index : -1;
    }

    /// <summary>The column of the concept whose key matches <paramref name="conceptName"/>, or -1.</summary>
    /// <param name="conceptName">A concept name in any casing or spacing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="conceptName"/> is <see langword="null"/>.</exception>
    public int IndexOfConcept(string conceptName) => _conceptIndex.IndexOf(conceptName);

    /// <summary>New scores with only the given concepts, as columns in the order given.</summary>
    /// <param name="conceptNames">Concept names (matched by key), each at most once.</param>
    /// <exception cref="ArgumentNullException"><paramref name="conceptNames"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is not in these scores, or is given twice.</exception>
    public ConceptScores Select(IEnumerable<string> conceptNames)
    {
        ArgumentNullException.ThrowIfNull(conceptNames);
        var columns = Resolve(conceptNames, IndexOfConcept, "concept", nameof(conceptNames));
        var values = new FloatMatrix(ImageCount, columns.Length);
        var best = _bestSegment is null ? null : new int[ImageCount * columns.Length];
        for (var n = 0; n < ImageCount; n++)
        {
            var source = Values.Row(n);
            var target = values.Row(n);
            for (var j = 0; j < columns.Length; j++)
            {
                target[j] = source[columns[j]];
                if (best is not null)
                {
                    best[n * columns.Length + j] = _bestSegment![n * ConceptCount + columns[j]];
                }
            }
        }
        var names = columns.Select(c => ConceptNames[c]).ToArray();
        return new ConceptScores(values, [.. ImageIds], new Dictionary<string, int>(_imageIndex, StringComparer.Ordinal),
            names, ConceptNameIndex.Create(names, nameof(conceptNames)), best, _presence is null ? null : [.. columns.Select(c => _presence[c])]);
    }

    /// <summary>New scores with only the given images, as rows in the order given.</summary>
    /// <param name="imageIds">Image ids (ordinal match), each at most once.</param>
    /// <exception cref="ArgumentNullException"><paramref name="imageIds"/> or an id is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An id is not in these scores, or is given twice.</exception>
    public ConceptScores SelectImages(IEnumerable<string> imageIds)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        var rows = Resolve(imageIds, IndexOfImage, "image", nameof(imageIds));
        var values = new FloatMatrix(rows.Length, ConceptCount);
        var best = _bestSegment is null ? null : new int[rows.Length * ConceptCount];
        for (var i = 0; i < rows.Length; i++)
        {
            Values.Row(rows[i]).CopyTo(values.Row(i));
            _bestSegment?.AsSpan(rows[i] * ConceptCount, ConceptCount).CopyTo(best.AsSpan(i * ConceptCount));
        }
        var ids = rows.Select(r => ImageIds[r]).ToArray();
        return new ConceptScores(values, ids, IndexImages(ids), [.. ConceptNames], _conceptIndex, best, _presence);
    }

    /// <inheritdoc />
    public override string ToString() => $"ConceptScores ({ImageCount} images × {ConceptCount} concepts)";

    private static Dictionary<string, int> IndexImages(string[] ids)
    {
        var index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] is null)
            {
                throw new ArgumentNullException("imageIds", $"Image id {i} is null.");
            }
            if (ids[i].Length == 0)
            {
                throw new ArgumentException($"Image id {i} is empty.", "imageIds");
            }
            if (!index.TryAdd(ids[i], i))
            {
                throw new ArgumentException($"Image ids {index[ids[i]]} and {i} are both '{ids[i]}'; ids must be unique.", "imageIds");
            }
        }
        return index;
    }

    private static int[] Resolve(IEnumerable<string> wanted, Func<string, int> indexOf, string what, string paramName)
    {
        var result = new List<int>();
        var seen = new HashSet<int>();
        foreach (var item in wanted)
        {
            ArgumentNullException.ThrowIfNull(item, paramName);
            var index = indexOf(item);
            if (index < 0)
            {
                throw new ArgumentException($"There is no {what} '{item}' in these scores.", paramName);
            }
            if (!seen.Add(index))
            {
                throw new ArgumentException($"The {what} '{item}' is selected twice.", paramName);
            }
            result.Add(index);
        }
        return [.. result];
    }
}
