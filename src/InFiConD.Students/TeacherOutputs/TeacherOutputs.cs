using System.Numerics.Tensors;
using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// What the teacher said about each image: an N × K matrix of class probabilities with the class names, the
/// image ids (matching <see cref="ConceptScores.ImageIds"/>) and the predicted labels. Single-label teachers
/// have rows summing to 1 (softmax); multi-label teachers have independent probabilities (sigmoids).
/// </summary>
public sealed class TeacherOutputs
{
    /// <summary>Largest accepted deviation of a single-label row sum from 1.</summary>
    public const float RowSumTolerance = 1e-3f;

    private readonly int[] _predicted;

    private TeacherOutputs(FloatMatrix probabilities, IReadOnlyList<string> classNames, IReadOnlyList<string> imageIds, bool multiLabel)
    {
        Probabilities = probabilities;
        ClassNames = classNames;
        ImageIds = imageIds;
        MultiLabel = multiLabel;
        _predicted = new int[probabilities.Rows];
        for (var n = 0; n < probabilities.Rows; n++)
        {
            _predicted[n] = ArgMax(probabilities.Row(n));
        }
    }

    /// <summary>N × K class probabilities. Treat as read-only.</summary>
    public FloatMatrix Probabilities { get; }

    /// <summary>The K class names, in column order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The N image ids, in row order.</summary>
    public IReadOnlyList<string> ImageIds { get; }

    /// <summary>True for independent per-class probabilities (sigmoids), false for a distribution over classes.</summary>
    public bool MultiLabel { get; }

    /// <summary>The teacher's top class per image (first on ties).</summary>
    public IReadOnlyList<int> PredictedLabels => _predicted;

    /// <summary>Number of images N.</summary>
    public int ImageCount => Probabilities.Rows;

    /// <summary>Number of classes K.</summary>
    public int ClassCount => Probabilities.Columns;

