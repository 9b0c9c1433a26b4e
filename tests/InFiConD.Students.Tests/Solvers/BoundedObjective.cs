namespace InFiConD.Students.Tests;

/// <summary>
/// The objective F_k of one class in float64 from a fit's float32 weights, and the checks every bounded-fit test shares:
/// bounds, relative objective gap to a reference, zero pattern.
/// </summary>
internal static class BoundedObjective
{
    /// <summary>Relative objective gap allowed against a float64 reference (the target).</summary>
    public const double Gap = 1e-6;

    /// <summary>F_k = mean BCE + λ Σ f_j |w_j| + (μ/2) Σ f_j w_j² at (weights, bias), in float64 (excluded concepts: f = 0).</summary>
    public static double Of(LogisticProblem problem, ReadOnlySpan<float> weights, double bias, int k, SolverOptions options, ReadOnlySpan<float> penalty)
    {
        var w = new double[weights.Length];
        for (var j = 0; j < w.Length; j++) w[j] = weights[j];
        return Of(problem, w, bias, k, options, penalty);
    }

    /// <summary>As above, with float64 weights (the reference's).</summary>
    public static double Of(LogisticProblem problem, double[] weights, double bias, int k, SolverOptions options, ReadOnlySpan<float> penalty)
    {
        var logits = new double[problem.Samples];
        for (var i = 0; i < logits.Length; i++)
        {
            var l = bias;
            for (var j = 0; j < weights.Length; j++) l += weights[j] * problem.Features[i, j];
            logits[i] = l;
        }
        var factors = Factors(penalty);
        return CoordinateDescentReference.Objective(logits, SolverFixture.Targets(problem, k), weights, options.L1, options.L2, factors);
    }

    /// <summary>Penalty factors as the objective sees them: +∞ (excluded, pinned at 0) contributes nothing.</summary>
    public static double[] Factors(ReadOnlySpan<float> penalty)
    {
        var factors = new double[penalty.Length];
        for (var j = 0; j < factors.Length; j++) factors[j] = float.IsPositiveInfinity(penalty[j]) ? 0 : penalty[j];
        return factors;
    }

    /// <summary>Every weight inside its bounds (exact float comparison).</summary>
    public static void AssertInBounds(SolverResult result, SolverConstraints constraints)
    {
        var weights = result.Weights.AsSpan();
        for (var i = 0; i < weights.Length; i++)
        {
            Assert.True(weights[i] >= constraints.Lower[i] && weights[i] <= constraints.Upper[i],
                $"weight {i} = {weights[i]:R} outside [{constraints.Lower[i]:R}, {constraints.Upper[i]:R}]");
        }
    }

    /// <summary>The class's lower and upper bounds in float64.</summary>
    public static (double[] Lower, double[] Upper) Bounds(SolverConstraints constraints, int k)
    {
        var c = constraints.Concepts;
        var lower = new double[c];
        var upper = new double[c];
        for (var j = 0; j < c; j++)
        {
            lower[j] = constraints.Lower[k * c + j];
            upper[j] = constraints.Upper[k * c + j];
            if (float.IsPositiveInfinity(constraints.PenaltyFactors[j]))
            {
                // The reference has no exclusion: an excluded concept is a weight fixed at 0.
                (lower[j], upper[j]) = (0, 0);
            }
        }
        return (lower, upper);
    }
}
