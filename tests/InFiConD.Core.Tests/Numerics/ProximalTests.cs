namespace InFiConD.Core.Tests;

public class ProximalTests
{
    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
    }

    /// <summary>Every length from 0 to three AVX-512 widths + 1 crosses every vector/tail boundary.</summary>
    public static IEnumerable<object[]> Lengths => Enumerable.Range(0, 3 * 16 + 2).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SoftThreshold_matches_its_definition(int length)
    {
        var x = Values(length, length);
        var d = new float[length];
        Kernels.SoftThreshold(x, 0.5f, d);
        for (var i = 0; i < length; i++)
        {
            var expected = x[i] > 0.5f ? x[i] - 0.5f : x[i] < -0.5f ? x[i] + 0.5f : 0f;
            Assert.Equal(expected, d[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SoftThresholdClamp_is_the_prox_of_weighted_L1_plus_box(int length)
    {
        var x = Values(length, length + 100);
        var t = Values(length, length + 200).Select(MathF.Abs).ToArray();
        var lower = Values(length, length + 300).Select(v => v - 0.5f).ToArray();
        var upper = lower.Select((l, i) => l + (i % 3 == 0 ? 0f : 1f)).ToArray();
        var d = new float[length];
        Kernels.SoftThresholdClamp(x, t, lower, upper, d);
        for (var i = 0; i < length; i++)
        {
            // The prox minimises ½(w − x)² + t|w| over [lower, upper]: check by brute force on a fine grid.
            var best = lower[i];
            var bestValue = double.MaxValue;
            for (var k = 0; k <= 20000; k++)
            {
                var w = lower[i] + (upper[i] - lower[i]) * k / 20000.0;
                var value = 0.5 * (w - x[i]) * (w - x[i]) + t[i] * Math.Abs(w);
                if (value < bestValue)
                {
                    bestValue = value;
                    best = (float)w;
                }
            }
            Assert.Equal(best, d[i], 1e-3f);
            Assert.InRange(d[i], lower[i], upper[i]);
        }
    }

    [Fact]
    public void Clamp_and_inputs_validated()
    {
        var d = new float[4];
        Kernels.Clamp([-3f, 0.5f, 9f, 1f], [-1f, -1f, -1f, 2f], [1f, 1f, 1f, 3f], d);
        Assert.Equal([-1f, 0.5f, 1f, 2f], d);
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.SoftThreshold([1f], -1f, new float[1]));
        Assert.Equal("destination", Assert.Throws<ShapeMismatchException>(() => Kernels.SoftThreshold([1f, 2f], 1f, new float[1])).Field);
        var nan = new float[1];
        Kernels.SoftThreshold([float.NaN], 0.1f, nan);
        Assert.True(float.IsNaN(nan[0]));
    }
}
