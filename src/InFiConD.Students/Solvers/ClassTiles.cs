using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// The product <c>D = S·M</c> of a few rows S (K × depth, one per class) with a wide matrix M (depth × width, packed
/// as <see cref="TileColumns"/>), vectorised along the width: a tile of four classes × 64 columns keeps its 16
/// accumulators in registers over the depth, broadcasting one scale per class and loading one run of M's packed row per
/// step. Both solver products have this shape — logits <c>W·Zᵀ</c> (depth C, width N) and gradient sums <c>R·Z</c>
/// (depth N, width C) — and at the solver's class counts it wastes nothing, where the GEMM pads the classes to a
/// 32-wide panel. On the 2-core test machine the tiles run at about one vector FMA per cycle per core once M streams
/// from memory (docs/performance.md, "Class tiles, aimed steps and a fused loss").
/// </summary>
/// <remarks>
/// Every element is one chain of fused multiply-adds from +0 over the depth in order (a long depth is cut into chunks
/// whose partial sums are stored and reloaded, which continues the chain unchanged): the chain Core's GEMM computes, so
/// the two give identical bits on every instruction-set path and thread count. The last tile of classes and of the
/// width may overlap the one before (a recomputed element gets the same bits), so no tile is partial.
/// </remarks>
internal static class ClassTiles
{
    private const int TileClasses = 4;
    private const int TileVectors = 4;

    /// <summary>Depth steps per chunk: a chunk of a tile (128 × 256 bytes) stays in L1 while every group of classes passes over it.</summary>
    private const int DepthChunk = 128;

    /// <summary>
    /// Columns per tile on this machine's widest vector path, 0 without one — Core's kernel path, so
    /// <c>INFICOND_KERNEL_PATH=vector256|scalar</c> narrows the tiles as it narrows the GEMM (with no tiles the solver
    /// takes the GEMM).
    /// </summary>
    internal static int Lanes { get; } = Kernels.ActivePath switch
    {
        KernelPath.Vector512 => Vector512<float>.Count * TileVectors,
        KernelPath.Vector256 => Vector256<float>.Count * TileVectors,
        _ => 0,
    };

