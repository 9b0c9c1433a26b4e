namespace InFiConD.Core.Tests;

public class NpyArrayTests
{
    [Fact]
    public void Factories_copy_values_and_shape()
    {
        float[] values = [1, 2, 3, 4, 5, 6];
        long[] shape = [3, 2];

        var array = NpyArray.FromFloat32(values, shape);
        values[0] = 99;
        shape[0] = 99;

        Assert.Equal(1f, array.AsFloat32().Span[0]);
        Assert.Equal(new long[] { 3, 2 }, array.Shape);
        Assert.Equal((2, 6), (array.Rank, array.Length));
        Assert.IsNotType<long[]>(array.Shape);
        Assert.Equal("NpyArray float32 (3, 2)", array.ToString());
    }

    [Fact]
    public void Scalars_have_rank_zero_and_one_value()
    {
        var scalar = NpyArray.FromInt64([7], []);
        Assert.Equal((0, 1), (scalar.Rank, scalar.Length));
        Assert.Equal("NpyArray int64 ()", scalar.ToString());
        Assert.Throws<ShapeMismatchException>(() => NpyArray.FromInt64([], []));
    }

    [Fact]
    public void Factories_validate_the_shape()
    {
        var mismatch = Assert.Throws<ShapeMismatchException>(() => NpyArray.FromFloat64([1, 2, 3], [2, 2]));
        Assert.Equal("values", mismatch.Field);
        Assert.Contains("4 values (shape (2, 2))", mismatch.Message);
        Assert.Contains("3 values", mismatch.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => NpyArray.FromFloat32([], [3, -1]));
        // A zero dimension makes the product 0 even when the others would overflow.
        Assert.Equal(0, NpyArray.FromFloat32([], [long.MaxValue, 0, long.MaxValue]).Length);
    }

    [Fact]
    public void Typed_access_refuses_a_different_dtype_and_points_to_the_conversion()
    {
        var doubles = NpyArray.FromFloat64([1.5], [1]);

        var error = Assert.Throws<InvalidOperationException>(() => doubles.AsFloat32());

        Assert.Contains("float64", error.Message);
        Assert.Contains("ConvertToFloat32()", error.Message);
        Assert.Throws<InvalidOperationException>(() => doubles.AsInt64());
        Assert.Throws<InvalidOperationException>(() => NpyArray.FromInt64([1], [1]).AsFloat64());
    }

    [Fact]
    public void ConvertToFloat32_rounds_float64_to_nearest_and_keeps_the_shape()
    {
        double[] values = [0.1, -0.0, 1e300, -1e300, double.NaN, 1e-50, 16_777_217, Math.PI, 3.4028235677973366e38];
        var array = NpyArray.FromFloat64(values, [3, 3]);

        var converted = array.ConvertToFloat32();

        Assert.Equal(NpyDataType.Float32, converted.DataType);
        Assert.Equal(new long[] { 3, 3 }, converted.Shape);
        var floats = converted.AsFloat32().ToArray();
        Assert.Equal(values.Select(v => BitConverter.SingleToUInt32Bits((float)v)), floats.Select(BitConverter.SingleToUInt32Bits));
        Assert.Equal(float.PositiveInfinity, floats[2]);
        Assert.True(float.IsNaN(floats[4]));
        Assert.Equal(0x8000_0000u, BitConverter.SingleToUInt32Bits(floats[1]));
    }

    [Fact]
    public void ConvertToFloat32_converts_int64_and_returns_float32_arrays_unchanged()
    {
        var longs = NpyArray.FromInt64([-3, 0, (1L << 24) + 1, long.MaxValue], [4]);
        Assert.Equal([-3f, 0f, 16_777_216f, 9_223_372_036_854_775_808f], longs.ConvertToFloat32().AsFloat32().ToArray());

        var floats = NpyArray.FromFloat32([1], [1]);
        Assert.Same(floats, floats.ConvertToFloat32());
    }

    [Fact]
    public void ToFloatMatrix_copies_a_2d_float32_array()
    {
        var array = NpyArray.FromFloat32([1, 2, 3, 4, 5, 6], [2, 3]);

        var matrix = array.ToFloatMatrix();
        matrix[0, 0] = 42;

        Assert.Equal((2, 3), (matrix.Rows, matrix.Columns));
        Assert.Equal(6f, matrix[1, 2]);
        Assert.Equal(1f, array.AsFloat32().Span[0]);
    }

    [Fact]
    public void ToFloatMatrix_refuses_other_ranks_and_dtypes()
    {
        var vector = Assert.Throws<ShapeMismatchException>(() => NpyArray.FromFloat32([1, 2, 3], [3]).ToFloatMatrix());
        Assert.Equal("(3,)", vector.Actual);
        Assert.Contains("2 dimensions", vector.Expected);
        Assert.Throws<ShapeMismatchException>(() => NpyArray.FromFloat32([1], []).ToFloatMatrix());
        Assert.Throws<ShapeMismatchException>(() => NpyArray.FromFloat32([], [0, 1L << 32]).ToFloatMatrix());
        Assert.Throws<InvalidOperationException>(() => NpyArray.FromFloat64([1], [1, 1]).ToFloatMatrix());
        Assert.Equal(1f, NpyArray.FromFloat64([1], [1, 1]).ConvertToFloat32().ToFloatMatrix()[0, 0]);
    }

    [Fact]
    public void Arrays_round_trip_through_Npy_Write()
    {
        using var dir = new TempDirectory();
        var array = NpyArray.FromInt64([1, -2, 3, -4], [2, 1, 2]);

        Npy.Write(dir.File("a.npy"), array);
        var read = Npy.Read(dir.File("a.npy"));

        Assert.Equal(array.DataType, read.DataType);
        Assert.Equal(array.Shape, read.Shape);
        Assert.Equal(array.AsInt64().ToArray(), read.AsInt64().ToArray());
    }
}
