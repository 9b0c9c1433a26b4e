using InFiConD.Core;

namespace InFiConD.Core.Tests;

public class FloatMatrixTests
{
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
