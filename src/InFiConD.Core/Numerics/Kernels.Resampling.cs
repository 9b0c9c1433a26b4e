using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>Channels of an interleaved pixel in <see cref="WeightedPixelSums(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{int}, Span{float})"/>.</summary>
    private const int PixelChannels = 3;

    /// <summary>Whether the vector units fuse multiply-adds in hardware: without, the resampling kernels run scalar, the same bits faster.</summary>
    private static readonly bool FusedVectors = Fma.IsSupported || AdvSimd.IsSupported;

    /// <summary>
    /// The vertical pass of a separable resampling filter: combines rows of bytes into one row of floats,
    /// <c>destination[i] = Σ_k weights[k] · rows[k · rowStride + i]</c>, one fused multiply-add chain from +0 per value in k order.
    /// </summary>
    /// <param name="rows">The source rows, <paramref name="rowStride"/> bytes apart; the first starts at element 0.</param>
    /// <param name="rowStride">Bytes from one row to the next (≥ 0).</param>
    /// <param name="weights">The filter taps, one per row.</param>
    /// <param name="destination">Receives the combined row; its length is the number of bytes read from each row.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowStride"/> is negative.</exception>
    /// <exception cref="ShapeMismatchException"><paramref name="rows"/> is shorter than the taps and the destination need.</exception>
    /// <remarks>Every value is the same chain on every path (vectors of any width, or scalar), so all give the same bits.</remarks>
    public static void WeightedRowSum(ReadOnlySpan<byte> rows, int rowStride, ReadOnlySpan<float> weights, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowStride);
        var needed = weights.IsEmpty || destination.IsEmpty ? 0 : ((long)(weights.Length - 1) * rowStride) + destination.Length;
        if (rows.Length < needed)
        {
            throw new ShapeMismatchException(nameof(rows), $"length ≥ {needed} ({weights.Length} rows {rowStride} apart, {destination.Length} read from each)", $"length {rows.Length}");
        }
        WeightedRowSum(rows, rowStride, weights, destination, KernelPath.Auto);
    }

    /// <summary>
    /// The horizontal pass of a separable resampling filter over pixels of three interleaved channels, into three planes:
    /// for each of the n output pixels o, <c>sums[c · n + o] = Σ_j weights[o · taps + j] · pixels[3 · (starts[o] + j) + c]</c>
    /// for c = 0, 1, 2, with <c>taps = weights.Length / n</c>, one fused multiply-add chain from +0 per value in j order.
    /// </summary>
    /// <param name="pixels">The input pixels, three floats each.</param>
    /// <param name="weights">The taps of every output pixel, <c>taps</c> per pixel, pixel by pixel.</param>
    /// <param name="starts">Each output pixel's first input pixel.</param>
    /// <param name="sums">Receives the sums as three planes (channel 0 of every output pixel, then channel 1, then 2):
    /// <c>3 · starts.Length</c> floats. Planes let the caller finish each channel with whole-span operations.</param>
    /// <exception cref="ShapeMismatchException">The weights are not a whole number of taps per output pixel, the sums do
    /// not hold three per pixel, or a pixel's taps reach past <paramref name="pixels"/>.</exception>
    /// <remarks>
    /// One 128-bit vector holds a pixel's three channels (and one spare lane), so the vector path is the same at every
    /// width; a pixel whose last tap ends the input (no spare float after it) runs scalar. Every path gives the same bits.
    /// </remarks>
    public static void WeightedPixelSums(ReadOnlySpan<float> pixels, ReadOnlySpan<float> weights, ReadOnlySpan<int> starts, Span<float> sums)
    {
        RequireLength(sums.Length, PixelChannels * starts.Length, nameof(sums));
        if (!starts.IsEmpty && weights.Length % starts.Length != 0)
        {
            throw new ShapeMismatchException(nameof(weights), $"a multiple of {starts.Length} (taps per output pixel)", $"length {weights.Length}");
        }
        WeightedPixelSums(pixels, weights, starts, sums, KernelPath.Auto);
    }

    /// <summary>
    /// Clamps, scales, centres and divides: <c>destination[i] = (clamp(x[i], low, high) · scale − mean) / standardDeviation</c>,
    /// each operation rounded on its own (no fusing) — one channel of a resampled row made into model input.
    /// </summary>
    /// <param name="x">The values.</param>
    /// <param name="low">The clamp's low end.</param>
    /// <param name="high">The clamp's high end (≥ <paramref name="low"/>).</param>
    /// <param name="scale">The factor after the clamp.</param>
    /// <param name="mean">Subtracted after scaling.</param>
    /// <param name="standardDeviation">The divisor, last.</param>
    /// <param name="destination">Receives the results; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ShapeMismatchException">The lengths differ.</exception>
    /// <remarks>Every element is the same operations on every path, so all give the same bits. NaN stays NaN.</remarks>
    public static void ClampAndStandardize(ReadOnlySpan<float> x, float low, float high, float scale, float mean, float standardDeviation, Span<float> destination)
    {
        RequireLength(destination.Length, x.Length, nameof(destination));
        ClampAndStandardize(x, low, high, scale, mean, standardDeviation, destination, KernelPath.Auto);
    }

    internal static void ClampAndStandardize(ReadOnlySpan<float> x, float low, float high, float scale, float mean, float standardDeviation, Span<float> destination, KernelPath path)
    {
        var affine = (Low: low, High: high, Scale: scale, Mean: mean, Std: standardDeviation);
        var i = KernelPaths.Resolve(path) switch
        {
            KernelPath.Vector512 => ClampAndStandardize<FloatLanes512, Vector512<float>>(x, affine, destination, 0),
            KernelPath.Vector256 => ClampAndStandardize<FloatLanes256, Vector256<float>>(x, affine, destination, 0),
            KernelPath.Vector128 => ClampAndStandardize<FloatLanes128, Vector128<float>>(x, affine, destination, 0),
            _ => 0,
        };
        ClampAndStandardize<ScalarLanes, float>(x, affine, destination, i);
    }

    internal static void WeightedRowSum(ReadOnlySpan<byte> rows, int rowStride, ReadOnlySpan<float> weights, Span<float> destination, KernelPath path)
    {
        var i = !FusedVectors ? -1 : KernelPaths.Resolve(path) switch
        {
            KernelPath.Vector512 => WeightedRowSum<FloatLanes512, Vector512<float>>(rows, rowStride, weights, destination, 0),
            KernelPath.Vector256 => WeightedRowSum<FloatLanes256, Vector256<float>>(rows, rowStride, weights, destination, 0),
            KernelPath.Vector128 => WeightedRowSum<FloatLanes128, Vector128<float>>(rows, rowStride, weights, destination, 0),
            _ => -1,
        };
        if (i >= 0)
        {
            // A long remainder after wide vectors (up to 15 values) through 128-bit ones first.
            i = WeightedRowSum<FloatLanes128, Vector128<float>>(rows, rowStride, weights, destination, i);
        }
        WeightedRowSum<ScalarLanes, float>(rows, rowStride, weights, destination, Math.Max(i, 0));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void WeightedPixelSums(ReadOnlySpan<float> pixels, ReadOnlySpan<float> weights, ReadOnlySpan<int> starts, Span<float> sums, KernelPath path)
    {
        var n = starts.Length;
        if (n == 0)
        {
            return;
        }
        var vector = FusedVectors && Vector128.IsHardwareAccelerated && KernelPaths.Resolve(path) != KernelPath.Scalar;
        var taps = weights.Length / n;
        ref var pixel0 = ref MemoryMarshal.GetReference(pixels);
        ref var weight0 = ref MemoryMarshal.GetReference(weights);
        ref var sum0 = ref MemoryMarshal.GetReference(sums);
        for (var o = 0; o < n; o++)
        {
            // Checked here, pixel by pixel, rather than in a pass of its own: the horizontal pass runs once per output row.
            var first = PixelChannels * (long)starts[o];
            var end = first + (PixelChannels * taps);
            if (first < 0 || end > pixels.Length)
            {
                throw new ShapeMismatchException(nameof(pixels), $"length ≥ {end} (output pixel {o}'s taps start at input pixel {starts[o]})", $"length {pixels.Length}");
            }
            ref var pixel = ref Unsafe.Add(ref pixel0, (nint)first);
            ref var w = ref Unsafe.Add(ref weight0, o * taps);
            ref var sum = ref Unsafe.Add(ref sum0, o);
            // The vector reads one float past the pixel's last channel: only where the input has it.
            if (vector && end < pixels.Length)
            {
                PixelSum<FloatLanes128, Vector128<float>>(ref pixel, ref w, taps, ref sum, n);
            }
            else
            {
                PixelSum<ScalarLanes, float>(ref pixel, ref w, taps, ref sum, n);
            }
        }
    }

    /// <summary>Whole vectors of the row from <paramref name="i"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WeightedRowSum<TLanes, TVector>(ReadOnlySpan<byte> rows, int rowStride, ReadOnlySpan<float> weights, Span<float> destination, int i)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        ref var source = ref MemoryMarshal.GetReference(rows);
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var target = ref MemoryMarshal.GetReference(destination);
        for (; i <= destination.Length - TLanes.Count; i += TLanes.Count)
        {
            ref var column = ref Unsafe.Add(ref source, i);
            var acc = TLanes.Zero;
            for (var k = 0; k < weights.Length; k++)
            {
                acc = TLanes.FusedMultiplyAdd(TLanes.Create(Unsafe.Add(ref w, k)), TLanes.LoadWidened(ref Unsafe.Add(ref column, k * rowStride)), acc);
            }
            TLanes.Store(acc, ref target, (nuint)i);
        }
        return i;
    }

    /// <summary>Whole vectors from <paramref name="i"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ClampAndStandardize<TLanes, TVector>(ReadOnlySpan<float> x, (float Low, float High, float Scale, float Mean, float Std) affine, Span<float> destination, int i)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var target = ref MemoryMarshal.GetReference(destination);
        var (low, high, scale) = (TLanes.Create(affine.Low), TLanes.Create(affine.High), TLanes.Create(affine.Scale));
        var (mean, std) = (TLanes.Create(affine.Mean), TLanes.Create(affine.Std));
        for (; i <= x.Length - TLanes.Count; i += TLanes.Count)
        {
            var clamped = TLanes.Min(TLanes.Max(TLanes.Load(ref source, (nuint)i), low), high);
            TLanes.Store(TLanes.Divide(TLanes.Subtract(TLanes.Multiply(clamped, scale), mean), std), ref target, (nuint)i);
        }
        return i;
    }

    /// <summary>One output pixel's three sums into the planes (<paramref name="sum"/> is its place in the first, the others
    /// <paramref name="plane"/> apart): channels Count at a time (all three in one 128-bit vector, or one by one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PixelSum<TLanes, TVector>(ref float pixel, ref float weights, int taps, ref float sum, int plane)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        for (var c = 0; c < PixelChannels; c += TLanes.Count)
        {
            var acc = TLanes.Zero;
            for (var j = 0; j < taps; j++)
            {
                acc = TLanes.FusedMultiplyAdd(TLanes.Create(Unsafe.Add(ref weights, j)), TLanes.Load(ref pixel, (nuint)((PixelChannels * j) + c)), acc);
            }
            for (var lane = 0; lane < Math.Min(TLanes.Count, PixelChannels); lane++)
            {
                Unsafe.Add(ref sum, (c + lane) * plane) = TLanes.GetElement(acc, lane);
            }
        }
    }
}
