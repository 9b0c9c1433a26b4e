namespace InFiConD.Analysis.Tests;

public sealed class SpecialFunctionsTests
{
    /// <summary>Relative accuracy asked of ln Γ (references are exact closed forms or CPython's libm <c>math.lgamma</c>).</summary>
    private const double Tolerance = 2e-14;

    [Theory]
    [InlineData(0.001, 6.907178885383854)]
    [InlineData(0.5, 0.57236494292470008707)] // ln √π
    [InlineData(1.5, -0.12078223763524522234)] // ln(√π / 2)
    [InlineData(3, 0.69314718055994530942)] // ln 2
    [InlineData(7.25, 7.0521854507385395)]
    [InlineData(10, 12.801827480081469611)] // ln 9!
    [InlineData(14.999, 25.18854687054693)]
    [InlineData(15, 25.191221182738683)]
    [InlineData(15.5, 26.53691449111561)]
    [InlineData(100, 359.13420536957539878)]
    [InlineData(10001, 82108.92783681434)] // ln 10000!
    [InlineData(1e6, 12815504.569147611)]
    public void LogGamma_MatchesKnownValues(double x, double expected)
    {
        var actual = SpecialFunctions.LogGamma(x);

        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"lnΓ({x}) = {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void LogGamma_OfIntegers_IsLogFactorial()
    {
        Assert.Equal(0.0, SpecialFunctions.LogGamma(1), 15);
        Assert.Equal(0.0, SpecialFunctions.LogGamma(2), 15);
        double logFactorial = 0;
        for (var n = 2; n <= 200; n++)
        {
            logFactorial += Math.Log(n);
            Assert.True(Math.Abs(SpecialFunctions.LogGamma(n + 1) - logFactorial) <= 1e-13 * logFactorial, $"n = {n}");
        }
    }

    [Fact]
    public void LogGamma_RejectsNonPositiveAndPassesNaN()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogGamma(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogGamma(-1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogGamma(double.PositiveInfinity));
        Assert.True(double.IsNaN(SpecialFunctions.LogGamma(double.NaN)));
    }
}
