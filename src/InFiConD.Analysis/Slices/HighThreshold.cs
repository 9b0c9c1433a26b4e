using InFiConD.Core;

namespace InFiConD.Analysis;

/// <summary>
/// The m-th largest value of a column and how many values reach it, in about one pass: a Floyd–Rivest style bracket from a
/// strided sample, then a selection among the few values inside the bracket. Falls back to a full quickselect when the
/// bracket misses (rare, and only slower). The value does not depend on the sample, so the result is deterministic.
/// </summary>
internal static class HighThreshold
{
    /// <summary>Sample size for the bracket.</summary>
    private const int SampleSize = 1024;

    /// <summary>Columns this short are selected directly.</summary>
    private const int DirectBelow = 4 * SampleSize;

    /// <summary>
    /// The value t at rank <paramref name="m"/> from the top (1-based) of <paramref name="values"/>, the number of values ≥ t,
    /// and the column minimum. <paramref name="scratch"/> must hold <c>values.Length</c> floats.
    /// </summary>
    public static (float Value, int AtLeast, float Minimum) Find(ReadOnlySpan<float> values, int m, Span<float> scratch)
    {
        var n = values.Length;
        if (n >= DirectBelow)
        {
            Span<float> sample = stackalloc float[SampleSize];
            for (var i = 0; i < SampleSize; i++)
            {
                sample[i] = values[(int)((long)i * n / SampleSize)];
            }
            // Expected rank of t in the sample (ascending), bracketed by ±4 standard deviations of a sample quantile.
            var expected = SampleSize - (double)m * SampleSize / n;
            var fraction = (double)m / n;
            var margin = 4 * Math.Sqrt(SampleSize * fraction * (1 - fraction)) + 4;
            var lowRank = (int)Math.Floor(expected - margin);
            var highRank = (int)Math.Ceiling(expected + margin);
            var low = lowRank < 0 ? float.NegativeInfinity : Selection.Select(sample, lowRank);
            var high = highRank >= SampleSize ? float.PositiveInfinity : Selection.Select(sample, highRank);

            var (above, inside, minimum) = Kernels.ScanBracket(values, low, high, scratch);
            if (above < m && m <= above + inside)
            {
                var middle = scratch[..inside];
                var t = Selection.Select(middle, inside - (m - above));
                return (t, above + CountAtLeast(middle, t), minimum);
            }
        }
        values.CopyTo(scratch);
        var value = Selection.Select(scratch[..n], n - m);
        var min = float.PositiveInfinity;
        foreach (var x in values)
        {
            min = Math.Min(min, x);
        }
        return (value, CountAtLeast(values, value), min);
    }

    private static int CountAtLeast(ReadOnlySpan<float> values, float t)
    {
        var count = 0;
        foreach (var x in values)
        {
            count += x >= t ? 1 : 0;
        }
        return count;
    }
}
