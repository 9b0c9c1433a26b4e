using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Analysis;

/// <summary>
/// For every concept, the images where it is high (see <see cref="ConceptSlice"/>): the threshold, the count and a bit set
/// over the images. Depends only on the scores and <see cref="MisalignmentOptions.HighFraction"/>, never on the students, so
/// a <see cref="MisalignmentAnalyzer"/> computes it once and reuses it after every edit.
/// </summary>
internal sealed class ConceptHighSets
{
    private readonly ulong[] _bits;

    private ConceptHighSets(int images, int concepts, float[] thresholds, int[] counts, ulong[] bits)
    {
        ImageCount = images;
        ConceptCount = concepts;
        Thresholds = thresholds;
        Counts = counts;
        _bits = bits;
        WordsPerConcept = (images + 63) / 64;
    }

    public int ImageCount { get; }

    public int ConceptCount { get; }

    /// <summary>Per concept, the smallest high score (high ⇔ score ≥ threshold); +∞ when no image is high.</summary>
    public float[] Thresholds { get; }

    /// <summary>Per concept, the number of high images (0 or N: the concept has no slices).</summary>
    public int[] Counts { get; }

    private int WordsPerConcept { get; }

    /// <summary>The bit set of concept <paramref name="concept"/>: bit i of word w is image 64w + i; bits past N are 0.</summary>
    public ReadOnlySpan<ulong> Bits(int concept) => _bits.AsSpan(concept * WordsPerConcept, WordsPerConcept);

    /// <summary>The high sets of <paramref name="options"/>' <see cref="MisalignmentOptions.Presence"/>: calibrated thresholds (the
    /// scores' own, else calibrated on these scores), or the top <see cref="MisalignmentOptions.HighFraction"/> of each column.</summary>
    public static ConceptHighSets Compute(ConceptScores scores, MisalignmentOptions options, CancellationToken cancellationToken)
    {
        if (options.Presence == PresenceRule.TopFraction)
        {
            return Compute(scores, options.HighFraction, options.Threads, cancellationToken);
        }
        var thresholds = scores.HasPresenceThresholds ? scores.PresenceThresholds.ToArray() : ConceptPresence.Calibrate(scores, options.Threads);
        return FromThresholds(scores, thresholds, options.Threads, cancellationToken);
    }

    /// <summary>High means a score at or above the concept's own threshold; the threshold reported is the smallest high score.</summary>
    public static ConceptHighSets FromThresholds(ConceptScores scores, float[] thresholds, int threads, CancellationToken cancellationToken)
    {
        var (n, c) = (scores.ImageCount, scores.ConceptCount);
        var columns = Kernels.Transpose(scores.Values, threads);
        var words = (n + 63) / 64;
        var bits = new ulong[c * words];
        var smallest = new float[c];
        var counts = new int[c];
        Parallel.For(0, c, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, j =>
        {
            var column = columns.Row(j);
            counts[j] = Kernels.MarkHigh(column, thresholds[j], strictlyAbove: false, bits.AsSpan(j * words, words));
            var low = float.PositiveInfinity;
            foreach (var x in column)
            {
                low = x >= thresholds[j] ? Math.Min(low, x) : low;
            }
            smallest[j] = low;
        });
        return new ConceptHighSets(n, c, smallest, counts, bits);
    }

    /// <summary>One pass per concept over its (transposed) column; concepts in parallel, each writing its own slots.</summary>
    public static ConceptHighSets Compute(ConceptScores scores, double highFraction, int threads, CancellationToken cancellationToken)
    {
        var (n, c) = (scores.ImageCount, scores.ConceptCount);
        var target = Math.Clamp((int)Math.Ceiling(highFraction * n - 1e-9), 1, n);
        var columns = Kernels.Transpose(scores.Values, threads);
        var words = (n + 63) / 64;
        var bits = new ulong[c * words];
        var thresholds = new float[c];
        var counts = new int[c];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        Parallel.For(0, c, parallel, () => new float[n], (j, _, scratch) =>
        {
            var column = columns.Row(j);
            var (t, _, minimum) = HighThreshold.Find(column, target, scratch);
            // When the threshold is the smallest score (most images share it, e.g. scores clamped at 0), "present" means above it.
            var strict = t == minimum;
            var set = bits.AsSpan(j * words, words);
            var count = Kernels.MarkHigh(column, t, strict, set);
            var threshold = t;
            if (strict)
            {
                threshold = float.PositiveInfinity;
                foreach (var x in column)
                {
                    threshold = x > t ? Math.Min(threshold, x) : threshold;
                }
            }
            (thresholds[j], counts[j]) = (threshold, count);
            return scratch;
        }, _ => { });
        return new ConceptHighSets(n, c, thresholds, counts, bits);
    }
}
