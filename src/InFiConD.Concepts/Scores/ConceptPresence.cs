using InFiConD.Core;

namespace InFiConD.Concepts;

/// <summary>
/// Calibrated "present" thresholds: for each concept, where its own scores split into a low and a high group, rather than
/// one quantile for every concept. A concept shown by 9 % of the images and one shown by 40 % each get the threshold that
/// separates their own two groups.
/// </summary>
/// <remarks>
/// The split is Otsu's criterion, computed exactly: over every boundary between two distinct sorted scores, the one that
/// maximises the between-group variance <c>w₀ w₁ (μ₀ − μ₁)²</c>, each group holding at least 1 % of the images (and at least
/// one); the threshold is the midpoint of the boundary, so an image scoring like the high group on another split counts as
/// present there too. A column with no such split (all scores equal, or one group too small) gets the next float above its
/// largest score: present nowhere on these images, but wherever a higher score appears. The result depends only on the
/// multiset of scores, so it is deterministic and independent of image order and thread count.
/// </remarks>
public static class ConceptPresence
{
    /// <summary>The thresholds of every concept of <paramref name="scores"/>, one per column.</summary>
    /// <param name="scores">The scores to calibrate on (the training images, so every split shares the thresholds).</param>
    /// <param name="maxDegreeOfParallelism">Threads; −1 (the default) for one per processor. Results do not depend on it.</param>
    /// <exception cref="ArgumentException">There are no images.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below −1.</exception>
    public static float[] Calibrate(ConceptScores scores, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use −1 (one thread per processor) or a count ≥ 1.");
        }
        if (scores.ImageCount == 0)
        {
            throw new ArgumentException("Presence thresholds need at least one image to calibrate on.", nameof(scores));
        }
        var threads = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        var columns = Kernels.Transpose(scores.Values, threads);
        var thresholds = new float[scores.ConceptCount];
        Parallel.For(0, scores.ConceptCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new float[scores.ImageCount], (j, _, scratch) =>
        {
            columns.Row(j).CopyTo(scratch);
            thresholds[j] = SplitSorted(scratch);
            return scratch;
        }, _ => { });
        return thresholds;
    }

    /// <summary>The two-group threshold of one concept's scores (see the remarks).</summary>
    /// <param name="values">The concept's scores over the images; finite.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds a non-finite value.</exception>
    public static float Threshold(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("A presence threshold needs at least one score.", nameof(values));
        }
        var copy = values.ToArray();
        foreach (var v in copy)
        {
            if (!float.IsFinite(v))
            {
                throw new ArgumentException($"The scores hold {v}; presence thresholds are calibrated on finite scores.", nameof(values));
            }
        }
        return SplitSorted(copy);
    }

    /// <summary>Sorts <paramref name="values"/> in place and returns Otsu's threshold.</summary>
    private static float SplitSorted(Span<float> values)
    {
        values.Sort();
        var n = values.Length;
        var minimumSide = Math.Max(1, (int)Math.Ceiling(0.01 * n));
        var total = 0.0;
        foreach (var v in values)
        {
            total += v;
        }
        var (best, bestAt, below) = (-1.0, -1, 0.0);
        for (var s = 1; s < n; s++)
        {
            below += values[s - 1];
            if (values[s - 1] == values[s] || s < minimumSide || n - s < minimumSide)
            {
                continue;
            }
            var (w0, w1) = ((double)s / n, (double)(n - s) / n);
            var gap = (below / s) - ((total - below) / (n - s));
            var between = w0 * w1 * gap * gap;
            if (between > best)
            {
                (best, bestAt) = (between, s);
            }
        }
        if (bestAt < 0)
        {
            return MathF.BitIncrement(values[n - 1]);
        }
        var (low, high) = (values[bestAt - 1], values[bestAt]);
        // The midpoint can round onto the low score when the two are adjacent floats; the high one still counts as present.
        var middle = (float)((low + (double)high) / 2);
        return middle > low ? middle : high;
    }
}
