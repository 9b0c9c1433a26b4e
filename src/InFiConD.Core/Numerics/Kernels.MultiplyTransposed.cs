namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>Micro-panels of A per parallel block.</summary>
    private const int MicroPanelsPerBlock = 16;

    /// <summary>Computes C = A·Bᵀ into a new matrix: <c>C[i, j] = Σ_p A[i, p] · B[j, p]</c>.</summary>
    /// <param name="a">Left matrix, m × d.</param>
    /// <param name="b">Right matrix, n × d (its rows are the columns of the product).</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for one per processor.</param>
    /// <returns>The m × n product.</returns>
    /// <exception cref="ShapeMismatchException">A and B have different column counts.</exception>
    /// <remarks>NaN and ±∞ propagate as in IEEE arithmetic. Each element is one fused multiply-add chain over p in
    /// order, so results do not depend on the thread count.</remarks>
    public static FloatMatrix MultiplyTransposed(FloatMatrix a, FloatMatrix b, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var destination = new FloatMatrix(a.Rows, b.Rows);
        MultiplyTransposed(a, b, destination, maxDegreeOfParallelism);
        return destination;
    }

    /// <summary>Computes C = A·Bᵀ into <paramref name="destination"/>: <c>C[i, j] = Σ_p A[i, p] · B[j, p]</c>.</summary>
    /// <param name="a">Left matrix, m × d.</param>
    /// <param name="b">Right matrix, n × d.</param>
    /// <param name="destination">Receives the m × n product; overwritten.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for one per processor.</param>
    /// <exception cref="ShapeMismatchException">A and B have different column counts, or the destination is not m × n.</exception>
    /// <exception cref="ArgumentException">The destination is the same matrix as A or B.</exception>
    public static void MultiplyTransposed(FloatMatrix a, FloatMatrix b, FloatMatrix destination, int maxDegreeOfParallelism = -1) =>
        MultiplyTransposed(a, b, destination, maxDegreeOfParallelism, KernelPath.Auto);

    internal static unsafe void MultiplyTransposed(FloatMatrix a, FloatMatrix b, FloatMatrix destination, int maxDegreeOfParallelism, KernelPath path)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(destination);
        var threads = ResolveParallelism(maxDegreeOfParallelism);
        if (a.Columns != b.Columns)
        {
            throw new ShapeMismatchException(nameof(b), $"{b.Rows} × {a.Columns} (as many columns as a)", $"{b.Rows} × {b.Columns}");
        }
        RequireShape(destination, a.Rows, b.Rows, nameof(destination));
        if (ReferenceEquals(destination, a) || ReferenceEquals(destination, b))
        {
            throw new ArgumentException("The destination must not be one of the inputs.", nameof(destination));
        }
        if (a.Rows == 0 || b.Rows == 0)
        {
            return;
        }

        var shape = PanelShape.For(path);
        fixed (float* pa = a.Storage, pb = b.Storage, pc = destination.Storage)
        {
            using var packed = PackedPanels.Pack(pb, b.Rows, b.Columns, shape);
            var (aAddress, cAddress, m, n) = ((nint)pa, (nint)pc, a.Rows, b.Rows);
            var blockRows = shape.Mr * MicroPanelsPerBlock;
            var blocks = (m + blockRows - 1) / blockRows;
            var chunkWidth = PanelProduct.ChunkWidth(packed);
            PanelProduct.ForEachBlock(
                blocks,
                threads,
                () => new PanelWorkspace(shape, chunkWidth),
                (block, workspace) =>
                {
                    var sink = new MatrixSink((float*)cAddress, n);
                    var start = block * blockRows;
                    PanelProduct.Run((float*)aAddress, start, Math.Min(m, start + blockRows), packed, workspace, withSumsOfSquares: false, ref sink);
                });
        }
    }
}
