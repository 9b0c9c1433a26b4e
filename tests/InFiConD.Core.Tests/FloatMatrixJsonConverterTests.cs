using System.Text.Json;
using InFiConD.Core;

namespace InFiConD.Core.Tests;

public class FloatMatrixJsonConverterTests
{
    // Values that break naive float printing: −0, the smallest subnormal, the extremes and a non-terminating binary fraction.
    private static readonly float[] Awkward = [0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 0.1f, 1f / 3f, 16777217f, 1.17549435e-38f, -2.5e-12f, 123456.789f];

    private static FloatMatrix RandomMatrix(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var m = new FloatMatrix(rows, columns);
        var span = m.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            // Random bit patterns cover every exponent; non-finite ones are replaced (tested separately).
            var v = BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
            span[i] = float.IsFinite(v) ? v : Awkward[i % Awkward.Length];
        }
        return m;
    }

    private static void AssertSameBits(FloatMatrix expected, FloatMatrix actual)
    {
        Assert.Equal((expected.Rows, expected.Columns), (actual.Rows, actual.Columns));
        var (a, b) = (expected.AsSpan().ToArray(), actual.AsSpan().ToArray());
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(3, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    [InlineData(17, 33)]
    public void Round_trips_bit_for_bit_without_any_options(int rows, int columns)
    {
        var matrix = RandomMatrix(rows, columns, seed: rows * 100 + columns);
        var json = JsonSerializer.Serialize(matrix);
        AssertSameBits(matrix, JsonSerializer.Deserialize<FloatMatrix>(json)!);
    }

    [Fact]
    public void Writes_rows_columns_and_row_major_values()
    {
        var matrix = FloatMatrix.FromRows([[1f, 2f, 3f], [4f, 5f, 6.5f]]);
        Assert.Equal("""{"rows":2,"columns":3,"values":[1,2,3,4,5,6.5]}""", JsonSerializer.Serialize(matrix));
    }

    [Fact]
    public void Awkward_values_keep_their_bits()
    {
        var matrix = FloatMatrix.FromValues(Awkward, 3, 4);
        AssertSameBits(matrix, JsonSerializer.Deserialize<FloatMatrix>(JsonSerializer.Serialize(matrix))!);
    }

    [Fact]
    public void Non_finite_values_travel_as_named_literals()
    {
        var matrix = FloatMatrix.FromValues([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1f], 2, 2);
        var json = JsonSerializer.Serialize(matrix);
        Assert.Contains("""["NaN","Infinity","-Infinity",1]""", json, StringComparison.Ordinal);
        AssertSameBits(matrix, JsonSerializer.Deserialize<FloatMatrix>(json)!);
    }

    [Fact]
    public void Applies_inside_other_objects_and_member_order_does_not_matter()
    {
        var holder = JsonSerializer.Deserialize<Dictionary<string, FloatMatrix>>("""{"w":{"values":[1,2],"columns":1,"rows":2}}""")!;
        AssertSameBits(FloatMatrix.FromValues([1f, 2f], 2, 1), holder["w"]);
    }

    [Theory]
    [InlineData("""{"rows":2,"columns":2,"values":[1,2,3]}""", "\"values\" holds 3 numbers; a 2 × 2 matrix needs 4")]
    [InlineData("""{"rows":1,"columns":2,"values":[1,2,3]}""", "\"values\" holds 3 numbers; a 1 × 2 matrix needs 2")]
    [InlineData("""{"rows":2,"columns":2}""", "no \"values\" member")]
    [InlineData("""{"columns":2,"values":[]}""", "no \"rows\" member")]
    [InlineData("""{"rows":-1,"columns":2,"values":[]}""", "\"rows\" must be a whole number")]
    [InlineData("""{"rows":1,"columns":1,"values":["x"]}""", "\"values\" holds \"x\" at index 0")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    public void Malformed_matrices_fail_naming_the_field(string json, string message)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, FloatMatrix>>($$"""{"weights":{{json}}}"""));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("$.weights", error.Path);
    }
}
