using InFiConD.Core;

namespace InFiConD.Core.Tests;

public class FloatMatrixTests
{
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void EnsureFinite_names_the_first_non_finite_value_anywhere(float bad)
    {
        // 37 × 41 crosses every vector width's tail; check positions at the start, in the middle and in the last tail.
        foreach (var at in new[] { 0, 16, 37 * 41 / 2, 37 * 41 - 1 })
        {
            var m = new FloatMatrix(37, 41);
            m.AsSpan().Fill(1.5f);
            m.AsSpan()[at] = bad;
            m.AsSpan()[^1] = at == 37 * 41 - 1 ? bad : float.NaN; // a later one must not be the one reported
            var error = Assert.Throws<NonFiniteValueException>(() => m.EnsureFinite("scores"));
            Assert.Equal((at / 41L, at % 41L), (error.Row, error.Column));
        }
        var fine = new FloatMatrix(37, 41);
        fine.AsSpan().Fill(float.MaxValue);
        fine.EnsureFinite("scores");
        new FloatMatrix(0, 3).EnsureFinite("empty");
    }

    [Fact]
    public void Wrap_shares_storage_and_rows_are_views()
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        var m = FloatMatrix.Wrap(data, 2, 3);
        m.Row(1)[2] = 60;
        Assert.Equal(60, data[5]);
        Assert.Equal(60, m[1, 2]);
        Assert.Equal(3, m.Row(0).Length);
    }

    [Fact]
    public void Wrap_with_wrong_length_names_both_shapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => FloatMatrix.Wrap(new float[5], 2, 3));
        Assert.Contains("6 values", ex.Message);
        Assert.Contains("5 values", ex.Message);
    }
}