    /// <summary>
    /// <c>destination[k, i] = Σ_p scales[k, p] · M[p, i]</c> for k &lt; K, i &lt; width, with M (depth × width) given as tiles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Multiply(FloatMatrix scales, TileColumns matrix, FloatMatrix destination, ParallelOptions parallel)
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
        var threads = parallel.MaxDegreeOfParallelism > 0 ? parallel.MaxDegreeOfParallelism : Environment.ProcessorCount;
        // One tile per work item when tiles are few (the gradient product has ten at VOC scale), so threads stay balanced.
        var items = Math.Min(tiles, threads * 8);
        Parallel.For(0, items, parallel, item =>
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
                if (lanes == Vector512<float>.Count * TileVectors)
                {
                    Tile512(ref column, lanes, p0, p1, ref s0, ref s1, ref s2, ref s3, ref tileAcc, fromZero: p0 == 0, ahead + from * 64, to - from);
                }
                else
                {
                    Tile256(ref column, lanes, p0, p1, ref s0, ref s1, ref s2, ref s3, ref tileAcc, fromZero: p0 == 0, ahead + from * 64, to - from);
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
    /// Four classes × 64 lanes over depth [p0, p1): the classes' scales from <paramref name="s0"/> … <paramref name="s3"/>,
    /// accumulators 4 × 64 at <paramref name="acc"/>; along the way, <paramref name="aheadLines"/> cache lines from
    /// <paramref name="ahead"/> are asked into L2, spread evenly over the steps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile512(ref float column, int stride, int p0, int p1, ref float s0, ref float s1, ref float s2, ref float s3, ref float acc, bool fromZero, byte* ahead, int aheadLines)
    {
        const int V = 16, L = V * TileVectors;
        Vector512<float> a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33;
        if (fromZero)
        {
            a00 = a01 = a02 = a03 = a10 = a11 = a12 = a13 = a20 = a21 = a22 = a23 = a30 = a31 = a32 = a33 = Vector512<float>.Zero;
        }
        else
        {
            (a00, a01, a02, a03) = (Vector512.LoadUnsafe(ref acc, 0), Vector512.LoadUnsafe(ref acc, V), Vector512.LoadUnsafe(ref acc, 2 * V), Vector512.LoadUnsafe(ref acc, 3 * V));
            (a10, a11, a12, a13) = (Vector512.LoadUnsafe(ref acc, L), Vector512.LoadUnsafe(ref acc, L + V), Vector512.LoadUnsafe(ref acc, L + 2 * V), Vector512.LoadUnsafe(ref acc, L + 3 * V));
            (a20, a21, a22, a23) = (Vector512.LoadUnsafe(ref acc, 2 * L), Vector512.LoadUnsafe(ref acc, 2 * L + V), Vector512.LoadUnsafe(ref acc, 2 * L + 2 * V), Vector512.LoadUnsafe(ref acc, 2 * L + 3 * V));
            (a30, a31, a32, a33) = (Vector512.LoadUnsafe(ref acc, 3 * L), Vector512.LoadUnsafe(ref acc, 3 * L + V), Vector512.LoadUnsafe(ref acc, 3 * L + 2 * V), Vector512.LoadUnsafe(ref acc, 3 * L + 3 * V));
        }
        var perStep = p1 > p0 ? (aheadLines + p1 - p0 - 1) / (p1 - p0) : 0;
        for (var p = p0; p < p1; p++)
        {
            Prefetch(ahead, (p - p0) * perStep, Math.Min(aheadLines, (p - p0 + 1) * perStep));
            ref var row = ref Unsafe.Add(ref column, (nint)p * stride);
            var (z0, z1, z2, z3) = (Vector512.LoadUnsafe(ref row, 0), Vector512.LoadUnsafe(ref row, V), Vector512.LoadUnsafe(ref row, 2 * V), Vector512.LoadUnsafe(ref row, 3 * V));
            var b = Vector512.Create(Unsafe.Add(ref s0, p));
            (a00, a01, a02, a03) = (Vector512.FusedMultiplyAdd(b, z0, a00), Vector512.FusedMultiplyAdd(b, z1, a01), Vector512.FusedMultiplyAdd(b, z2, a02), Vector512.FusedMultiplyAdd(b, z3, a03));
            b = Vector512.Create(Unsafe.Add(ref s1, p));
            (a10, a11, a12, a13) = (Vector512.FusedMultiplyAdd(b, z0, a10), Vector512.FusedMultiplyAdd(b, z1, a11), Vector512.FusedMultiplyAdd(b, z2, a12), Vector512.FusedMultiplyAdd(b, z3, a13));
            b = Vector512.Create(Unsafe.Add(ref s2, p));
            (a20, a21, a22, a23) = (Vector512.FusedMultiplyAdd(b, z0, a20), Vector512.FusedMultiplyAdd(b, z1, a21), Vector512.FusedMultiplyAdd(b, z2, a22), Vector512.FusedMultiplyAdd(b, z3, a23));
            b = Vector512.Create(Unsafe.Add(ref s3, p));
            (a30, a31, a32, a33) = (Vector512.FusedMultiplyAdd(b, z0, a30), Vector512.FusedMultiplyAdd(b, z1, a31), Vector512.FusedMultiplyAdd(b, z2, a32), Vector512.FusedMultiplyAdd(b, z3, a33));
        }
        a00.StoreUnsafe(ref acc, 0); a01.StoreUnsafe(ref acc, V); a02.StoreUnsafe(ref acc, 2 * V); a03.StoreUnsafe(ref acc, 3 * V);
        a10.StoreUnsafe(ref acc, L); a11.StoreUnsafe(ref acc, L + V); a12.StoreUnsafe(ref acc, L + 2 * V); a13.StoreUnsafe(ref acc, L + 3 * V);
        a20.StoreUnsafe(ref acc, 2 * L); a21.StoreUnsafe(ref acc, 2 * L + V); a22.StoreUnsafe(ref acc, 2 * L + 2 * V); a23.StoreUnsafe(ref acc, 2 * L + 3 * V);
        a30.StoreUnsafe(ref acc, 3 * L); a31.StoreUnsafe(ref acc, 3 * L + V); a32.StoreUnsafe(ref acc, 3 * L + 2 * V); a33.StoreUnsafe(ref acc, 3 * L + 3 * V);
    }

    /// <summary><see cref="Tile512"/> with 256-bit vectors: four classes × 32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile256(ref float column, int stride, int p0, int p1, ref float s0, ref float s1, ref float s2, ref float s3, ref float acc, bool fromZero, byte* ahead, int aheadLines)
    {
        const int V = 8, L = V * TileVectors;
        Vector256<float> a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33;
        if (fromZero)
        {
            a00 = a01 = a02 = a03 = a10 = a11 = a12 = a13 = a20 = a21 = a22 = a23 = a30 = a31 = a32 = a33 = Vector256<float>.Zero;
        }
        else
        {
            (a00, a01, a02, a03) = (Vector256.LoadUnsafe(ref acc, 0), Vector256.LoadUnsafe(ref acc, V), Vector256.LoadUnsafe(ref acc, 2 * V), Vector256.LoadUnsafe(ref acc, 3 * V));
            (a10, a11, a12, a13) = (Vector256.LoadUnsafe(ref acc, L), Vector256.LoadUnsafe(ref acc, L + V), Vector256.LoadUnsafe(ref acc, L + 2 * V), Vector256.LoadUnsafe(ref acc, L + 3 * V));
            (a20, a21, a22, a23) = (Vector256.LoadUnsafe(ref acc, 2 * L), Vector256.LoadUnsafe(ref acc, 2 * L + V), Vector256.LoadUnsafe(ref acc, 2 * L + 2 * V), Vector256.LoadUnsafe(ref acc, 2 * L + 3 * V));
            (a30, a31, a32, a33) = (Vector256.LoadUnsafe(ref acc, 3 * L), Vector256.LoadUnsafe(ref acc, 3 * L + V), Vector256.LoadUnsafe(ref acc, 3 * L + 2 * V), Vector256.LoadUnsafe(ref acc, 3 * L + 3 * V));
        }
        var perStep = p1 > p0 ? (aheadLines + p1 - p0 - 1) / (p1 - p0) : 0;
        for (var p = p0; p < p1; p++)
        {
            Prefetch(ahead, (p - p0) * perStep, Math.Min(aheadLines, (p - p0 + 1) * perStep));
            ref var row = ref Unsafe.Add(ref column, (nint)p * stride);
            var (z0, z1, z2, z3) = (Vector256.LoadUnsafe(ref row, 0), Vector256.LoadUnsafe(ref row, V), Vector256.LoadUnsafe(ref row, 2 * V), Vector256.LoadUnsafe(ref row, 3 * V));
            var b = Vector256.Create(Unsafe.Add(ref s0, p));
            (a00, a01, a02, a03) = (Vector256.FusedMultiplyAdd(b, z0, a00), Vector256.FusedMultiplyAdd(b, z1, a01), Vector256.FusedMultiplyAdd(b, z2, a02), Vector256.FusedMultiplyAdd(b, z3, a03));
            b = Vector256.Create(Unsafe.Add(ref s1, p));
            (a10, a11, a12, a13) = (Vector256.FusedMultiplyAdd(b, z0, a10), Vector256.FusedMultiplyAdd(b, z1, a11), Vector256.FusedMultiplyAdd(b, z2, a12), Vector256.FusedMultiplyAdd(b, z3, a13));
            b = Vector256.Create(Unsafe.Add(ref s2, p));
            (a20, a21, a22, a23) = (Vector256.FusedMultiplyAdd(b, z0, a20), Vector256.FusedMultiplyAdd(b, z1, a21), Vector256.FusedMultiplyAdd(b, z2, a22), Vector256.FusedMultiplyAdd(b, z3, a23));
            b = Vector256.Create(Unsafe.Add(ref s3, p));
            (a30, a31, a32, a33) = (Vector256.FusedMultiplyAdd(b, z0, a30), Vector256.FusedMultiplyAdd(b, z1, a31), Vector256.FusedMultiplyAdd(b, z2, a32), Vector256.FusedMultiplyAdd(b, z3, a33));
        }
        a00.StoreUnsafe(ref acc, 0); a01.StoreUnsafe(ref acc, V); a02.StoreUnsafe(ref acc, 2 * V); a03.StoreUnsafe(ref acc, 3 * V);
        a10.StoreUnsafe(ref acc, L); a11.StoreUnsafe(ref acc, L + V); a12.StoreUnsafe(ref acc, L + 2 * V); a13.StoreUnsafe(ref acc, L + 3 * V);
        a20.StoreUnsafe(ref acc, 2 * L); a21.StoreUnsafe(ref acc, 2 * L + V); a22.StoreUnsafe(ref acc, 2 * L + 2 * V); a23.StoreUnsafe(ref acc, 2 * L + 3 * V);
        a30.StoreUnsafe(ref acc, 3 * L); a31.StoreUnsafe(ref acc, 3 * L + V); a32.StoreUnsafe(ref acc, 3 * L + 2 * V); a33.StoreUnsafe(ref acc, 3 * L + 3 * V);
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
