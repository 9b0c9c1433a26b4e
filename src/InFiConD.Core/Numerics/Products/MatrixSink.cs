using System.Runtime.CompilerServices;

namespace InFiConD.Core;

/// <summary>Stores product rows into a row-major destination (plain GEMM).</summary>
internal readonly unsafe struct MatrixSink(float* destination, int columns) : IPanelSink
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Consume(int firstRow, int rows, float* product, int stride, int columnStart, int columnEnd, float* sumsOfSquares)
    {
        var width = columnEnd - columnStart;
        for (var r = 0; r < rows; r++)
        {
            new ReadOnlySpan<float>(product + r * stride, width)
                .CopyTo(new Span<float>(destination + (long)(firstRow + r) * columns + columnStart, width));
        }
    }
}
