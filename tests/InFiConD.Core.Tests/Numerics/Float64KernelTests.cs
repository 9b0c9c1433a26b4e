namespace InFiConD.Core.Tests;

public class Float64KernelTests
{
    public static IEnumerable<object[]> Lengths => Enumerable.Range(0, 70).Select(n => new object[] { n });

    /// <summary>The order the docs give, spelled out: 16 lanes while whole groups of 16 (then one of 8) remain, folded, then a
    /// chain; for 4 to 7 terms, the first four summed pairwise, then a chain.</summary>
    private static double DocumentedDot(double[] x, double[] y)
    {
        var (n, i, sum) = (x.Length, 0, 0.0);
        if (n >= 8)
        {
            var lanes = new double[16];
            for (; i <= n - 16; i += 16)
            {
                for (var l = 0; l < 16; l++)
                {
                    lanes[l] = Math.FusedMultiplyAdd(x[i + l], y[i + l], lanes[l]);
                }
            }
            if (i <= n - 8)
            {
                for (var l = 0; l < 8; l++)
                {
                    lanes[l] = Math.FusedMultiplyAdd(x[i + l], y[i + l], lanes[l]);
                }
                i += 8;
            }
            var s = Enumerable.Range(0, 8).Select(l => lanes[l] + lanes[l + 8]).ToArray();
            sum = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
        }
        else if (n >= 4)
        {
            var p = Enumerable.Range(0, 4).Select(k => Math.FusedMultiplyAdd(x[k], y[k], 0.0) + 0.0).ToArray();
            (sum, i) = ((p[0] + p[1]) + (p[2] + p[3]), 4);
        }
        for (; i < n; i++)
        {
            sum = Math.FusedMultiplyAdd(x[i], y[i], sum);
        }
        return sum;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_is_the_documented_order_on_every_path(int n)
    {
        var random = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 1e3).ToArray();
        var expected = BitConverter.DoubleToInt64Bits(DocumentedDot(x, y));
        Assert.Equal(expected, BitConverter.DoubleToInt64Bits(Kernels.Dot(x, y)));
        foreach (var path in PathCases.All)
        {
            Assert.Equal(expected, BitConverter.DoubleToInt64Bits(Kernels.Dot(x, y, path)));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddScaled_is_one_fused_multiply_add_per_element(int n)
    {
        var random = new Random(n + 1);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 7).ToArray();
        var expected = x.Select((v, i) => Math.FusedMultiplyAdd(1.0 / 3, v, y[i])).ToArray();
        Kernels.AddScaled(1.0 / 3, x, y);
        Assert.Equal(expected, y);
    }

    [Fact]
    public void Lengths_must_match_and_NaN_propagates()
    {
        Assert.Equal("y", Assert.Throws<ShapeMismatchException>(() => Kernels.Dot(new double[3], new double[4])).Field);
        Assert.Equal("y", Assert.Throws<ShapeMismatchException>(() => Kernels.AddScaled(1, new double[3], new double[2])).Field);
        Assert.Equal(0.0, Kernels.Dot([], []));
        var x = Enumerable.Repeat(1.0, 40).ToArray();
        x[33] = double.NaN;
        Assert.True(double.IsNaN(Kernels.Dot(x, x)));
    }
}
