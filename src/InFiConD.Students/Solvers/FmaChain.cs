using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace InFiConD.Students;

/// <summary>
/// Adds scaled rows of a matrix to accumulators, <c>acc[i] ← fma(s_r, M[row_r, i], acc[i])</c> row after row (OWL-QN's
/// correction of a trial's logits for the weights its projection stopped at zero). Each element gets exactly the chain
/// of fused multiply-adds it would get from one row at a time; folding <see cref="Rows"/> rows into one pass only loads
/// and stores the accumulator less often. Vector paths 512 → 256 → scalar, all fused, so every path gives the same bits.
/// </summary>
internal static class FmaChain
{
    /// <summary>Rows folded into one pass over the accumulators.</summary>
    internal const int Rows = 4;

    /// <summary>
    /// For r = 0 … rows.Length − 1 in order: <c>acc[i] ← fma(scales[r], matrix[rows[r] · stride + offset + i], acc[i])</c> —
    /// the chain one row at a time would give, over any rows of a row-major matrix (the solver's clipped weights), four
    /// rows per pass.
    /// </summary>
    /// <param name="acc">The accumulators, updated in place.</param>
    /// <param name="scales">One scale per listed row.</param>
    /// <param name="matrix">The row-major matrix whose rows (or a run of each) are added.</param>
    /// <param name="stride">The matrix's row length.</param>
    /// <param name="offset">Where in each row the run added to acc[0] starts.</param>
    /// <param name="rows">The rows, in the order their terms enter the chain.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AccumulateRows(Span<float> acc, ReadOnlySpan<float> scales, ReadOnlySpan<float> matrix, int stride, int offset, ReadOnlySpan<int> rows)
    {
        if (scales.Length != rows.Length || offset < 0 || acc.Length > stride - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(acc), $"{rows.Length} rows with {scales.Length} scales into {acc.Length} accumulators from column {offset} of rows of {stride}; expected one scale per row and the run inside a row.");
        }
        foreach (var row in rows)
        {
            if (row < 0 || (long)(row + 1) * stride > matrix.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"Row {row} is outside a matrix of {matrix.Length / Math.Max(stride, 1)} rows.");
            }
        }
        ref var a = ref MemoryMarshal.GetReference(acc);
        ref var m = ref Unsafe.Add(ref MemoryMarshal.GetReference(matrix), offset);
        var r = 0;
        for (; r + Rows <= rows.Length; r += Rows)
        {
            Four(ref a, acc.Length, scales[r], ref Unsafe.Add(ref m, (nint)rows[r] * stride), scales[r + 1], ref Unsafe.Add(ref m, (nint)rows[r + 1] * stride),
                scales[r + 2], ref Unsafe.Add(ref m, (nint)rows[r + 2] * stride), scales[r + 3], ref Unsafe.Add(ref m, (nint)rows[r + 3] * stride));
        }
        for (; r < rows.Length; r++)
        {
            One(ref a, acc.Length, scales[r], ref Unsafe.Add(ref m, (nint)rows[r] * stride));
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
