using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace InFiConD.Core;

/// <summary>
/// The product <c>D = S·M</c> of a few rows S (K × depth, one per class) with a wide matrix M (depth × width, packed
/// as <see cref="TileColumns"/>), vectorised along the width (<see cref="Kernels.MultiplyTiled"/>): a tile of four classes
/// × four vectors (64 columns on AVX-512, 32 on AVX2, 16 with 128-bit vectors) keeps its 16 accumulators in registers
/// over the depth, broadcasting one scale per class and loading one run of M's packed row per step. The students'
/// solver's two products have this shape — logits <c>W·Zᵀ</c> (depth C, width N) and gradient sums <c>R·Z</c>
/// (depth N, width C) — and at the solver's class counts it wastes nothing, where the GEMM pads the classes to a
/// 32-wide panel. On the 2-core test machine the tiles run at about one vector FMA per cycle per core once M streams
/// from memory (docs/performance.md, "Class tiles, aimed steps and a fused loss").
/// </summary>
/// <remarks>
/// Every element is one chain of fused multiply-adds from +0 over the depth in order (a long depth is cut into chunks
/// whose partial sums are stored and reloaded, which continues the chain unchanged): the chain Core's GEMM computes, so
/// the two give identical bits on every instruction-set path and thread count. One generic tile serves every width. The last tile of classes and of the
/// width may overlap the one before (a recomputed element gets the same bits), so no tile is partial.
/// </remarks>
internal static class ClassTiles
{
    private const int TileClasses = 4;
    private const int TileVectors = 4;

    /// <summary>Depth steps per chunk: a chunk of a tile (128 × 256 bytes) stays in L1 while every group of classes passes over it.</summary>
    private const int DepthChunk = 128;

    /// <summary>
    /// Columns per tile on <see cref="Kernels.ActivePath"/>, 0 on the scalar path — so <c>INFICOND_KERNEL_PATH</c> narrows the
    /// tiles as it narrows the GEMM (with no tiles the solver takes the GEMM).
    /// </summary>
    internal static int Lanes { get; } = LanesFor(Kernels.ActivePath);

    /// <summary>Columns per tile on <paramref name="path"/> (resolved): four vectors of its width, or 0 for scalar.</summary>
    internal static int LanesFor(KernelPath path) => KernelPaths.Bits(KernelPaths.Resolve(path)) / (8 * sizeof(float)) * TileVectors;

