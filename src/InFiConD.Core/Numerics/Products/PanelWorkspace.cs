using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace InFiConD.Core;

/// <summary>
/// One worker's scratch memory for <see cref="PanelProduct"/>: the product rows of the current column chunk
/// (MR × chunk width) and the rows' sums of squares. Allocated once per worker, never inside the loops.
/// </summary>
internal sealed unsafe class PanelWorkspace : IDisposable
{
    internal PanelWorkspace(PanelShape shape, int chunkWidth)
    {
        Mr = shape.Mr;
        Product = Alloc((long)Mr * Math.Max(chunkWidth, 1));
        SumsOfSquares = Alloc(Mr);
    }

    internal int Mr { get; }

    internal float* Product { get; private set; }

    internal float* SumsOfSquares { get; private set; }

    /// <summary>Records the sum of squares of <paramref name="rows"/> consecutive rows of length <paramref name="depth"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void MeasureRows(float* firstRow, int rows, int depth)
    {
        for (var i = 0; i < rows; i++)
        {
            SumsOfSquares[i] = TensorPrimitives.SumOfSquares(new ReadOnlySpan<float>(firstRow + (long)i * depth, depth));
        }
    }

    public void Dispose()
    {
        Free(Product);
        Free(SumsOfSquares);
        Product = SumsOfSquares = null;
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
