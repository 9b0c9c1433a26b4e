using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

            var (above, inside, minimum) = Scan(values, low, high, scratch);
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

    /// <summary>
    /// One pass: the count of values above <paramref name="high"/>, the values in [low, high] copied to
    /// <paramref name="inside"/> in their original order, and the minimum. Vector and scalar paths give identical results.
    /// </summary>
    private static (int Above, int Inside, float Minimum) Scan(ReadOnlySpan<float> values, float low, float high, Span<float> inside)
    {
        var (above, count, minimum, i) = (0, 0, float.PositiveInfinity, 0);
        ref var start = ref MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated && values.Length >= Vector512<float>.Count)
        {
            var (lowV, highV, minV) = (Vector512.Create(low), Vector512.Create(high), Vector512.Create(float.PositiveInfinity));
            for (; i <= values.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.LoadUnsafe(ref start, (nuint)i);
                above += BitOperations.PopCount(Vector512.GreaterThan(v, highV).ExtractMostSignificantBits());
                count = Collect((Vector512.GreaterThanOrEqual(v, lowV) & Vector512.LessThanOrEqual(v, highV)).ExtractMostSignificantBits(), values, i, inside, count);
                minV = Vector512.Min(minV, v);
            }
            for (var lane = 0; lane < Vector512<float>.Count; lane++)
            {
                minimum = Math.Min(minimum, minV[lane]);
            }
        }
        else if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count)
        {
            var (lowV, highV, minV) = (Vector256.Create(low), Vector256.Create(high), Vector256.Create(float.PositiveInfinity));
            for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                above += BitOperations.PopCount(Vector256.GreaterThan(v, highV).ExtractMostSignificantBits());
                count = Collect((Vector256.GreaterThanOrEqual(v, lowV) & Vector256.LessThanOrEqual(v, highV)).ExtractMostSignificantBits(), values, i, inside, count);
                minV = Vector256.Min(minV, v);
            }
            for (var lane = 0; lane < Vector256<float>.Count; lane++)
            {
                minimum = Math.Min(minimum, minV[lane]);
            }
        }
        for (; i < values.Length; i++)
        {
            var x = values[i];
            above += x > high ? 1 : 0;
            if (x >= low && x <= high)
            {
                inside[count++] = x;
            }
            minimum = Math.Min(minimum, x);
        }
        return (above, count, minimum);
    }

    /// <summary>Appends the values whose bits are set in <paramref name="mask"/> (lanes from <paramref name="offset"/>), in lane order.</summary>
    private static int Collect(ulong mask, ReadOnlySpan<float> values, int offset, Span<float> inside, int count)
    {
        while (mask != 0)
        {
            inside[count++] = values[offset + BitOperations.TrailingZeroCount(mask)];
            mask &= mask - 1;
        }
        return count;
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