    /// <summary>
    /// <c>destination[k, i] = Σ_p scales[k, p] · M[p, i]</c> for k &lt; K, i &lt; width, with M (depth × width) given as tiles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Multiply(FloatMatrix scales, TileColumns matrix, FloatMatrix destination, int threads)
    {
        var (k, depth, width) = (scales.Rows, scales.Columns, matrix.Width);
        if (matrix.Depth != depth || destination.Rows != k || destination.Columns != width)
        {
            throw new ShapeMismatchException(nameof(destination), $"{k} × {width} from {k} × {depth} and {depth} × {width}",
                $"{destination.Rows} × {destination.Columns} from {k} × {depth} and {matrix.Depth} × {width}");
        }
        if (k == 0 || width == 0)
        {
            return;
        }
        if (matrix.Tiles == 0)
        {
            Scalar(scales, matrix.Source, destination);
            return;
        }
        var tiles = matrix.Tiles;
        // One tile per work item when tiles are few (the gradient product has ten at VOC scale), so threads stay balanced.
        var items = Math.Min(tiles, threads * 8);
        Parallel.For(0, items, new ParallelOptions { MaxDegreeOfParallelism = threads }, item =>
        {
            // Partial sums of one tile for all classes: the chain continues here between depth chunks.
            var partial = ArrayPool<float>.Shared.Rent(Groups(k) * TileClasses * matrix.Lanes);
            try
            {
                for (var tile = (int)((long)tiles * item / items); tile < (int)((long)tiles * (item + 1) / items); tile++)
                {
                    Tile(scales, matrix, tile, destination, partial);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(partial);
            }
        });
    }

    /// <summary>One tile's columns of the product for every class, depth chunk by depth chunk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile(FloatMatrix scales, TileColumns matrix, int tile, FloatMatrix destination, float[] partial)
    {
        var (k, depth, lanes) = (scales.Rows, scales.Columns, matrix.Lanes);
        ref var s = ref MemoryMarshal.GetReference(scales.AsSpan());
        ref var column = ref MemoryMarshal.GetReference(matrix.Tile(tile));
        ref var acc = ref MemoryMarshal.GetArrayDataReference(partial);
        var groups = Groups(k);
        for (var p0 = 0; p0 < Math.Max(depth, 1); p0 += DepthChunk)
        {
            var p1 = Math.Min(depth, p0 + DepthChunk);
            // While the groups after the first compute from L1, they ask for the next chunk (what follows this one in
            // memory, the next tile's first after the last) into L2, so the next first group does not wait on memory.
            // A raw address, not a ref: past the last chunk it points beyond the array, where no GC-tracked ref may point.
            // Prefetching is only a hint, so a stale address after a GC move costs nothing either.
            var aheadLines = DepthChunk * lanes * sizeof(float) / 64;
            var ahead = (byte*)Unsafe.AsPointer(ref column) + (nint)p1 * lanes * sizeof(float);
            for (var g = 0; g < groups; g++)
            {
                var (from, to) = groups == 1 ? (0, aheadLines) : g == 0 ? (0, 0) : ((g - 1) * aheadLines / (groups - 1), g * aheadLines / (groups - 1));
                var first = FirstClass(g, k);
                ref var s0 = ref Unsafe.Add(ref s, (nint)first * depth);
                ref var s1 = ref Unsafe.Add(ref s, (nint)Math.Min(first + 1, k - 1) * depth);
                ref var s2 = ref Unsafe.Add(ref s, (nint)Math.Min(first + 2, k - 1) * depth);
                ref var s3 = ref Unsafe.Add(ref s, (nint)Math.Min(first + 3, k - 1) * depth);
                ref var tileAcc = ref Unsafe.Add(ref acc, (nint)g * TileClasses * lanes);
                var (fromZero, aheadCount) = (p0 == 0, to - from);
                var aheadFrom = ahead + from * 64;
                switch (lanes / TileVectors)
                {
                    case 16: Tile<FloatLanes512, Vector512<float>>(ref column, lanes, p0, p1, ref s0, ref s1, ref s2, ref s3, ref tileAcc, fromZero, aheadFrom, aheadCount); break;
                    case 8: Tile<FloatLanes256, Vector256<float>>(ref column, lanes, p0, p1, ref s0, ref s1, ref s2, ref s3, ref tileAcc, fromZero, aheadFrom, aheadCount); break;
                    default: Tile<FloatLanes128, Vector128<float>>(ref column, lanes, p0, p1, ref s0, ref s1, ref s2, ref s3, ref tileAcc, fromZero, aheadFrom, aheadCount); break;
                }
            }
        }
        var start = matrix.Start(tile);
        for (var kk = 0; kk < k; kk++)
        {
            var g = kk / TileClasses;
            partial.AsSpan((g * TileClasses + kk - FirstClass(g, k)) * lanes, lanes).CopyTo(destination.Row(kk).Slice(start, lanes));
        }
    }

    private static int Groups(int classes) => (classes + TileClasses - 1) / TileClasses;

    /// <summary>
    /// Group g's first class: the last group ends at the last class, overlapping the one before when K is not a multiple
    /// of four; with fewer than four classes the one group repeats the last class in its spare rows (same bits, and
    /// the loads of M, not the FMAs, set the time of so small a product).
    /// </summary>
    private static int FirstClass(int group, int classes) => Math.Max(0, Math.Min(group * TileClasses, classes - TileClasses));

    /// <summary>
    /// Four classes × four vectors over depth [p0, p1): the classes' scales from <paramref name="s0"/> … <paramref name="s3"/>,
    /// accumulators 4 × (4 · Count) at <paramref name="acc"/>; along the way, <paramref name="aheadLines"/> cache lines from
    /// <paramref name="ahead"/> are asked into L2, spread evenly over the steps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile<TLanes, TVector>(ref float column, int stride, int p0, int p1, ref float s0, ref float s1, ref float s2, ref float s3, ref float acc, bool fromZero, byte* ahead, int aheadLines)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        var v = (nuint)TLanes.Count;
        var l = v * TileVectors;
        TVector a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33;
        if (fromZero)
        {
            a00 = a01 = a02 = a03 = a10 = a11 = a12 = a13 = a20 = a21 = a22 = a23 = a30 = a31 = a32 = a33 = TLanes.Zero;
        }
        else
        {
            a00 = TLanes.Load(ref acc, 0); a01 = TLanes.Load(ref acc, v); a02 = TLanes.Load(ref acc, 2 * v); a03 = TLanes.Load(ref acc, 3 * v);
            a10 = TLanes.Load(ref acc, l); a11 = TLanes.Load(ref acc, l + v); a12 = TLanes.Load(ref acc, l + (2 * v)); a13 = TLanes.Load(ref acc, l + (3 * v));
            a20 = TLanes.Load(ref acc, 2 * l); a21 = TLanes.Load(ref acc, (2 * l) + v); a22 = TLanes.Load(ref acc, (2 * l) + (2 * v)); a23 = TLanes.Load(ref acc, (2 * l) + (3 * v));
            a30 = TLanes.Load(ref acc, 3 * l); a31 = TLanes.Load(ref acc, (3 * l) + v); a32 = TLanes.Load(ref acc, (3 * l) + (2 * v)); a33 = TLanes.Load(ref acc, (3 * l) + (3 * v));
        }
        var perStep = p1 > p0 ? (aheadLines + p1 - p0 - 1) / (p1 - p0) : 0;
        for (var p = p0; p < p1; p++)
        {
            Prefetch(ahead, (p - p0) * perStep, Math.Min(aheadLines, (p - p0 + 1) * perStep));
            ref var row = ref Unsafe.Add(ref column, (nint)p * stride);
            var z0 = TLanes.Load(ref row, 0);
            var z1 = TLanes.Load(ref row, v);
            var z2 = TLanes.Load(ref row, 2 * v);
            var z3 = TLanes.Load(ref row, 3 * v);
            var b = TLanes.Create(Unsafe.Add(ref s0, p));
            a00 = TLanes.FusedMultiplyAdd(b, z0, a00); a01 = TLanes.FusedMultiplyAdd(b, z1, a01); a02 = TLanes.FusedMultiplyAdd(b, z2, a02); a03 = TLanes.FusedMultiplyAdd(b, z3, a03);
            b = TLanes.Create(Unsafe.Add(ref s1, p));
            a10 = TLanes.FusedMultiplyAdd(b, z0, a10); a11 = TLanes.FusedMultiplyAdd(b, z1, a11); a12 = TLanes.FusedMultiplyAdd(b, z2, a12); a13 = TLanes.FusedMultiplyAdd(b, z3, a13);
            b = TLanes.Create(Unsafe.Add(ref s2, p));
            a20 = TLanes.FusedMultiplyAdd(b, z0, a20); a21 = TLanes.FusedMultiplyAdd(b, z1, a21); a22 = TLanes.FusedMultiplyAdd(b, z2, a22); a23 = TLanes.FusedMultiplyAdd(b, z3, a23);
            b = TLanes.Create(Unsafe.Add(ref s3, p));
            a30 = TLanes.FusedMultiplyAdd(b, z0, a30); a31 = TLanes.FusedMultiplyAdd(b, z1, a31); a32 = TLanes.FusedMultiplyAdd(b, z2, a32); a33 = TLanes.FusedMultiplyAdd(b, z3, a33);
        }
        TLanes.Store(a00, ref acc, 0); TLanes.Store(a01, ref acc, v); TLanes.Store(a02, ref acc, 2 * v); TLanes.Store(a03, ref acc, 3 * v);
        TLanes.Store(a10, ref acc, l); TLanes.Store(a11, ref acc, l + v); TLanes.Store(a12, ref acc, l + (2 * v)); TLanes.Store(a13, ref acc, l + (3 * v));
        TLanes.Store(a20, ref acc, 2 * l); TLanes.Store(a21, ref acc, (2 * l) + v); TLanes.Store(a22, ref acc, (2 * l) + (2 * v)); TLanes.Store(a23, ref acc, (2 * l) + (3 * v));
        TLanes.Store(a30, ref acc, 3 * l); TLanes.Store(a31, ref acc, (3 * l) + v); TLanes.Store(a32, ref acc, (3 * l) + (2 * v)); TLanes.Store(a33, ref acc, (3 * l) + (3 * v));
    }

    /// <summary>Asks cache lines [from, to) after <paramref name="ahead"/> into L2 (where the CPU can be asked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(byte* ahead, int from, int to)
    {
        if (Sse.IsSupported)
        {
            for (var line = from; line < to; line++)
            {
                Sse.Prefetch1(ahead + line * 64);
            }
        }
    }

    /// <summary>The same chains one element at a time (a width below one tile, or no vector unit).</summary>
    private static void Scalar(FloatMatrix scales, FloatMatrix matrix, FloatMatrix destination)
    {
        var depth = scales.Columns;
        for (var kk = 0; kk < scales.Rows; kk++)
        {
            var s = scales.Row(kk);
            var d = destination.Row(kk);
            for (var i = 0; i < matrix.Columns; i++)
            {
                var sum = 0f;
                for (var p = 0; p < depth; p++)
                {
                    sum = MathF.FusedMultiplyAdd(s[p], matrix[p, i], sum);
                }
                d[i] = sum;
            }
        }
    }
}
