using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace InFiConD.Students;

/// <summary>
/// The inner step of the axpy products: <c>acc[i] ← fma(s_r, M[r, start + i], acc[i])</c> for up to
/// <see cref="Rows"/> consecutive rows r of a row-major matrix M, in row order. Each element gets exactly the chain
/// of fused multiply-adds it would get from one row at a time; folding several rows into one pass only loads and
/// stores the accumulator less often. Vector paths 512 → 256 → scalar, all fused, so every path gives the same bits.
/// </summary>
internal static class FmaChain
{
    /// <summary>Rows folded into one pass over the accumulators.</summary>
    internal const int Rows = 4;

    /// <summary>
    /// For r = 0 … scales.Length − 1 in order: <c>acc[i] ← fma(scales[r], matrix[(firstRow + r) · rowLength + start + i], acc[i])</c>.
    /// </summary>
    /// <param name="acc">The accumulators, updated in place.</param>
    /// <param name="scales">One scale per row, 1 to <see cref="Rows"/> of them.</param>
    /// <param name="matrix">The row-major matrix M.</param>
    /// <param name="firstRow">M's row that goes with scales[0].</param>
    /// <param name="rowLength">M's row length.</param>
    /// <param name="start">Column of M that goes with acc[0].</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Accumulate(Span<float> acc, ReadOnlySpan<float> scales, ReadOnlySpan<float> matrix, int firstRow, int rowLength, int start)
    {
        var length = acc.Length;
        var offset = (long)firstRow * rowLength + start;
        if (scales.Length is 0 or > Rows || start < 0 || length > rowLength - start || offset < 0 || offset + (long)(scales.Length - 1) * rowLength + length > matrix.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(acc), $"{scales.Length} rows of {length} from row {firstRow}, column {start} do not fit a matrix of {matrix.Length} floats with rows of {rowLength}.");
        }
        ref var a = ref MemoryMarshal.GetReference(acc);
        ref var m0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(matrix), (nint)offset);
        if (scales.Length == Rows)
        {
            ref var m1 = ref Unsafe.Add(ref m0, rowLength);
            ref var m2 = ref Unsafe.Add(ref m1, rowLength);
            ref var m3 = ref Unsafe.Add(ref m2, rowLength);
            Four(ref a, length, scales[0], ref m0, scales[1], ref m1, scales[2], ref m2, scales[3], ref m3);
            return;
        }
        for (var r = 0; r < scales.Length; r++)
        {
            One(ref a, length, scales[r], ref Unsafe.Add(ref m0, (nint)r * rowLength));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Four(ref float a, int length, float s0, ref float m0, float s1, ref float m1, float s2, ref float m2, float s3, ref float m3)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var (v0, v1, v2, v3) = (Vector512.Create(s0), Vector512.Create(s1), Vector512.Create(s2), Vector512.Create(s3));
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var at = (nuint)i;
                var t = Vector512.LoadUnsafe(ref a, at);
                t = Vector512.FusedMultiplyAdd(v0, Vector512.LoadUnsafe(ref m0, at), t);
                t = Vector512.FusedMultiplyAdd(v1, Vector512.LoadUnsafe(ref m1, at), t);
                t = Vector512.FusedMultiplyAdd(v2, Vector512.LoadUnsafe(ref m2, at), t);
                t = Vector512.FusedMultiplyAdd(v3, Vector512.LoadUnsafe(ref m3, at), t);
                t.StoreUnsafe(ref a, at);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var (v0, v1, v2, v3) = (Vector256.Create(s0), Vector256.Create(s1), Vector256.Create(s2), Vector256.Create(s3));
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var at = (nuint)i;
                var t = Vector256.LoadUnsafe(ref a, at);
                t = Vector256.FusedMultiplyAdd(v0, Vector256.LoadUnsafe(ref m0, at), t);
                t = Vector256.FusedMultiplyAdd(v1, Vector256.LoadUnsafe(ref m1, at), t);
                t = Vector256.FusedMultiplyAdd(v2, Vector256.LoadUnsafe(ref m2, at), t);
                t = Vector256.FusedMultiplyAdd(v3, Vector256.LoadUnsafe(ref m3, at), t);
                t.StoreUnsafe(ref a, at);
            }
        }
        for (; i < length; i++)
        {
            var t = Unsafe.Add(ref a, i);
            t = MathF.FusedMultiplyAdd(s0, Unsafe.Add(ref m0, i), t);
            t = MathF.FusedMultiplyAdd(s1, Unsafe.Add(ref m1, i), t);
            t = MathF.FusedMultiplyAdd(s2, Unsafe.Add(ref m2, i), t);
            t = MathF.FusedMultiplyAdd(s3, Unsafe.Add(ref m3, i), t);
            Unsafe.Add(ref a, i) = t;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void One(ref float a, int length, float s, ref float m)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.Create(s);
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var at = (nuint)i;
                Vector512.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref m, at), Vector512.LoadUnsafe(ref a, at)).StoreUnsafe(ref a, at);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.Create(s);
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var at = (nuint)i;
                Vector256.FusedMultiplyAdd(v, Vector256.LoadUnsafe(ref m, at), Vector256.LoadUnsafe(ref a, at)).StoreUnsafe(ref a, at);
            }
        }
        for (; i < length; i++)
        {
            Unsafe.Add(ref a, i) = MathF.FusedMultiplyAdd(s, Unsafe.Add(ref m, i), Unsafe.Add(ref a, i));
        }
    }
}
