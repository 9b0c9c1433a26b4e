using System.Runtime.CompilerServices;

namespace InFiConD.Core;

// Accumulators are spelled out one by one so the JIT keeps each in its own register; the rows and columns a width
// does not use are behind conditions on constants of the lanes type, which the JIT folds away per width.
/// <summary>
/// Register-tiled GEMM micro-kernels. A is read in place (MR row streams, one broadcast per row and depth
/// step: no packing, which would cost as much as the arithmetic when B is narrow); B is a packed panel
/// (depth × NR interleaved, 64-byte aligned). Every output element is one fused multiply-add chain in
/// depth order, the same chain on every path, so all paths (and any thread count) give identical bits.
/// </summary>
/// <remarks>
/// <para>One kernel serves every vector width: <see cref="Tile{TLanes, TVector, TColumns}"/> is MR × 2 vectors (8 × 32 on
/// AVX-512, 6 × 16 on AVX2, 6 × 8 on SSE, 8 × 8 on ARM64): as many rows as the width's registers hold accumulators for
/// (32 registers: 8 rows; 16: 6), two vectors of columns. With <see cref="OneVector"/> it computes the left half of
/// such a tile, for a last panel with at most NR / 2 valid columns.</para>
/// <para>The kernels and the drivers around them are compiled fully optimised on first use
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): with tiered compilation a one-off call — a user scoring
/// once, or a benchmark's first few calls — ran tier-0 / on-stack-replacement code (BenchmarkDotNet's one warm-up:
/// 46 ms at P = 1 against 33 ms after 15 warm-ups). Profile-guided tiers have nothing to add to hand-vectorised loops.</para>
/// </remarks>
internal static unsafe class MicroKernels
{
    internal const int MrScalar = 4, NrScalar = 8;

    /// <summary>MR of the vector tile at width <typeparamref name="TLanes"/>: 8 rows with 32 registers, 6 with 16.</summary>
    internal static int Rows<TLanes, TVector>()
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct => TLanes.Registers >= 32 ? 8 : 6;

    /// <summary>NR of the vector tile at width <typeparamref name="TLanes"/>: two vectors.</summary>
    internal static int Columns<TLanes, TVector>()
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct => 2 * TLanes.Count;

