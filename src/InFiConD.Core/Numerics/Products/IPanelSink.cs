namespace InFiConD.Core;

/// <summary>
/// Receives finished rows of a product A·Bᵀ, one micro-panel at a time, so the caller can store them
/// (GEMM) or reduce them on the fly (segment-max scoring) without the full product ever existing.
/// </summary>
internal unsafe interface IPanelSink
{
    /// <param name="firstRow">Row of A that the first product row belongs to.</param>
    /// <param name="rows">Valid rows in <paramref name="product"/> (≤ MR).</param>
    /// <param name="product">Product rows, <paramref name="stride"/> floats apart; column 0 is column <paramref name="columnStart"/> of the product.</param>
    /// <param name="stride">Distance between product rows, in floats.</param>
    /// <param name="columnStart">First product column held.</param>
    /// <param name="columnEnd">One past the last valid product column held.</param>
    /// <param name="sumsOfSquares">Each row of A's sum of squares, when the product was run with them.</param>
    void Consume(int firstRow, int rows, float* product, int stride, int columnStart, int columnEnd, float* sumsOfSquares);
}