    /// <summary>Wraps probabilities (not copied), validating them.</summary>
    /// <param name="probabilities">N × K probabilities in [0, 1]; single-label rows must sum to 1 within <see cref="RowSumTolerance"/>.</param>
    /// <param name="classNames">K distinct class names.</param>
    /// <param name="imageIds">N distinct image ids.</param>
    /// <param name="multiLabel">Whether classes are independent.</param>
    /// <exception cref="ShapeMismatchException">Names or ids do not match the matrix.</exception>
    /// <exception cref="NonFiniteValueException">A value is NaN or infinite (row and column named).</exception>
    /// <exception cref="ArgumentException">A value is outside [0, 1], a row does not sum to 1, or names/ids repeat.</exception>
    public static TeacherOutputs FromProbabilities(FloatMatrix probabilities, IReadOnlyList<string> classNames, IReadOnlyList<string> imageIds, bool multiLabel = false)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        Validate(probabilities, classNames, imageIds);
        probabilities.EnsureFinite(nameof(probabilities));
        for (var n = 0; n < probabilities.Rows; n++)
        {
            var row = probabilities.Row(n);
            double sum = 0;
            for (var k = 0; k < row.Length; k++)
            {
                if (row[k] is < 0f or > 1f)
                {
                    throw new ArgumentException($"Teacher probability at row {n} (image '{imageIds[n]}'), class '{classNames[k]}' is {row[k]}; probabilities must lie in [0, 1]. Pass logits to FromLogits instead.", nameof(probabilities));
                }
                sum += row[k];
            }
            if (!multiLabel && Math.Abs(sum - 1) > RowSumTolerance)
            {
                throw new ArgumentException($"Teacher probabilities of row {n} (image '{imageIds[n]}') sum to {sum:G6}, not 1. Declare the teacher multi-label if its classes are independent, or pass logits to FromLogits.", nameof(probabilities));
            }
        }
        return new TeacherOutputs(probabilities, classNames, imageIds, multiLabel);
    }

    /// <summary>
    /// Converts logits to probabilities: softmax(l / T) per row, or σ(l / T) per entry when multi-label. The softmax is
    /// shifted by the row's maximum (computes <c>p_k = exp((l_k − m) / T) / Σ_j exp((l_j − m) / T)</c>, m = max_j l_j) and
    /// the sigmoid is taken in its stable form, so logits of any size give probabilities, never NaN: [100, 0, 0] gives
    /// [1, e⁻¹⁰⁰, e⁻¹⁰⁰] and ±10⁴ give 1 and 0. A −∞ logit is valid and gives probability 0 (a masked class).
    /// </summary>
    /// <param name="logits">N × K logits (copied): finite or −∞.</param>
    /// <param name="classNames">K distinct class names.</param>
    /// <param name="imageIds">N distinct image ids.</param>
    /// <param name="multiLabel">Independent sigmoids instead of a softmax.</param>
    /// <param name="temperature">T &gt; 0; above 1 softens the teacher.</param>
    /// <exception cref="NonFiniteValueException">A logit is NaN or +∞ (row and column named), or, single-label, every logit of a
    /// row is −∞, which leaves its softmax undefined (row named, column 0).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The temperature is not positive and finite.</exception>
    /// <exception cref="ShapeMismatchException">Names or ids do not match the matrix.</exception>
    /// <exception cref="ArgumentException">Names or ids repeat.</exception>
    public static TeacherOutputs FromLogits(FloatMatrix logits, IReadOnlyList<string> classNames, IReadOnlyList<string> imageIds, bool multiLabel = false, float temperature = 1f)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (!(temperature > 0) || float.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive and finite.");
        }
        Validate(logits, classNames, imageIds);
        RequireLogits(logits, classNames, imageIds, multiLabel);
        var probabilities = logits.Copy();
        for (var n = 0; n < probabilities.Rows; n++)
        {
            var row = probabilities.Row(n);
            if (row.IsEmpty)
            {
                continue;
            }
            if (multiLabel)
            {
                TensorPrimitives.Divide(row, temperature, row);
                Kernels.Sigmoid(row, row);
            }
            else
            {
                // Shifted before the division, so that a small temperature cannot overflow a large logit to +∞.
                TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), row);
                TensorPrimitives.Divide(row, temperature, row);
                Kernels.SoftMax(row, row);
            }
        }
        return new TeacherOutputs(probabilities, classNames, imageIds, multiLabel);
    }

    /// <summary>The message part of a logit error that says what a logit may be.</summary>
    internal const string LogitRule = "a logit must be finite or −∞ (−∞ gives probability 0); NaN and +∞ have no probability.";

    /// <summary>The message part of a row error: a softmax needs one finite logit.</summary>
    internal const string AllNegativeInfinityRule = "every logit of the row is −∞, and a softmax needs at least one finite logit.";

    /// <summary>Checks that every logit is finite or −∞ and, single-label, that no row is −∞ throughout.</summary>
    private static void RequireLogits(FloatMatrix logits, IReadOnlyList<string> classNames, IReadOnlyList<string> imageIds, bool multiLabel)
    {
        for (var n = 0; n < logits.Rows; n++)
        {
            var row = logits.Row(n);
            var finite = false;
            for (var k = 0; k < row.Length; k++)
            {
                if (float.IsNaN(row[k]) || float.IsPositiveInfinity(row[k]))
                {
                    throw new NonFiniteValueException(nameof(logits), n, k, row[k], $"the logit of image '{imageIds[n]}' for class '{classNames[k]}': {LogitRule}");
                }
                finite |= float.IsFinite(row[k]);
            }
            if (!multiLabel && !finite && row.Length > 0)
            {
                throw new NonFiniteValueException(nameof(logits), n, 0, float.NegativeInfinity, $"for image '{imageIds[n]}' {AllNegativeInfinityRule}");
            }
        }
    }

    /// <summary>A hard teacher: one-hot probabilities from labels.</summary>
    /// <param name="labels">N labels in [0, K).</param>
    /// <param name="classNames">K distinct class names.</param>
    /// <param name="imageIds">N distinct image ids.</param>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, K) (its row named).</exception>
    public static TeacherOutputs FromLabels(IReadOnlyList<int> labels, IReadOnlyList<string> classNames, IReadOnlyList<string> imageIds)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        var probabilities = new FloatMatrix(labels.Count, classNames.Count);
        for (var n = 0; n < labels.Count; n++)
        {
            if ((uint)labels[n] >= (uint)classNames.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[n], $"Label of row {n} is {labels[n]}; labels must be in [0, {classNames.Count}).");
            }
            probabilities[n, labels[n]] = 1f;
        }
        Validate(probabilities, classNames, imageIds);
        return new TeacherOutputs(probabilities, classNames, imageIds, multiLabel: false);
    }

    /// <summary>One-hot targets of the predicted labels (single-label), or probabilities rounded at 0.5 (multi-label).</summary>
    public FloatMatrix HardTargets()
    {
        var hard = new FloatMatrix(ImageCount, ClassCount);
        for (var n = 0; n < ImageCount; n++)
        {
            if (MultiLabel)
            {
                var row = Probabilities.Row(n);
                for (var k = 0; k < ClassCount; k++)
                {
                    hard[n, k] = row[k] >= 0.5f ? 1f : 0f;
                }
            }
            else if (ClassCount > 0)
            {
                hard[n, _predicted[n]] = 1f;
            }
        }
        return hard;
    }

    /// <summary>The rows reordered to follow <paramref name="imageIds"/> (for example a <see cref="ConceptScores"/>' ids).</summary>
    /// <param name="imageIds">Ids to follow; each must be present here.</param>
    /// <exception cref="ArgumentException">An id is missing from the teacher's outputs (its position named).</exception>
    public TeacherOutputs AlignTo(IReadOnlyList<string> imageIds)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        if (imageIds.SequenceEqual(ImageIds))
        {
            return this;
        }
        var index = new Dictionary<string, int>(ImageIds.Count, StringComparer.Ordinal);
        for (var n = 0; n < ImageIds.Count; n++)
        {
            index[ImageIds[n]] = n;
        }
        var aligned = new FloatMatrix(imageIds.Count, ClassCount);
        for (var i = 0; i < imageIds.Count; i++)
        {
            if (!index.TryGetValue(imageIds[i], out var source))
            {
                throw new ArgumentException($"Image '{imageIds[i]}' (row {i} of the concept scores) has no teacher output; the teacher covers {ImageIds.Count} images.", nameof(imageIds));
            }
            Probabilities.Row(source).CopyTo(aligned.Row(i));
        }
        return new TeacherOutputs(aligned, ClassNames, imageIds.ToArray(), MultiLabel);
    }

    private static void Validate(FloatMatrix matrix, IReadOnlyList<string> classNames, IReadOnlyList<string> imageIds)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(imageIds);
        if (classNames.Count != matrix.Columns)
        {
            throw new ShapeMismatchException(nameof(classNames), $"{matrix.Columns} names (one per column)", $"{classNames.Count} names");
        }
        if (imageIds.Count != matrix.Rows)
        {
            throw new ShapeMismatchException(nameof(imageIds), $"{matrix.Rows} ids (one per row)", $"{imageIds.Count} ids");
        }
        RequireDistinct(classNames, nameof(classNames), "Class name");
        RequireDistinct(imageIds, nameof(imageIds), "Image id");
    }

    private static void RequireDistinct(IReadOnlyList<string> values, string name, string what)
    {
        var seen = new Dictionary<string, int>(values.Count, StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            if (!seen.TryAdd(values[i], i))
            {
                throw new ArgumentException($"{what} '{values[i]}' appears at positions {seen[values[i]]} and {i}; they must be distinct.", name);
            }
        }
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var k = 1; k < row.Length; k++)
        {
            if (row[k] > row[best])
            {
                best = k;
            }
        }
        return best;
    }
}
