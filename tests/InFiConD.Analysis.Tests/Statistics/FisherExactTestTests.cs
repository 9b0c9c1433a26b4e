using System.Numerics;

namespace InFiConD.Analysis.Tests;

public sealed class FisherExactTestTests
{
    [Fact]
    public void LadyTastingTea_MatchesFisher()
    {
        // Fisher's own example: 8 cups, 4 milk-first, she picks 4; all 4 right has p = 1/70, 3 or more 17/70.
        var test = new FisherExactTest(8);

        Assert.Equal(1.0 / 70, test.UpperTail(4, 4, 4), 15);
        Assert.Equal(17.0 / 70, test.UpperTail(4, 4, 3), 14);
        Assert.Equal(1.0, test.UpperTail(4, 4, 0));
        Assert.Equal(0.0, test.UpperTail(4, 4, 5));
    }

    [Theory]
    [InlineData(300, 2000, 100, 2.543429657986504e-08)] // exact rational sums (Python fractions)
    [InlineData(300, 2000, 60, 0.5237255040986011)]
    [InlineData(300, 2000, 200, 2.5776180642001765e-71)]
    public void LargePopulation_MatchesExactRationalSums(int successes, int draws, int observed, double expected)
    {
        var test = new FisherExactTest(10_000);

        var actual = test.UpperTail(successes, draws, observed);

        Assert.True(Math.Abs(actual - expected) <= 1e-9 * expected, $"{actual:R} vs {expected:R}");
    }

    [Fact]
    public void RandomTables_MatchBigIntegerBruteForce()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 300; trial++)
        {
            var n = random.Next(1, 120);
            var (m, h) = (random.Next(0, n + 1), random.Next(0, n + 1));
            var a = random.Next(0, Math.Min(m, h) + 2);
            var test = new FisherExactTest(n);

            var expected = BruteForce(n, m, h, a);
            var actual = test.UpperTail(m, h, a);

            Assert.True(Math.Abs(actual - expected) <= 1e-11 * Math.Max(expected, 1e-300) + 1e-300, $"N={n} m={m} h={h} a={a}: {actual:R} vs {expected:R}");
        }
    }

    [Fact]
    public void BadCounts_AreRejected()
    {
        var test = new FisherExactTest(10);

        Assert.Throws<ArgumentOutOfRangeException>(() => test.UpperTail(11, 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => test.UpperTail(3, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => test.UpperTail(3, 3, -1));
    }

    /// <summary>P(X ≥ a) for X hypergeometric (N, m successes, h draws), from exact binomial coefficients.</summary>
    internal static double BruteForce(int n, int m, int h, int a)
    {
        BigInteger numerator = 0;
        for (var x = a; x <= Math.Min(m, h); x++)
        {
            if (h - x <= n - m)
            {
                numerator += Choose(m, x) * Choose(n - m, h - x);
            }
        }
        var denominator = Choose(n, h);
        return numerator.IsZero ? 0 : Math.Exp(BigInteger.Log(numerator) - BigInteger.Log(denominator));
    }

    private static BigInteger Choose(int n, int k)
    {
        if (k < 0 || k > n)
        {
            return 0;
        }
        BigInteger result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
