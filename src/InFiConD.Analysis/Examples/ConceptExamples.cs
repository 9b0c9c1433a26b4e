using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Analysis;

/// <summary>
/// What one concept looks like in the data: its top-scoring images (with the segment that scored, when recorded), so a
/// person can check the concept means what its name says, and the statistics of its scores.
/// </summary>
/// <param name="ConceptIndex">Column j of the concept scores.</param>
/// <param name="ConceptName">The concept.</param>
/// <param name="Statistics">The distribution of its scores.</param>
/// <param name="TopImages">The highest-scoring images, highest first; equal scores in image order.</param>
public sealed record ConceptExamples(int ConceptIndex, string ConceptName, ConceptStatistics Statistics, IReadOnlyList<ConceptExample> TopImages)
{
    /// <summary>Examples and statistics of every concept, in column order (one sort per concept, concepts in parallel).</summary>
    /// <param name="scores">The concept scores (at least one image).</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="ConceptExampleOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="ArgumentException">There are no images.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static IReadOnlyList<ConceptExamples> ForAll(ConceptScores scores, ConceptExampleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scores);
        options = (options ?? ConceptExampleOptions.Default).Validate();
        RequireImages(scores);
        var columns = Kernels.Transpose(scores.Values, options.Threads);
        var result = new ConceptExamples[scores.ConceptCount];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken };
        Parallel.For(0, scores.ConceptCount, parallel, () => new float[scores.ImageCount], (j, _, scratch) =>
        {
            result[j] = Describe(scores, j, columns.Row(j), scratch, options);
            return scratch;
        }, _ => { });
        return result;
    }

    /// <summary>Examples and statistics of one concept.</summary>
    /// <param name="scores">The concept scores (at least one image).</param>
    /// <param name="conceptName">The concept (matched by key, as <see cref="ConceptScores.IndexOfConcept"/>).</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="ConceptExampleOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The concept is not in the scores, or there are no images.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static ConceptExamples For(ConceptScores scores, string conceptName, ConceptExampleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(conceptName);
        options = (options ?? ConceptExampleOptions.Default).Validate();
        RequireImages(scores);
        var j = scores.IndexOfConcept(conceptName);
        if (j < 0)
        {
            throw new ArgumentException($"There is no concept '{conceptName}' in these scores ({scores.ConceptCount} concepts).", nameof(conceptName));
        }
        var column = new float[scores.ImageCount];
        for (var n = 0; n < column.Length; n++)
        {
            column[n] = scores[n, j];
        }
        return Describe(scores, j, column, new float[column.Length], options);
    }

    private static ConceptExamples Describe(ConceptScores scores, int j, ReadOnlySpan<float> column, float[] sorted, ConceptExampleOptions options)
    {
        var n = column.Length;
        column.CopyTo(sorted);
        Array.Sort(sorted);
        double sum = 0;
        var positive = 0;
        foreach (var x in column)
        {
            sum += x;
            positive += x > 0 ? 1 : 0;
        }
        var mean = sum / n;
        double squares = 0;
        foreach (var x in column)
        {
            squares += (x - mean) * (x - mean);
        }
        var quantiles = options.Quantiles.Select(p => new QuantileValue(p, Quantile(sorted, p))).ToArray();
        var statistics = new ConceptStatistics(n, mean, Math.Sqrt(squares / n), sorted[0], sorted[^1], (double)positive / n, quantiles);
        return new ConceptExamples(j, scores.ConceptNames[j], statistics, SelectTop(scores, j, column, sorted, options.Top));
    }

    /// <summary>The top images: every score above the top-th largest value, then the images at that value in row order.</summary>
    private static ConceptExample[] SelectTop(ConceptScores scores, int j, ReadOnlySpan<float> column, float[] sorted, int top)
    {
        var n = column.Length;
        top = Math.Min(top, n);
        if (top == 0)
        {
            return [];
        }
        var cut = sorted[n - top];
        var above = 0;
        foreach (var x in column)
        {
            above += x > cut ? 1 : 0;
        }
        var picked = new (float Score, int Row)[top];
        var (count, atCut) = (0, top - above);
        for (var i = 0; i < n; i++)
        {
            if (column[i] > cut || (column[i] == cut && atCut-- > 0))
            {
                picked[count++] = (column[i], i);
            }
        }
        Array.Sort(picked, (a, b) =>
        {
            var order = b.Score.CompareTo(a.Score);
            return order != 0 ? order : a.Row.CompareTo(b.Row);
        });
        return picked.Select(p => new ConceptExample(scores.ImageIds[p.Row], p.Row, p.Score, scores.HasBestSegment ? scores.BestSegmentOf(p.Row, j) : null)).ToArray();
    }

    private static double Quantile(float[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        if (low >= sorted.Length - 1)
        {
            return sorted[^1];
        }
        return sorted[low] + (h - low) * ((double)sorted[low + 1] - sorted[low]);
    }

    private static void RequireImages(ConceptScores scores)
    {
        if (scores.ImageCount == 0)
        {
            throw new ArgumentException("Concept examples need at least one image; the scores have none.", nameof(scores));
        }
    }
}
