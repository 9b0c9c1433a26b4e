using System.Numerics.Tensors;

namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>Rows per block when reducing over rows; fixed so the summation order never depends on threads.</summary>
    private const int StatisticsRowBlock = 1024;

    /// <summary>Scales every row to unit L2 norm in place: <c>x[r, :] ← x[r, :] / ‖x[r, :]‖₂</c>. Zero rows stay zero.</summary>
    /// <param name="matrix">The matrix to normalise.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for one per processor.</param>
    /// <remarks>A row holding NaN becomes all NaN; a row holding ±∞ becomes NaN where it is infinite or zero elsewhere.</remarks>
    public static void NormalizeRows(FloatMatrix matrix, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var threads = ResolveParallelism(maxDegreeOfParallelism);
        Parallel.For(0, matrix.Rows, new ParallelOptions { MaxDegreeOfParallelism = threads }, r =>
        {
            var row = matrix.Row(r);
            var norm = TensorPrimitives.Norm(row);
            if (norm != 0f)
            {
                TensorPrimitives.Multiply(row, 1f / norm, row);
            }
        });
    }

    /// <summary>
    /// Computes each column's mean and population standard deviation:
    /// <c>mean[j] = Σ_r x[r, j] / R</c>, <c>std[j] = sqrt(Σ_r (x[r, j] − mean[j])² / R)</c>, accumulated in float64.
    /// </summary>
    /// <param name="matrix">The R × C data.</param>
    /// <param name="mean">Receives C means (0 when R = 0).</param>
    /// <param name="standardDeviation">Receives C standard deviations (0 when R = 0).</param>
    /// <exception cref="ShapeMismatchException">A destination's length is not C.</exception>
    /// <remarks>NaN in a column makes that column's mean and deviation NaN.</remarks>
    public static void ColumnMeanAndDeviation(FloatMatrix matrix, Span<float> mean, Span<float> standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        RequireLength(mean.Length, matrix.Columns, nameof(mean));
        RequireLength(standardDeviation.Length, matrix.Columns, nameof(standardDeviation));
        var columns = matrix.Columns;
        if (matrix.Rows == 0)
        {
            mean.Clear();
            standardDeviation.Clear();
            return;
        }
        var sums = new double[columns];
        SumColumns(matrix, sums, shift: null);
        var means = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            means[j] = sums[j] / matrix.Rows;
            mean[j] = (float)means[j];
        }
        SumColumns(matrix, sums, shift: means);
        for (var j = 0; j < columns; j++)
        {
            standardDeviation[j] = (float)Math.Sqrt(sums[j] / matrix.Rows);
        }
    }

    /// <summary>
    /// Standardises columns: <c>z[r, j] = (x[r, j] − mean[j]) / std[j]</c>, with <c>z[r, j] = 0</c> where
    /// <c>std[j]</c> is 0 (a constant column carries no information).
    /// </summary>
    /// <param name="source">The R × C data.</param>
    /// <param name="mean">C column means.</param>
    /// <param name="standardDeviation">C column standard deviations (≥ 0).</param>
    /// <param name="destination">Receives R × C standardised values; may be <paramref name="source"/> itself.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for one per processor.</param>
    /// <exception cref="ShapeMismatchException">Lengths or shapes do not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A standard deviation is negative or not finite.</exception>
    public static void StandardizeColumns(FloatMatrix source, ReadOnlySpan<float> mean, ReadOnlySpan<float> standardDeviation, FloatMatrix destination, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var threads = ResolveParallelism(maxDegreeOfParallelism);
        RequireLength(mean.Length, source.Columns, nameof(mean));
        RequireLength(standardDeviation.Length, source.Columns, nameof(standardDeviation));
        RequireShape(destination, source.Rows, source.Columns, nameof(destination));
        var shift = mean.ToArray();
        var scale = new float[source.Columns];
        for (var j = 0; j < scale.Length; j++)
        {
            var s = standardDeviation[j];
            if (!(s >= 0f) || float.IsInfinity(s))
            {
                throw new ArgumentOutOfRangeException(nameof(standardDeviation), s, $"standardDeviation[{j}] must be finite and ≥ 0.");
            }
            scale[j] = s == 0f ? 0f : 1f / s;
        }
        Parallel.For(0, source.Rows, new ParallelOptions { MaxDegreeOfParallelism = threads }, r =>
        {
            var row = destination.Row(r);
            TensorPrimitives.Subtract(source.Row(r), shift, row);
            TensorPrimitives.Multiply(row, scale, row);
        });
    }

    /// <summary>sums[j] = Σ_r (x[r, j] − shift[j])^(shift is null ? 1 : 2), in fixed row blocks combined in order.</summary>
    private static void SumColumns(FloatMatrix matrix, double[] sums, double[]? shift)
    {
        var columns = matrix.Columns;
        var blocks = (matrix.Rows + StatisticsRowBlock - 1) / StatisticsRowBlock;
        var partials = new double[blocks * columns];
        Parallel.For(0, blocks, b =>
        {
            var partial = partials.AsSpan(b * columns, columns);
            var end = Math.Min(matrix.Rows, (b + 1) * StatisticsRowBlock);
            for (var r = b * StatisticsRowBlock; r < end; r++)
            {
                AccumulateRow(matrix.Row(r), partial, shift);
            }
        });
        Array.Clear(sums);
        for (var b = 0; b < blocks; b++)
        {
            TensorPrimitives.Add(sums, partials.AsSpan(b * columns, columns), sums);
        }
    }

    /// <summary>sums[j] += x[j] (<paramref name="shift"/> null) or (x[j] − shift[j])², in float64, per element on every path.</summary>
    private static void AccumulateRow(ReadOnlySpan<float> row, Span<double> sums, double[]? shift) =>
        AccumulateAsDouble(row, sums, shift, KernelPath.Auto);
}
