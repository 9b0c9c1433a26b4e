using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// In-place Cholesky factorisation <c>A = L Lᵀ</c> of a symmetric positive definite m × m matrix held as the
/// lower triangle of a row-major array, and the solve with the factor. Row-oriented, so every inner loop is a
/// dot product or an update over contiguous row prefixes.
/// </summary>
internal static class Cholesky
{
    /// <summary>
    /// Overwrites the lower triangle of <paramref name="a"/> (row i: entries 0..i) with L. A pivot that rounding
    /// drives to zero or below is floored at 1e-300 before its square root, so the factor stays defined.
    /// The upper triangle is neither read nor written.
    /// </summary>
    internal static void FactorInPlace(double[] a, int m)
    {
        for (var i = 0; i < m; i++)
        {
            var rowI = a.AsSpan(i * m, i + 1);
            for (var j = 0; j < i; j++)
            {
                var rowJ = a.AsSpan(j * m, j + 1);
                rowI[j] = (rowI[j] - Kernels.Dot(rowI[..j], rowJ[..j])) / rowJ[j];
            }
            var diagonal = rowI[i] - Kernels.Dot(rowI[..i], rowI[..i]);
            rowI[i] = Math.Sqrt(Math.Max(diagonal, 1e-300));
        }
    }

    /// <summary>Solves <c>L Lᵀ x = b</c> with the factor from <see cref="FactorInPlace"/>; <paramref name="b"/> becomes x.</summary>
    internal static void SolveInPlace(double[] factor, int m, Span<double> b)
    {
        // L y = b, forward by rows.
        for (var i = 0; i < m; i++)
        {
            var row = factor.AsSpan(i * m, i + 1);
            b[i] = (b[i] - Kernels.Dot(row[..i], b[..i])) / row[i];
        }
        // Lᵀ x = y, backward: once x_i is known, take its column of Lᵀ (row i of L) out of the entries above it.
        for (var i = m - 1; i >= 0; i--)
        {
            var row = factor.AsSpan(i * m, i + 1);
            b[i] /= row[i];
            Kernels.AddScaled(-b[i], row[..i], b[..i]);
        }
    }
}
