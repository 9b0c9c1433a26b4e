using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>
    /// Marks the high values of a column in a bit set: sets bit i of <paramref name="bits"/> (bit i mod 64 of word i / 64)
    /// where <c>values[i] ≥ threshold</c>, or <c>values[i] &gt; threshold</c> when <paramref name="strictlyAbove"/>, and
    /// counts them. Bits already set stay set.
    /// </summary>
    /// <param name="values">The column.</param>
    /// <param name="threshold">The threshold.</param>
    /// <param name="strictlyAbove">Whether a value equal to the threshold is left unmarked.</param>
    /// <param name="bits">The bit set: exactly ⌈values.Length / 64⌉ words.</param>
    /// <returns>How many values were marked. A NaN value is never marked; a NaN threshold marks nothing.</returns>
    /// <exception cref="ShapeMismatchException">The bit set does not have ⌈values.Length / 64⌉ words.</exception>
    public static int MarkHigh(ReadOnlySpan<float> values, float threshold, bool strictlyAbove, Span<ulong> bits)
    {
        RequireLength(bits.Length, (values.Length + 63) / 64, nameof(bits));
        return MarkHigh(values, threshold, strictlyAbove, bits, KernelPath.Auto);
    }

    /// <summary>
    /// Scans a column once against a bracket [<paramref name="low"/>, <paramref name="high"/>]: counts the values above
    /// <paramref name="high"/>, copies the values inside the bracket to <paramref name="inside"/> in their original order,
    /// and finds the minimum — the pass that narrows a selection to the few values near a quantile.
    /// </summary>
    /// <param name="values">The column.</param>
    /// <param name="low">The bracket's low end (included).</param>
    /// <param name="high">The bracket's high end (included).</param>
    /// <param name="inside">Receives the values inside the bracket; at least as long as <paramref name="values"/>.</param>
    /// <returns>The counts and the minimum. NaN values are neither above nor inside, and make the minimum NaN.</returns>
    /// <exception cref="ShapeMismatchException"><paramref name="inside"/> is shorter than <paramref name="values"/>.</exception>
    public static BracketScan ScanBracket(ReadOnlySpan<float> values, float low, float high, Span<float> inside)
    {
        if (inside.Length < values.Length)
        {
            throw new ShapeMismatchException(nameof(inside), $"length ≥ {values.Length}", $"length {inside.Length}");
        }
        return ScanBracket(values, low, high, inside, KernelPath.Auto);
    }

    internal static int MarkHigh(ReadOnlySpan<float> values, float threshold, bool strictlyAbove, Span<ulong> bits, KernelPath path)
    {
        var count = 0;
        var i = KernelPaths.Resolve(path) switch
        {
            KernelPath.Vector512 => MarkHigh<FloatLanes512, Vector512<float>>(values, threshold, strictlyAbove, bits, ref count, 0),
            KernelPath.Vector256 => MarkHigh<FloatLanes256, Vector256<float>>(values, threshold, strictlyAbove, bits, ref count, 0),
            KernelPath.Vector128 => MarkHigh<FloatLanes128, Vector128<float>>(values, threshold, strictlyAbove, bits, ref count, 0),
            _ => 0,
        };
        MarkHigh<ScalarLanes, float>(values, threshold, strictlyAbove, bits, ref count, i);
        return count;
    }

    internal static BracketScan ScanBracket(ReadOnlySpan<float> values, float low, float high, Span<float> inside, KernelPath path)
    {
        var scan = new BracketScan(0, 0, float.PositiveInfinity);
        var i = KernelPaths.Resolve(path) switch
        {
            KernelPath.Vector512 => ScanBracket<FloatLanes512, Vector512<float>>(values, low, high, inside, ref scan, 0),
            KernelPath.Vector256 => ScanBracket<FloatLanes256, Vector256<float>>(values, low, high, inside, ref scan, 0),
            KernelPath.Vector128 => ScanBracket<FloatLanes128, Vector128<float>>(values, low, high, inside, ref scan, 0),
            _ => 0,
        };
        ScanBracket<ScalarLanes, float>(values, low, high, inside, ref scan, i);
        return scan;
    }

    /// <summary>Whole vectors from <paramref name="i"/>; returns where it stopped. Count divides 64, so a vector's bits stay in one word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MarkHigh<TLanes, TVector>(ReadOnlySpan<float> values, float threshold, bool strictlyAbove, Span<ulong> bits, ref int count, int i)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        ref var start = ref MemoryMarshal.GetReference(values);
        var t = TLanes.Create(threshold);
        for (; i <= values.Length - TLanes.Count; i += TLanes.Count)
        {
            var v = TLanes.Load(ref start, (nuint)i);
            var mask = TLanes.ExtractMostSignificantBits(strictlyAbove ? TLanes.GreaterThan(v, t) : TLanes.GreaterThanOrEqual(v, t));
            bits[i >> 6] |= mask << (i & 63);
            count += BitOperations.PopCount(mask);
        }
        return i;
    }

    /// <summary>Whole vectors from <paramref name="i"/>, accumulating into <paramref name="scan"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ScanBracket<TLanes, TVector>(ReadOnlySpan<float> values, float low, float high, Span<float> inside, ref BracketScan scan, int i)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        ref var start = ref MemoryMarshal.GetReference(values);
        var (lowV, highV, minV) = (TLanes.Create(low), TLanes.Create(high), TLanes.Create(float.PositiveInfinity));
        var (above, count) = (scan.Above, scan.Inside);
        for (; i <= values.Length - TLanes.Count; i += TLanes.Count)
        {
            var v = TLanes.Load(ref start, (nuint)i);
            above += BitOperations.PopCount(TLanes.ExtractMostSignificantBits(TLanes.GreaterThan(v, highV)));
            var mask = TLanes.ExtractMostSignificantBits(TLanes.And(TLanes.GreaterThanOrEqual(v, lowV), TLanes.LessThanOrEqual(v, highV)));
            while (mask != 0)
            {
                inside[count++] = values[i + BitOperations.TrailingZeroCount(mask)];
                mask &= mask - 1;
            }
            minV = TLanes.Min(minV, v);
        }
        var minimum = scan.Minimum;
        for (var lane = 0; lane < TLanes.Count; lane++)
        {
            minimum = Math.Min(minimum, TLanes.GetElement(minV, lane));
        }
        scan = new BracketScan(above, count, minimum);
        return i;
    }
}
