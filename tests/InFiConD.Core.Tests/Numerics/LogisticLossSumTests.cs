namespace InFiConD.Core.Tests;

public class LogisticLossSumTests
{
    public static IEnumerable<object[]> Lengths => PathCases.Lengths;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sums_the_binary_cross_entropy_of_the_biased_logits(int n)
    {
        var logits = PathCases.Finite(n, n, scale: 20f);
        var targets = PathCases.Finite(n, n + 1, scale: 1f).Select(MathF.Abs).ToArray();
        var t = new float[n];
        var sum = Kernels.LogisticLossSum(logits, -0.5f, targets, t);
        double expected = 0;
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(logits[i] + -0.5f, t[i]);
            double ti = t[i];
            expected += Math.Max(ti, 0) + Math.Log(1 + Math.Exp(-Math.Abs(ti))) - (targets[i] * ti);
        }
        Assert.Equal(expected, sum, Math.Max(1e-6, Math.Abs(expected) * 1e-5));
    }

    [Fact]
    public void Large_logits_are_exact_limits_and_lengths_are_checked()
    {
        var t = new float[2];
        Assert.Equal(1e4 + 0, Kernels.LogisticLossSum([1e4f, -1e4f], 0f, [0f, 0f], t), 1e-3);
        Assert.Equal("targets", Assert.Throws<ShapeMismatchException>(() => Kernels.LogisticLossSum(new float[3], 0f, new float[2], new float[3])).Field);
        Assert.Equal("biasedLogits", Assert.Throws<ShapeMismatchException>(() => Kernels.LogisticLossSum(new float[3], 0f, new float[3], new float[2])).Field);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SumAsDouble_is_the_documented_lane_order(int n)
    {
        var values = PathCases.Finite(n, n + 7, scale: 1e3f);
        var lanes = new double[8];
        var whole = n / 8 * 8;
        for (var i = 0; i < whole; i++)
        {
            lanes[i % 8] += values[i];
        }
        var rest = 0.0;
        for (var i = whole; i < n; i++)
        {
            rest += values[i];
        }
        var expected = 0.0;
        for (var l = 0; l < 4; l++)
        {
            expected += lanes[l] + lanes[l + 4];
        }
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected + rest), BitConverter.DoubleToInt64Bits(Kernels.SumAsDouble(values)));
    }
}
