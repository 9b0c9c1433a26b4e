using System.Runtime.Intrinsics;

namespace InFiConD.Core;

// Accumulators are spelled out one by one so the JIT keeps each in its own register.
/// <summary>
/// Register-tiled GEMM micro-kernels over packed panels (A: depth × MR interleaved, B: depth × NR
/// interleaved, 64-byte aligned). Every output element is one fused multiply-add chain in depth order,
/// the same chain on every path, so all paths (and any thread count) give identical bits.
/// </summary>
internal static unsafe class MicroKernels
{
    internal const int Mr512 = 8, Nr512 = 32, Mr256 = 6, Nr256 = 16, MrScalar = 4, NrScalar = 8;

    /// <summary>8 × 32 tile with Vector512: c[i, j] (+)= Σ_p a[p·8 + i] · b[p·32 + j], one FMA chain per element in p order.</summary>
    internal static void Tile8x32(float* a, float* b, int depth, float* c, int ldc, bool accumulate)
    {
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
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += 8;
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

    /// <summary>6 × 16 tile with Vector256: c[i, j] (+)= Σ_p a[p·6 + i] · b[p·16 + j], one FMA chain per element in p order.</summary>
    internal static void Tile6x16(float* a, float* b, int depth, float* c, int ldc, bool accumulate)
    {
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
            var a0 = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a += 6;
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
    internal static void Tile4x8(float* a, float* b, int depth, float* c, int ldc, bool accumulate)
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
            for (var i = 0; i < MrScalar; i++)
            {
                var ai = a[i];
                var row = c + i * ldc;
                for (var j = 0; j < NrScalar; j++)
                {
                    row[j] = MathF.FusedMultiplyAdd(ai, b[j], row[j]);
                }
            }
            a += MrScalar;
            b += NrScalar;
        }
    }
}
