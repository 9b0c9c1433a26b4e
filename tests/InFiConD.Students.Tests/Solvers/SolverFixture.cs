using InFiConD.Core;

namespace InFiConD.Students.Tests;

/// <summary>Random problems with a planted sparse truth; targets are its probabilities (soft) or their rounding (hard).</summary>
internal static class SolverFixture
{
    public static LogisticProblem Create(int n, int c, int k, int seed, bool hard = false)
    {
        var random = new Random(seed);
        var z = new FloatMatrix(n, c);
        foreach (ref var v in z.AsSpan()) v = (float)Gaussian(random);
        var y = new FloatMatrix(n, k);
        var truth = new double[k, c];
        for (var kk = 0; kk < k; kk++)
            for (var j = 0; j < c; j++)
                truth[kk, j] = j % 3 == kk % 3 ? Gaussian(random) * 1.5 : 0;
        for (var i = 0; i < n; i++)
        {
            for (var kk = 0; kk < k; kk++)
            {
                double l = -0.5;
                for (var j = 0; j < c; j++) l += truth[kk, j] * z[i, j];
                var p = 1 / (1 + Math.Exp(-l));
                y[i, kk] = hard ? (p > 0.5 ? 1f : 0f) : (float)p;
            }
        }
        return LogisticProblem.Create(z, y);
    }

    public static double[,] Features(LogisticProblem problem)
    {
        var z = new double[problem.Samples, problem.Concepts];
        for (var i = 0; i < problem.Samples; i++)
            for (var j = 0; j < problem.Concepts; j++)
                z[i, j] = problem.Features[i, j];
        return z;
    }

    public static double[] Targets(LogisticProblem problem, int k) =>
        Enumerable.Range(0, problem.Samples).Select(i => (double)problem.Targets[i, k]).ToArray();

    /// <summary>∂/∂w_kj of the smooth part (mean BCE + L2), in float64, and the bias derivative.</summary>
    public static (double[] Weights, double Bias) Gradient(LogisticProblem problem, SolverResult result, int k, double l2, ReadOnlySpan<float> penalty)
    {
        var (n, c) = (problem.Samples, problem.Concepts);
        var g = new double[c];
        double gb = 0;
        for (var i = 0; i < n; i++)
        {
            double l = result.Bias[k];
            for (var j = 0; j < c; j++) l += (double)result.Weights[k, j] * problem.Features[i, j];
            var r = 1 / (1 + Math.Exp(-l)) - problem.Targets[i, k];
            for (var j = 0; j < c; j++) g[j] += r * problem.Features[i, j];
            gb += r;
        }
        for (var j = 0; j < c; j++) g[j] = g[j] / n + l2 * penalty[j] * result.Weights[k, j];
        return (g, gb / n);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
