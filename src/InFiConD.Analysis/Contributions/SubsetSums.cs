using System.Runtime.CompilerServices;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>Column sums of raw concept scores over sets of rows, accumulated in double in row order.</summary>
internal static class SubsetSums
{
    private const int ColumnBlock = 64;

    /// <summary>Σ_n x[n, j] over every row; column blocks run in parallel, each summing its rows in order.</summary>
    public static double[] ColumnTotals(FloatMatrix values, int threads, CancellationToken cancellationToken)
    {
        var (rows, columns) = (values.Rows, values.Columns);
        var totals = new double[columns];
        var blocks = (columns + ColumnBlock - 1) / ColumnBlock;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, b =>
        {
            var start = b * ColumnBlock;
            var width = Math.Min(ColumnBlock, columns - start);
            var target = totals.AsSpan(start, width);
            for (var n = 0; n < rows; n++)
            {
                Accumulate(values.Row(n).Slice(start, width), target);
            }
        });
        return totals;
    }

    /// <summary>
    /// Per class k, Σ x[n, j] over the rows the teacher says k about (its top class; for a multi-label teacher, every class
    /// whose probability is ≥ <paramref name="threshold"/>), rows in order. The teacher does not change between reports, so
    /// a report gets a class's agree-positive sums as these minus its few teacher-only rows.
    /// </summary>
    public static double[][] TeacherClassSums(FloatMatrix values, TeacherOutputs aligned, float threshold, int threads, CancellationToken cancellationToken)
    {
        var (rows, columns, classes) = (values.Rows, values.Columns, aligned.ClassCount);
        var sums = new double[classes][];
        for (var k = 0; k < classes; k++)
        {
            sums[k] = new double[columns];
        }
        var top = aligned.PredictedLabels;
        var blocks = (columns + ColumnBlock - 1) / ColumnBlock;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, b =>
        {
            var start = b * ColumnBlock;
            var width = Math.Min(ColumnBlock, columns - start);
            for (var n = 0; n < rows; n++)
            {
                var row = values.Row(n).Slice(start, width);
                if (!aligned.MultiLabel)
                {
                    Accumulate(row, sums[top[n]].AsSpan(start, width));
                    continue;
                }
                for (var k = 0; k < classes; k++)
                {
                    if (aligned.Probabilities[n, k] >= threshold)
                    {
                        Accumulate(row, sums[k].AsSpan(start, width));
                    }
                }
            }
        });
        return sums;
    }

    /// <summary>Σ_{n ∈ rows} x[n, j], rows in the order given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Sum(FloatMatrix values, int[] rows)
    {
        var sum = new double[values.Columns];
        foreach (var n in rows)
        {
            Accumulate(values.Row(n), sum);
        }
        return sum;
    }

    /// <summary>acc[j] += row[j] in double (Core's kernel: the same additions on every path).</summary>
    private static void Accumulate(ReadOnlySpan<float> row, Span<double> acc) => Kernels.AccumulateAsDouble(row, acc);
}
