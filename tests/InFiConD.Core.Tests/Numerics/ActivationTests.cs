namespace InFiConD.Core.Tests;

/// <summary><see cref="Kernels.SoftMax"/> and <see cref="Kernels.Sigmoid(ReadOnlySpan{float}, Span{float})"/> against float64 references.</summary>
public class ActivationTests
{
    /// <summary>Absolute tolerance of a float32 probability against its float64 value.</summary>
    private const double AbsoluteTolerance = 2e-7;

    /// <summary>Relative tolerance on top of it: the shift x − m is rounded to float, which costs |x − m|·2⁻²⁴ in the exponent.</summary>
    private const double RelativeTolerance = 1e-5;

    /// <summary>Every length from 0 to three AVX-512 widths + 1 crosses every vector/tail boundary.</summary>
    public static IEnumerable<object[]> Lengths => Enumerable.Range(0, 3 * 16 + 2).Select(n => new object[] { n });

    private static double[] SoftMaxReference(float[] x)
    {
        var max = x.Length == 0 ? 0 : x.Max(v => (double)v);
        var e = x.Select(v => Math.Exp(v - max)).ToArray();
        var sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private static double SigmoidReference(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static void AssertClose(double expected, float actual, string where) =>
        Assert.True(Math.Abs(expected - actual) <= AbsoluteTolerance + RelativeTolerance * Math.Abs(expected), $"{where}: expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(new float[] { 100f, 0f, 0f })]
    [InlineData(new float[] { 89f, 88.5f, -3f })]
    [InlineData(new float[] { 1e4f, 0f, -1e4f })]
    [InlineData(new float[] { -1e4f, -9999f, -9998f })]
    [InlineData(new float[] { 1e4f, 1e4f, 0f })]
    [InlineData(new float[] { 3e38f, -3e38f, 1f })]
    [InlineData(new float[] { 5f, 5f, 5f, 5f })]
    [InlineData(new float[] { -7.5f })]
    public void SoftMax_of_large_and_tied_logits_matches_float64(float[] x)
    {
        var destination = new float[x.Length];

        Kernels.SoftMax(x, destination);

        var expected = SoftMaxReference(x);
        for (var k = 0; k < x.Length; k++)
        {
            AssertClose(expected[k], destination[k], $"entry {k}");
        }
        Assert.Equal(1.0, destination.Sum(v => (double)v), 6);
    }

    [Fact]
    public void SoftMax_of_100_0_0_is_one_and_e_to_the_minus_100()
    {
        // The row the issue reported: TensorPrimitives.SoftMax gives [NaN, 0, 0].
        var destination = new float[3];

        Kernels.SoftMax([100f, 0f, 0f], destination);

        Assert.Equal(1f, destination[0]);
        Assert.Equal(Math.Exp(-100), destination[1], 3e-45);
        Assert.Equal(destination[1], destination[2]);
    }

    [Fact]
    public void SoftMax_gives_negative_infinity_exactly_zero()
    {
        var destination = new float[4];

        Kernels.SoftMax([float.NegativeInfinity, 0f, MathF.Log(3), float.NegativeInfinity], destination);

        Assert.Equal([0f, 0.25f, 0.75f, 0f], destination, (a, b) => Math.Abs(a - b) <= 1e-7);
        Assert.Equal(0f, destination[0]);
        Assert.Equal(0f, destination[3]);
    }

    [Theory]
    [InlineData(new float[] { float.NaN, 0f, 1f })]
    [InlineData(new float[] { 0f, float.PositiveInfinity, 1f })]
    [InlineData(new float[] { float.NegativeInfinity, float.NegativeInfinity })]
    [InlineData(new float[] { float.PositiveInfinity, float.NegativeInfinity })]
    public void SoftMax_of_a_row_without_a_softmax_is_NaN_throughout(float[] x)
    {
        var destination = new float[x.Length];

        Kernels.SoftMax(x, destination);

        Assert.All(destination, v => Assert.True(float.IsNaN(v)));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SoftMax_of_random_rows_matches_float64_in_place(int length)
    {
        var random = new Random(length);
        var x = Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2 - 1) * (length % 3 == 0 ? 1e4 : 30))).ToArray();
        var expected = SoftMaxReference(x);

        Kernels.SoftMax(x, x);

        for (var k = 0; k < length; k++)
        {
            AssertClose(expected[k], x[k], $"entry {k} of {length}");
        }
    }

    [Fact]
    public void SoftMax_rejects_a_destination_of_another_length()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => Kernels.SoftMax([1f, 2f], new float[3]));
        Assert.Equal("destination", error.Field);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sigmoid_matches_float64_for_every_length(int length)
    {
        var random = new Random(1000 + length);
        // Logits across the whole range where float probabilities change, denormal results included.
        var x = Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2 - 1) * 110)).ToArray();
        var destination = new float[length];

        Kernels.Sigmoid(x, destination);

        for (var i = 0; i < length; i++)
        {
            AssertClose(SigmoidReference(x[i]), destination[i], $"σ({x[i]:R})");
        }
    }

    [Fact]
    public void Sigmoid_of_extremes_is_exact()
    {
        float[] x = [1e4f, -1e4f, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.NaN, 3e38f, -3e38f];
        var destination = new float[x.Length];

        Kernels.Sigmoid(x, destination);

        Assert.Equal([1f, 0f, 1f, 0f, 0.5f, 0.5f], destination[..6]);
        Assert.True(float.IsNaN(destination[6]));
        Assert.Equal([1f, 0f], destination[7..]);
    }

    [Fact]
    public void Sigmoid_keeps_the_relative_precision_of_tiny_probabilities()
    {
        // The naive 1 / (1 + e^−x) overflows e^95 in float and gives 0; the stable form gives e^−95.
        float[] x = [-95f, -88f, -60f];
        var destination = new float[x.Length];

        Kernels.Sigmoid(x, destination);

        for (var i = 0; i < x.Length; i++)
        {
            var expected = SigmoidReference(x[i]);
            Assert.True(Math.Abs(destination[i] - expected) <= 1e-3 * expected, $"σ({x[i]}) = {destination[i]:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void Sigmoid_of_an_element_does_not_depend_on_the_length_or_position()
    {
        var random = new Random(5);
        var x = Enumerable.Range(0, 67).Select(_ => (float)((random.NextDouble() * 2 - 1) * 40)).ToArray();
        var whole = new float[x.Length];
        Kernels.Sigmoid(x, whole);

        var one = new float[1];
        for (var i = 0; i < x.Length; i++)
        {
            Kernels.Sigmoid(x.AsSpan(i, 1), one);
            Assert.Equal(whole[i], one[0]);
        }
        Kernels.Sigmoid(x, x);
        Assert.Equal(whole, x);
    }

    [Fact]
    public void Sigmoid_scalar_matches_float64_and_is_defined_at_the_extremes()
    {
        foreach (var v in new[] { -745.0, -100, -1, -1e-9, 0, 1e-9, 1, 36, 100, 745 })
        {
            Assert.Equal(SigmoidReference(v), Kernels.Sigmoid(v), 1e-300 + 1e-15 * SigmoidReference(v));
        }
        Assert.Equal(1.0, Kernels.Sigmoid(double.PositiveInfinity));
        Assert.Equal(0.0, Kernels.Sigmoid(double.NegativeInfinity));
        Assert.True(double.IsNaN(Kernels.Sigmoid(double.NaN)));
        Assert.Equal(0.0, Kernels.Sigmoid(-1e4));
        Assert.Equal(1.0, Kernels.Sigmoid(1e4));
    }

    [Fact]
    public void Sigmoid_rejects_a_destination_of_another_length()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => Kernels.Sigmoid([1f, 2f], new float[1]));
        Assert.Equal("destination", error.Field);
    }
}
