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
    /// The horizontal pass of a separable resampling filter over pixels of three interleaved channels: for each output
    /// pixel o, <c>sums[3o + c] = Σ_j weights[o · taps + j] · pixels[3 · (starts[o] + j) + c]</c> for c = 0, 1, 2, with
    /// <c>taps = weights.Length / starts.Length</c>, one fused multiply-add chain from +0 per value in j order.
    /// </summary>
    /// <param name="pixels">The input pixels, three floats each.</param>
    /// <param name="weights">The taps of every output pixel, <c>taps</c> per pixel, pixel by pixel.</param>
    /// <param name="starts">Each output pixel's first input pixel.</param>
    /// <param name="sums">Receives three sums per output pixel: <c>3 · starts.Length</c> floats.</param>
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
        var taps = starts.IsEmpty ? 0 : weights.Length / starts.Length;
        foreach (var start in starts)
        {
            if (start < 0 || PixelChannels * ((long)start + taps) > pixels.Length)
            {
                throw new ShapeMismatchException(nameof(pixels), $"length ≥ {PixelChannels * ((long)start + taps)} (a pixel's taps start at input pixel {start})", $"length {pixels.Length}");
            }
        }
        WeightedPixelSums(pixels, weights, starts, sums, KernelPath.Auto);
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
        if (starts.IsEmpty)
        {
            return;
        }
        var vector = FusedVectors && Vector128.IsHardwareAccelerated && KernelPaths.Resolve(path) != KernelPath.Scalar;
        var taps = weights.Length / starts.Length;
        for (var o = 0; o < starts.Length; o++)
        {
            var first = PixelChannels * starts[o];
            var w = weights.Slice(o * taps, taps);
            var sum = sums.Slice(PixelChannels * o, PixelChannels);
            // The vector reads one float past the pixel's last channel: only where the input has it.
            if (vector && first + (PixelChannels * taps) < pixels.Length)
            {
                PixelSum<FloatLanes128, Vector128<float>>(pixels[first..], w, sum);
            }
            else
            {
                PixelSum<ScalarLanes, float>(pixels[first..], w, sum);
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

    /// <summary>One output pixel's three sums: channels Count at a time (all three in one 128-bit vector, or one by one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PixelSum<TLanes, TVector>(ReadOnlySpan<float> pixels, ReadOnlySpan<float> weights, Span<float> sum)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        ref var pixel = ref MemoryMarshal.GetReference(pixels);
        ref var w = ref MemoryMarshal.GetReference(weights);
        for (var c = 0; c < PixelChannels; c += TLanes.Count)
        {
            var acc = TLanes.Zero;
            for (var j = 0; j < weights.Length; j++)
            {
                acc = TLanes.FusedMultiplyAdd(TLanes.Create(Unsafe.Add(ref w, j)), TLanes.Load(ref pixel, (nuint)((PixelChannels * j) + c)), acc);
            }
            for (var lane = 0; lane < Math.Min(TLanes.Count, PixelChannels); lane++)
            {
                sum[c + lane] = TLanes.GetElement(acc, lane);
            }
        }
    }
}
