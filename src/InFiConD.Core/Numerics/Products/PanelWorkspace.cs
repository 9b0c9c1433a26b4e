using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace InFiConD.Core;

/// <summary>
/// One worker's scratch memory for <see cref="PanelProduct"/>: the packed A micro-panel (depth × MR), the
/// product rows of the current column chunk (MR × chunk width) and the rows' sums of squares. Allocated
/// once per worker, never inside the loops.
/// </summary>
internal sealed unsafe class PanelWorkspace : IDisposable
{
    internal PanelWorkspace(PanelShape shape, int depth, int chunkWidth)
    {
        Mr = shape.Mr;
        Depth = depth;
        ChunkWidth = chunkWidth;
        PackedA = Alloc((long)Math.Max(depth, 1) * Mr);
        Product = Alloc((long)Mr * Math.Max(chunkWidth, 1));
        SumsOfSquares = Alloc(Mr);
    }

    internal int Mr { get; }

    internal int Depth { get; }

    internal int ChunkWidth { get; }

    internal float* PackedA { get; private set; }

    internal float* Product { get; private set; }

    internal float* SumsOfSquares { get; private set; }

    /// <summary>
    /// Interleaves <paramref name="rows"/> rows of A (zero rows beyond them) into depth-major MR-wide
    /// columns, optionally recording each row's sum of squares.
    /// </summary>
    internal void PackRows(float* firstRow, int rows, bool withSumsOfSquares)
    {
        var mr = Mr;
        var depth = Depth;
        var packed = PackedA;
        for (var i = 0; i < mr; i++)
        {
            if (i >= rows)
            {
                for (var p = 0; p < depth; p++)
                {
                    packed[p * mr + i] = 0f;
                }
                SumsOfSquares[i] = 0f;
                continue;
            }
            var src = firstRow + (long)i * depth;
            for (var p = 0; p < depth; p++)
            {
                packed[p * mr + i] = src[p];
            }
            if (withSumsOfSquares)
            {
                SumsOfSquares[i] = TensorPrimitives.SumOfSquares(new ReadOnlySpan<float>(src, depth));
            }
        }
    }

    public void Dispose()
    {
        Free(PackedA);
        Free(Product);
        Free(SumsOfSquares);
        PackedA = Product = SumsOfSquares = null;
    }

    private static float* Alloc(long floats) => (float*)NativeMemory.AlignedAlloc((nuint)(floats * sizeof(float)), 64);

    private static void Free(float* p)
    {
        if (p != null)
        {
            NativeMemory.AlignedFree(p);
        }
    }
}
