using System.Runtime.CompilerServices;
namespace InFiConD.Analysis;

/// <summary>
/// One-sided Fisher exact test for a 2 × 2 table, through the hypergeometric upper tail, with a table of ln n! for one
/// population size so that thousands of tests cost a few additions and exponentials each.
/// </summary>
internal sealed class FisherExactTest
{
    /// <summary>Terms beyond the mode smaller than this fraction of the running sum end the tail sum (they cannot change it).</summary>
    private const double Negligible = 1e-18;

    private readonly double[] _logFactorial;

    /// <summary>Prepares ln n! for n = 0 … <paramref name="population"/>.</summary>
    public FisherExactTest(int population)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        Population = population;
        _logFactorial = new double[population + 1];
        for (var n = 2; n <= population; n++)
        {
            _logFactorial[n] = SpecialFunctions.LogGamma(n + 1.0);
        }
    }

    /// <summary>The population size N the table serves.</summary>
    public int Population { get; }

    /// <summary>
    /// Computes <c>P(X ≥ observed)</c> for X hypergeometric: <paramref name="draws"/> items drawn without replacement from N
    /// of which <paramref name="successes"/> are successes, i.e. <c>Σ_{x ≥ observed} C(s, x) C(N − s, d − x) / C(N, d)</c>:
    /// the one-sided Fisher exact p-value that successes are over-represented among the draws. In [0, 1].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or exceeds N.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double UpperTail(int successes, int draws, int observed)
    {
        var n = Population;
        if ((uint)successes > (uint)n || (uint)draws > (uint)n || observed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), $"Hypergeometric counts must lie in [0, {n}]; got successes {successes}, draws {draws}, observed {observed}.");
        }
        var lowest = Math.Max(0, draws + successes - n);
        var highest = Math.Min(successes, draws);
        if (observed <= lowest)
        {
            return 1;
        }
        if (observed > highest)
        {
            return 0;
        }
        var f = _logFactorial;
        var constant = f[successes] + f[n - successes] + f[draws] + f[n - draws] - f[n];
        var mode = (int)((draws + 1.0) * (successes + 1.0) / (n + 2.0));
        double sum = 0;
        for (var x = observed; x <= highest; x++)
        {
            var term = Math.Exp(constant - f[x] - f[successes - x] - f[draws - x] - f[n - successes - draws + x]);
            sum += term;
            if (x > mode && term <= sum * Negligible)
            {
                break;
            }
        }
        return Math.Min(1, sum);
    }
}