    /// <summary>
    /// MR × (1 or 2 vectors) tile: c[i, j] (+)= Σ_p a[i·lda + p] · b[p·NR + j], one FMA chain per element in p order, NR
    /// being two vectors whichever part is computed. Rows past <paramref name="rows"/> repeat the last row; their results are ignored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Tile<TLanes, TVector, TColumns>(float* a, long lda, int rows, float* b, int depth, float* c, int ldc, bool accumulate)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TColumns : struct, ITileColumns
    {
        var w = TLanes.Count;
        var nr = 2 * w;
        var eight = TLanes.Registers >= 32;
        var two = TColumns.Vectors == 2;
        var a0 = a + Math.Min(0, rows - 1) * lda;
        var a1 = a + Math.Min(1, rows - 1) * lda;
        var a2 = a + Math.Min(2, rows - 1) * lda;
        var a3 = a + Math.Min(3, rows - 1) * lda;
        var a4 = a + Math.Min(4, rows - 1) * lda;
        var a5 = a + Math.Min(5, rows - 1) * lda;
        var a6 = eight ? a + Math.Min(6, rows - 1) * lda : a5;
        var a7 = eight ? a + Math.Min(7, rows - 1) * lda : a5;
        TVector c00 = Start<TLanes, TVector>(accumulate, c + 0 * ldc), c01 = two ? Start<TLanes, TVector>(accumulate, c + 0 * ldc + w) : default;
        TVector c10 = Start<TLanes, TVector>(accumulate, c + 1 * ldc), c11 = two ? Start<TLanes, TVector>(accumulate, c + 1 * ldc + w) : default;
        TVector c20 = Start<TLanes, TVector>(accumulate, c + 2 * ldc), c21 = two ? Start<TLanes, TVector>(accumulate, c + 2 * ldc + w) : default;
        TVector c30 = Start<TLanes, TVector>(accumulate, c + 3 * ldc), c31 = two ? Start<TLanes, TVector>(accumulate, c + 3 * ldc + w) : default;
        TVector c40 = Start<TLanes, TVector>(accumulate, c + 4 * ldc), c41 = two ? Start<TLanes, TVector>(accumulate, c + 4 * ldc + w) : default;
        TVector c50 = Start<TLanes, TVector>(accumulate, c + 5 * ldc), c51 = two ? Start<TLanes, TVector>(accumulate, c + 5 * ldc + w) : default;
        TVector c60 = eight ? Start<TLanes, TVector>(accumulate, c + 6 * ldc) : default, c61 = eight && two ? Start<TLanes, TVector>(accumulate, c + 6 * ldc + w) : default;
        TVector c70 = eight ? Start<TLanes, TVector>(accumulate, c + 7 * ldc) : default, c71 = eight && two ? Start<TLanes, TVector>(accumulate, c + 7 * ldc + w) : default;
        for (var p = 0; p < depth; p++)
        {
            var b0 = TLanes.LoadAligned(b);
            var b1 = TLanes.LoadAligned(b + (two ? w : 0)); // the half tile reloads b0 and never uses it
            var x0 = TLanes.Create(a0[p]);
            c00 = TLanes.FusedMultiplyAdd(x0, b0, c00);
            if (TColumns.Vectors == 2)
            {
                c01 = TLanes.FusedMultiplyAdd(x0, b1, c01);
            }
            var x1 = TLanes.Create(a1[p]);
            c10 = TLanes.FusedMultiplyAdd(x1, b0, c10);
            if (TColumns.Vectors == 2)
            {
                c11 = TLanes.FusedMultiplyAdd(x1, b1, c11);
            }
            var x2 = TLanes.Create(a2[p]);
            c20 = TLanes.FusedMultiplyAdd(x2, b0, c20);
            if (TColumns.Vectors == 2)
            {
                c21 = TLanes.FusedMultiplyAdd(x2, b1, c21);
            }
            var x3 = TLanes.Create(a3[p]);
            c30 = TLanes.FusedMultiplyAdd(x3, b0, c30);
            if (TColumns.Vectors == 2)
            {
                c31 = TLanes.FusedMultiplyAdd(x3, b1, c31);
            }
            var x4 = TLanes.Create(a4[p]);
            c40 = TLanes.FusedMultiplyAdd(x4, b0, c40);
            if (TColumns.Vectors == 2)
            {
                c41 = TLanes.FusedMultiplyAdd(x4, b1, c41);
            }
            var x5 = TLanes.Create(a5[p]);
            c50 = TLanes.FusedMultiplyAdd(x5, b0, c50);
            if (TColumns.Vectors == 2)
            {
                c51 = TLanes.FusedMultiplyAdd(x5, b1, c51);
            }
            if (TLanes.Registers >= 32)
            {
                var x6 = TLanes.Create(a6[p]);
                c60 = TLanes.FusedMultiplyAdd(x6, b0, c60);
                if (TColumns.Vectors == 2)
                {
                    c61 = TLanes.FusedMultiplyAdd(x6, b1, c61);
                }
                var x7 = TLanes.Create(a7[p]);
                c70 = TLanes.FusedMultiplyAdd(x7, b0, c70);
                if (TColumns.Vectors == 2)
                {
                    c71 = TLanes.FusedMultiplyAdd(x7, b1, c71);
                }
            }
            b += nr;
        }
        Finish<TLanes, TVector>(c00, c01, c + 0 * ldc, two);
        Finish<TLanes, TVector>(c10, c11, c + 1 * ldc, two);
        Finish<TLanes, TVector>(c20, c21, c + 2 * ldc, two);
        Finish<TLanes, TVector>(c30, c31, c + 3 * ldc, two);
        Finish<TLanes, TVector>(c40, c41, c + 4 * ldc, two);
        Finish<TLanes, TVector>(c50, c51, c + 5 * ldc, two);
        if (eight)
        {
            Finish<TLanes, TVector>(c60, c61, c + 6 * ldc, two);
            Finish<TLanes, TVector>(c70, c71, c + 7 * ldc, two);
        }
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

    /// <summary>An accumulator's start: the partial sum stored by the previous depth block, or +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Start<TLanes, TVector>(bool accumulate, float* c)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct => accumulate ? TLanes.Load(c) : TLanes.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TLanes, TVector>(TVector left, TVector right, float* c, bool two)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        TLanes.Store(left, c);
        if (two)
        {
            TLanes.Store(right, c + TLanes.Count);
        }
    }
}
