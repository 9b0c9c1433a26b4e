namespace InFiConD.Core.Tests;

public class NormalizationTests
{
    [Theory]
    [InlineData(0, 4)]
    [InlineData(5, 1)]
    [InlineData(33, 17)]
    [InlineData(3000, 35)]
    public void Column_statistics_match_a_two_pass_double_reference(int rows, int columns)
    {
        var x = Reference.Random(rows, columns, seed: rows + columns, scale: 10f);
        for (var r = 0; r < rows; r++)
        {
            x[r, 0] += 1000f; // a large offset where a one-pass formula would lose digits
        }
        var mean = new float[columns];
        var std = new float[columns];
        Kernels.ColumnMeanAndDeviation(x, mean, std);
        for (var j = 0; j < columns; j++)
        {
            double m = 0, v = 0;
            for (var r = 0; r < rows; r++) m += x[r, j];
            m = rows == 0 ? 0 : m / rows;
            for (var r = 0; r < rows; r++) v += (x[r, j] - m) * (x[r, j] - m);
            var s = rows == 0 ? 0 : Math.Sqrt(v / rows);
            Assert.Equal((float)m, mean[j]);
            Assert.Equal((float)s, std[j], (float)(1e-6 * Math.Max(s, 1)));
        }
    }

    [Fact]
    public void Standardize_gives_zero_mean_unit_deviation_and_zero_for_constant_columns()
    {
        var x = Reference.Random(500, 9, seed: 7, scale: 3f);
        for (var r = 0; r < 500; r++) x[r, 4] = 2.5f;
        var mean = new float[9];
        var std = new float[9];
        Kernels.ColumnMeanAndDeviation(x, mean, std);
        Assert.Equal(0f, std[4]);
        var z = new FloatMatrix(500, 9);
        Kernels.StandardizeColumns(x, mean, std, z);
        var zMean = new float[9];
        var zStd = new float[9];
        Kernels.ColumnMeanAndDeviation(z, zMean, zStd);
        for (var j = 0; j < 9; j++)
        {
            Assert.Equal(0f, zMean[j], 1e-5f);
            Assert.Equal(j == 4 ? 0f : 1f, zStd[j], 1e-5f);
        }
        Assert.Equal((x[3, 2] - mean[2]) / std[2], z[3, 2], 1e-6f);
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.StandardizeColumns(x, mean, [.. std[..8], -1f], z));
        Assert.Equal("mean", Assert.Throws<ShapeMismatchException>(() => Kernels.StandardizeColumns(x, mean[..3], std, z)).Field);
    }

    [Fact]
    public void Statistics_do_not_depend_on_thread_scheduling()
    {
        var x = Reference.Random(5000, 13, seed: 8);
        var first = (new float[13], new float[13]);
        Kernels.ColumnMeanAndDeviation(x, first.Item1, first.Item2);
        for (var repeat = 0; repeat < 5; repeat++)
        {
            var again = (new float[13], new float[13]);
            Kernels.ColumnMeanAndDeviation(x, again.Item1, again.Item2);
            Assert.Equal(first.Item1, again.Item1);
            Assert.Equal(first.Item2, again.Item2);
        }
    }

    [Fact]
    public void NormalizeRows_gives_unit_rows_and_keeps_zero_rows()
    {
        var x = Reference.Random(20, 37, seed: 9, scale: 5f);
        x.Row(3).Clear();
        var original = x.Copy();
        Kernels.NormalizeRows(x);
        for (var r = 0; r < 20; r++)
        {
            if (r == 3)
            {
                Assert.All(x.Row(r).ToArray(), v => Assert.Equal(0f, v));
                continue;
            }
            Assert.Equal(1.0, Reference.Norm(x.Row(r)), 1e-6);
            var norm = Reference.Norm(original.Row(r));
            Assert.Equal(original[r, 5] / norm, x[r, 5], 1e-6);
        }
    }
}

public class TransposeTests
{
    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 1)]
    [InlineData(33, 65)]
    [InlineData(100, 7)]
    public void Transpose_moves_every_element(int rows, int columns)
    {
        var x = Reference.Random(rows, columns, seed: rows * 7 + columns);
        var t = Kernels.Transpose(x);
        Assert.Equal((columns, rows), (t.Rows, t.Columns));
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                Assert.Equal(x[i, j], t[j, i]);
            }
        }
        Assert.Throws<ArgumentException>(() => Kernels.Transpose(x, x));
    }
}
