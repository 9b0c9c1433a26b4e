using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace InFiConD.Core;

// Accumulators are spelled out one by one so the JIT keeps each in its own register.
/// <summary>
/// Register-tiled GEMM micro-kernels. A is read in place (MR row streams, one broadcast per row and depth
/// step: no packing, which would cost as much as the arithmetic when B is narrow); B is a packed panel
/// (depth × NR interleaved, 64-byte aligned). Every output element is one fused multiply-add chain in
/// depth order, the same chain on every path, so all paths (and any thread count) give identical bits.
/// </summary>
/// <remarks>
/// The kernels and the drivers around them are compiled fully optimised on first use
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): with tiered compilation a one-off call — a user scoring
/// once, or a benchmark's first few calls — ran tier-0 / on-stack-replacement code (BenchmarkDotNet's one warm-up:
/// 46 ms at P = 1 against 33 ms after 15 warm-ups). Profile-guided tiers have nothing to add to hand-vectorised loops.
/// </remarks>
internal static unsafe class MicroKernels
{
    internal const int Mr512 = 8, Nr512 = 32, Mr256 = 6, Nr256 = 16, MrScalar = 4, NrScalar = 8;

    /// <summary>8 × 32 tile with Vector512: c[i, j] (+)= Σ_p a[i·lda + p] · b[p·32 + j], one FMA chain per element in p order. Rows past <paramref name="rows"/> repeat the last row; their results are ignored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Tile8x32(float* a, long lda, int rows, float* b, int depth, float* c, int ldc, bool accumulate)
    {
        var a0 = a + Math.Min(0, rows - 1) * lda;
        var a1 = a + Math.Min(1, rows - 1) * lda;
        var a2 = a + Math.Min(2, rows - 1) * lda;
        var a3 = a + Math.Min(3, rows - 1) * lda;
        var a4 = a + Math.Min(4, rows - 1) * lda;
        var a5 = a + Math.Min(5, rows - 1) * lda;
        var a6 = a + Math.Min(6, rows - 1) * lda;
        var a7 = a + Math.Min(7, rows - 1) * lda;
        var c00 = accumulate ? Vector512.Load(c + 0 * ldc + 0) : Vector512<float>.Zero;
        var c01 = accumulate ? Vector512.Load(c + 0 * ldc + 16) : Vector512<float>.Zero;
        var c10 = accumulate ? Vector512.Load(c + 1 * ldc + 0) : Vector512<float>.Zero;
        var c11 = accumulate ? Vector512.Load(c + 1 * ldc + 16) : Vector512<float>.Zero;
        var c20 = accumulate ? Vector512.Load(c + 2 * ldc + 0) : Vector512<float>.Zero;
        var c21 = accumulate ? Vector512.Load(c + 2 * ldc + 16) : Vector512<float>.Zero;
        var c30 = accumulate ? Vector512.Load(c + 3 * ldc + 0) : Vector512<float>.Zero;
        var c31 = accumulate ? Vector512.Load(c + 3 * ldc + 16) : Vector512<float>.Zero;
        var c40 = accumulate ? Vector512.Load(c + 4 * ldc + 0) : Vector512<float>.Zero;
        var c41 = accumulate ? Vector512.Load(c + 4 * ldc + 16) : Vector512<float>.Zero;
        var c50 = accumulate ? Vector512.Load(c + 5 * ldc + 0) : Vector512<float>.Zero;
        var c51 = accumulate ? Vector512.Load(c + 5 * ldc + 16) : Vector512<float>.Zero;
        var c60 = accumulate ? Vector512.Load(c + 6 * ldc + 0) : Vector512<float>.Zero;
        var c61 = accumulate ? Vector512.Load(c + 6 * ldc + 16) : Vector512<float>.Zero;
        var c70 = accumulate ? Vector512.Load(c + 7 * ldc + 0) : Vector512<float>.Zero;
        var c71 = accumulate ? Vector512.Load(c + 7 * ldc + 16) : Vector512<float>.Zero;
        for (var p = 0; p < depth; p++)
        {
            var b0 = Vector512.LoadAligned(b + 0);
            var b1 = Vector512.LoadAligned(b + 16);
            var x0 = Vector512.Create(a0[p]);
            c00 = Vector512.FusedMultiplyAdd(x0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x0, b1, c01);
            var x1 = Vector512.Create(a1[p]);
            c10 = Vector512.FusedMultiplyAdd(x1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x1, b1, c11);
            var x2 = Vector512.Create(a2[p]);
            c20 = Vector512.FusedMultiplyAdd(x2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x2, b1, c21);
            var x3 = Vector512.Create(a3[p]);
            c30 = Vector512.FusedMultiplyAdd(x3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x3, b1, c31);
            var x4 = Vector512.Create(a4[p]);
            c40 = Vector512.FusedMultiplyAdd(x4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x4, b1, c41);
            var x5 = Vector512.Create(a5[p]);
            c50 = Vector512.FusedMultiplyAdd(x5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x5, b1, c51);
            var x6 = Vector512.Create(a6[p]);
            c60 = Vector512.FusedMultiplyAdd(x6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(x6, b1, c61);
            var x7 = Vector512.Create(a7[p]);
            c70 = Vector512.FusedMultiplyAdd(x7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(x7, b1, c71);
            b += 32;
        }
        Vector512.Store(c00, c + 0 * ldc + 0);
        Vector512.Store(c01, c + 0 * ldc + 16);
        Vector512.Store(c10, c + 1 * ldc + 0);
        Vector512.Store(c11, c + 1 * ldc + 16);
        Vector512.Store(c20, c + 2 * ldc + 0);
        Vector512.Store(c21, c + 2 * ldc + 16);
        Vector512.Store(c30, c + 3 * ldc + 0);
        Vector512.Store(c31, c + 3 * ldc + 16);
        Vector512.Store(c40, c + 4 * ldc + 0);
        Vector512.Store(c41, c + 4 * ldc + 16);
        Vector512.Store(c50, c + 5 * ldc + 0);
        Vector512.Store(c51, c + 5 * ldc + 16);
        Vector512.Store(c60, c + 6 * ldc + 0);
        Vector512.Store(c61, c + 6 * ldc + 16);
        Vector512.Store(c70, c + 7 * ldc + 0);
        Vector512.Store(c71, c + 7 * ldc + 16);
    }

    /// <summary>
    /// The left half (columns 0–15) of an 8 × 32 tile: the same FMA chains as <see cref="Tile8x32"/> for those
    /// columns, reading the same 32-wide packed panel. For a last panel with at most 16 valid columns (584
    /// concepts = 18 panels + 8 columns), it skips the half that only computes padding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Tile8x16Of32(float* a, long lda, int rows, float* b, int depth, float* c, int ldc, bool accumulate)
    {
        var a0 = a + Math.Min(0, rows - 1) * lda;
        var a1 = a + Math.Min(1, rows - 1) * lda;
        var a2 = a + Math.Min(2, rows - 1) * lda;
        var a3 = a + Math.Min(3, rows - 1) * lda;
        var a4 = a + Math.Min(4, rows - 1) * lda;
        var a5 = a + Math.Min(5, rows - 1) * lda;
        var a6 = a + Math.Min(6, rows - 1) * lda;
        var a7 = a + Math.Min(7, rows - 1) * lda;
        var c0 = accumulate ? Vector512.Load(c + 0 * ldc) : Vector512<float>.Zero;
        var c1 = accumulate ? Vector512.Load(c + 1 * ldc) : Vector512<float>.Zero;
        var c2 = accumulate ? Vector512.Load(c + 2 * ldc) : Vector512<float>.Zero;
        var c3 = accumulate ? Vector512.Load(c + 3 * ldc) : Vector512<float>.Zero;
        var c4 = accumulate ? Vector512.Load(c + 4 * ldc) : Vector512<float>.Zero;
        var c5 = accumulate ? Vector512.Load(c + 5 * ldc) : Vector512<float>.Zero;
        var c6 = accumulate ? Vector512.Load(c + 6 * ldc) : Vector512<float>.Zero;
        var c7 = accumulate ? Vector512.Load(c + 7 * ldc) : Vector512<float>.Zero;
        for (var p = 0; p < depth; p++)
        {
            var b0 = Vector512.LoadAligned(b);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a0[p]), b0, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a1[p]), b0, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a2[p]), b0, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a3[p]), b0, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a4[p]), b0, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a5[p]), b0, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a6[p]), b0, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(a7[p]), b0, c7);
            b += Nr512;
        }
        Vector512.Store(c0, c + 0 * ldc);
        Vector512.Store(c1, c + 1 * ldc);
        Vector512.Store(c2, c + 2 * ldc);
        Vector512.Store(c3, c + 3 * ldc);
        Vector512.Store(c4, c + 4 * ldc);
        Vector512.Store(c5, c + 5 * ldc);
        Vector512.Store(c6, c + 6 * ldc);
        Vector512.Store(c7, c + 7 * ldc);
    }

    /// <summary>6 × 16 tile with Vector256: c[i, j] (+)= Σ_p a[i·lda + p] · b[p·16 + j], one FMA chain per element in p order. Rows past <paramref name="rows"/> repeat the last row; their results are ignored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Tile6x16(float* a, long lda, int rows, float* b, int depth, float* c, int ldc, bool accumulate)
    {
        var a0 = a + Math.Min(0, rows - 1) * lda;
        var a1 = a + Math.Min(1, rows - 1) * lda;
        var a2 = a + Math.Min(2, rows - 1) * lda;
        var a3 = a + Math.Min(3, rows - 1) * lda;
        var a4 = a + Math.Min(4, rows - 1) * lda;
        var a5 = a + Math.Min(5, rows - 1) * lda;
        var c00 = accumulate ? Vector256.Load(c + 0 * ldc + 0) : Vector256<float>.Zero;
        var c01 = accumulate ? Vector256.Load(c + 0 * ldc + 8) : Vector256<float>.Zero;
        var c10 = accumulate ? Vector256.Load(c + 1 * ldc + 0) : Vector256<float>.Zero;
        var c11 = accumulate ? Vector256.Load(c + 1 * ldc + 8) : Vector256<float>.Zero;
        var c20 = accumulate ? Vector256.Load(c + 2 * ldc + 0) : Vector256<float>.Zero;
        var c21 = accumulate ? Vector256.Load(c + 2 * ldc + 8) : Vector256<float>.Zero;
        var c30 = accumulate ? Vector256.Load(c + 3 * ldc + 0) : Vector256<float>.Zero;
        var c31 = accumulate ? Vector256.Load(c + 3 * ldc + 8) : Vector256<float>.Zero;
        var c40 = accumulate ? Vector256.Load(c + 4 * ldc + 0) : Vector256<float>.Zero;
        var c41 = accumulate ? Vector256.Load(c + 4 * ldc + 8) : Vector256<float>.Zero;
        var c50 = accumulate ? Vector256.Load(c + 5 * ldc + 0) : Vector256<float>.Zero;
        var c51 = accumulate ? Vector256.Load(c + 5 * ldc + 8) : Vector256<float>.Zero;
        for (var p = 0; p < depth; p++)
        {
            var b0 = Vector256.LoadAligned(b + 0);
            var b1 = Vector256.LoadAligned(b + 8);
            var x0 = Vector256.Create(a0[p]);
            c00 = Vector256.FusedMultiplyAdd(x0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x0, b1, c01);
            var x1 = Vector256.Create(a1[p]);
            c10 = Vector256.FusedMultiplyAdd(x1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x1, b1, c11);
            var x2 = Vector256.Create(a2[p]);
            c20 = Vector256.FusedMultiplyAdd(x2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x2, b1, c21);
            var x3 = Vector256.Create(a3[p]);
            c30 = Vector256.FusedMultiplyAdd(x3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x3, b1, c31);
            var x4 = Vector256.Create(a4[p]);
            c40 = Vector256.FusedMultiplyAdd(x4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x4, b1, c41);
            var x5 = Vector256.Create(a5[p]);
            c50 = Vector256.FusedMultiplyAdd(x5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x5, b1, c51);
            b += 16;
        }
        Vector256.Store(c00, c + 0 * ldc + 0);
        Vector256.Store(c01, c + 0 * ldc + 8);
        Vector256.Store(c10, c + 1 * ldc + 0);
        Vector256.Store(c11, c + 1 * ldc + 8);
        Vector256.Store(c20, c + 2 * ldc + 0);
        Vector256.Store(c21, c + 2 * ldc + 8);
        Vector256.Store(c30, c + 3 * ldc + 0);
        Vector256.Store(c31, c + 3 * ldc + 8);
        Vector256.Store(c40, c + 4 * ldc + 0);
        Vector256.Store(c41, c + 4 * ldc + 8);
        Vector256.Store(c50, c + 5 * ldc + 0);
        Vector256.Store(c51, c + 5 * ldc + 8);
    }

    /// <summary>Portable 4 × 8 tile: the same FMA chains as the vector tiles, one element at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Tile4x8(float* a, long lda, int rows, float* b, int depth, float* c, int ldc, bool accumulate)
    {
        if (!accumulate)
        {
            for (var i = 0; i < MrScalar; i++)
            {
                new Span<float>(c + i * ldc, NrScalar).Clear();
            }
        }
        for (var p = 0; p < depth; p++)
        {
            for (var i = 0; i < Math.Min(rows, MrScalar); i++)
            {
                var ai = a[i * lda + p];
                var row = c + i * ldc;
                for (var j = 0; j < NrScalar; j++)
                {
                    row[j] = MathF.FusedMultiplyAdd(ai, b[j], row[j]);
                }
            }
            b += NrScalar;
        }
    }
}
