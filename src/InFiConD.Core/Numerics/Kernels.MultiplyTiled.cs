namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>
    /// Computes the product of a few rows with a wide packed matrix, <c>D = S·M</c>:
    /// <c>destination[k, i] = Σ_p rows[k, p] · M[p, i]</c>, vectorised along M's width in tiles of four rows × four vectors.
    /// </summary>
    /// <param name="rows">S, K × depth (a handful of rows: one per class in the students' solver).</param>
    /// <param name="matrix">M, depth × width, packed by <see cref="TileColumns.Pack(FloatMatrix, int)"/> or
    /// <see cref="TileColumns.PackTransposed(FloatMatrix, Lazy{FloatMatrix}, int)"/>.</param>
    /// <param name="destination">Receives the K × width product; overwritten.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for one per processor.</param>
    /// <exception cref="ShapeMismatchException">The shapes do not chain (S's columns ≠ M's depth, or the destination is not K × width).</exception>
    /// <remarks>
    /// Each element is one chain of fused multiply-adds from +0 over p in order — the chain of
    /// <see cref="MultiplyTransposed(FloatMatrix, FloatMatrix, FloatMatrix, int)"/> — so the two give identical bits, on
    /// every path and thread count. Where K is small the GEMM pads the rows to a whole register tile and this does not.
    /// NaN and ±∞ propagate as in IEEE arithmetic.
    /// </remarks>
    public static void MultiplyTiled(FloatMatrix rows, TileColumns matrix, FloatMatrix destination, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(destination);
        ClassTiles.Multiply(rows, matrix, destination, ResolveParallelism(maxDegreeOfParallelism));
    }
}
