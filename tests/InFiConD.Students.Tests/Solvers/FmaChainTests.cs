using System.Numerics.Tensors;
using InFiConD.Core;

namespace InFiConD.Students.Tests;

/// <summary>OWL-QN's clipped-weight correction: four rows per pass give the bits of one row at a time.</summary>
public class FmaChainTests
{
    [Theory]
    [InlineData(37, 0)]
    [InlineData(37, 3)]
    [InlineData(1000, 4)]
    [InlineData(1001, 9)]
    public void Any_rows_in_any_order_give_the_bits_of_one_axpy_per_row(int length, int count)
    {
        var random = new Random(length + count);
        var matrix = new FloatMatrix(12, length);
        foreach (ref var v in matrix.AsSpan())
        {
            v = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 3)));
        }
        var rows = Enumerable.Range(0, count).Select(_ => random.Next(12)).ToArray();
        var scales = rows.Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var start = Enumerable.Range(0, length).Select(i => (float)Math.Sin(i)).ToArray();

        var expected = start.ToArray();
        for (var r = 0; r < count; r++)
        {
            TensorPrimitives.FusedMultiplyAdd(matrix.Row(rows[r]), scales[r], expected, expected);
        }
        var actual = start.ToArray();
        FmaChain.AccumulateRows(actual, scales, matrix.AsSpan(), length, 0, rows);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));

        // A run inside each row: columns [5, length) of the same rows.
        expected = start[5..];
        for (var r = 0; r < count; r++)
        {
            TensorPrimitives.FusedMultiplyAdd(matrix.Row(rows[r])[5..], scales[r], expected, expected);
        }
        actual = start[5..];
        FmaChain.AccumulateRows(actual, scales, matrix.AsSpan(), length, 5, rows);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Mismatched_scales_runs_or_rows_are_refused()
    {
        var matrix = new float[3 * 8];
        Assert.Throws<ArgumentOutOfRangeException>(() => FmaChain.AccumulateRows(new float[8], [1f], matrix, 8, 0, [0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FmaChain.AccumulateRows(new float[8], [1f], matrix, 8, 1, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FmaChain.AccumulateRows(new float[8], [1f], matrix, 8, 0, [3]));
    }
}
