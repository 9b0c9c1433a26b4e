namespace InFiConD.Embedding.Tests.Banks;

/// <summary>
/// The CAV solver as it was before the row-space rewrite, kept verbatim as an independent reference: Newton on
/// the full (D + 1)² Hessian built with scalar loops, scalar Cholesky on <c>double[,]</c>. Minimises
/// <c>Σ_i c_i · log(1 + exp(−s_i (w·x_i + b))) + (λ/2) ‖w‖²</c> with class-balanced c_i; the bias is not penalised.
/// </summary>
internal static class ReferenceLogisticDirection
{
    private const double ArmijoSlope = 1e-4;
    private const int MaxHalvings = 60;

    /// <summary>The fitted weights (length D), bias and how the fit ended.</summary>
    internal sealed record Fit(double[] Weights, double Bias, int Iterations, bool Converged, double Objective);

    /// <summary>Fits the direction. Rows are read as given (callers pass normalised embeddings).</summary>
    /// <param name="positives">n_pos ≥ 1 rows of length D.</param>
    /// <param name="negatives">n_neg ≥ 1 rows of length D.</param>
    /// <param name="lambda">λ &gt; 0.</param>
    /// <param name="maxIterations">Most Newton steps.</param>
    /// <param name="tolerance">Stop when ‖∇f‖∞ ≤ tolerance.</param>
    internal static Fit Solve(IReadOnlyList<double[]> positives, IReadOnlyList<double[]> negatives, double lambda, int maxIterations, double tolerance)
    {
        var rows = positives.Concat(negatives).ToArray();
        var sign = rows.Select((_, i) => i < positives.Count ? 1.0 : -1.0).ToArray();
        var weight = rows.Select((_, i) => i < positives.Count ? 0.5 / positives.Count : 0.5 / negatives.Count).ToArray();
        var d = rows[0].Length;
        var theta = new double[d + 1]; // weights, then the bias
        var objective = Objective(rows, sign, weight, theta, lambda);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var (gradient, hessian) = Derivatives(rows, sign, weight, theta, lambda);
            if (gradient.Max(Math.Abs) <= tolerance)
            {
                return new Fit(theta[..d], theta[d], iteration, true, objective);
            }
            var step = SolveNewton(hessian, gradient);
            var slope = Dot(gradient, step);
            if (!(slope < 0))
            {
                // Not a descent direction (the Hessian lost definiteness to rounding): use the gradient.
                step = gradient.Select(g => -g).ToArray();
                slope = -Dot(gradient, gradient);
            }
            var t = 1.0;
            var candidate = new double[d + 1];
            var accepted = false;
            for (var h = 0; h < MaxHalvings; h++, t /= 2)
            {
                for (var j = 0; j <= d; j++)
                {
                    candidate[j] = theta[j] + (t * step[j]);
                }
                var value = Objective(rows, sign, weight, candidate, lambda);
                if (value <= objective + (ArmijoSlope * t * slope))
                {
                    (theta, candidate) = (candidate, theta);
                    objective = value;
                    accepted = true;
                    break;
                }
            }
            if (!accepted)
            {
                // No step decreases f by a representable amount: we are at the optimum to float64 precision.
                return new Fit(theta[..d], theta[d], iteration + 1, true, objective);
            }
        }
        var final = Derivatives(rows, sign, weight, theta, lambda).Gradient;
        return new Fit(theta[..d], theta[d], maxIterations, final.Max(Math.Abs) <= tolerance, objective);
    }

    private static double Objective(double[][] rows, double[] sign, double[] weight, double[] theta, double lambda)
    {
        var d = theta.Length - 1;
        var loss = 0.0;
        for (var i = 0; i < rows.Length; i++)
        {
            loss += weight[i] * LogOnePlusExp(-sign[i] * Margin(rows[i], theta));
        }
        var norm = 0.0;
        for (var j = 0; j < d; j++)
        {
            norm += theta[j] * theta[j];
        }
        return loss + (0.5 * lambda * norm);
    }

    private static (double[] Gradient, double[,] Hessian) Derivatives(double[][] rows, double[] sign, double[] weight, double[] theta, double lambda)
    {
        var d = theta.Length - 1;
        var n = rows.Length;
        var residual = new double[n];  // ∂loss_i/∂z_i, weighted
        var curvature = new double[n]; // ∂²loss_i/∂z_i², weighted
        for (var i = 0; i < n; i++)
        {
            var p = Sigmoid(Margin(rows[i], theta));
            residual[i] = weight[i] * (p - (sign[i] > 0 ? 1.0 : 0.0));
            curvature[i] = weight[i] * p * (1 - p);
        }
        var gradient = new double[d + 1];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                gradient[j] += residual[i] * rows[i][j];
            }
            gradient[d] += residual[i];
        }
        for (var j = 0; j < d; j++)
        {
            gradient[j] += lambda * theta[j];
        }
        // Each row j of the upper triangle sums over the examples in a fixed order, so splitting rows
        // across threads leaves the result bit-identical.
        var hessian = new double[d + 1, d + 1];
        Parallel.For(0, d + 1, j =>
        {
            for (var i = 0; i < n; i++)
            {
                var a = curvature[i] * (j < d ? rows[i][j] : 1.0);
                if (a == 0)
                {
                    continue;
                }
                var row = rows[i];
                for (var k = j; k < d; k++)
                {
                    hessian[j, k] += a * row[k];
                }
                hessian[j, d] += a;
            }
            hessian[j, j] += j < d ? lambda : 1e-12; // a whisker on the bias keeps the factor defined when every p is 0 or 1
        });
        for (var j = 0; j <= d; j++)
        {
            for (var k = 0; k < j; k++)
            {
                hessian[j, k] = hessian[k, j];
            }
        }
        return (gradient, hessian);
    }

    /// <summary>Solves H x = −g by Cholesky; H is symmetric positive definite (λ &gt; 0 on the weights).</summary>
    private static double[] SolveNewton(double[,] hessian, double[] gradient)
    {
        var m = gradient.Length;
        var l = new double[m, m];
        for (var j = 0; j < m; j++)
        {
            var diagonal = hessian[j, j];
            for (var k = 0; k < j; k++)
            {
                diagonal -= l[j, k] * l[j, k];
            }
            diagonal = Math.Sqrt(Math.Max(diagonal, 1e-300));
            l[j, j] = diagonal;
            for (var i = j + 1; i < m; i++)
            {
                var sum = hessian[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }
                l[i, j] = sum / diagonal;
            }
        }
        var y = new double[m];
        for (var i = 0; i < m; i++)
        {
            var sum = -gradient[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[i, k] * y[k];
            }
            y[i] = sum / l[i, i];
        }
        var x = new double[m];
        for (var i = m - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < m; k++)
            {
                sum -= l[k, i] * x[k];
            }
            x[i] = sum / l[i, i];
        }
        return x;
    }

    private static double Margin(double[] row, double[] theta)
    {
        var z = theta[^1];
        for (var j = 0; j < row.Length; j++)
        {
            z += theta[j] * row[j];
        }
        return z;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>log(1 + eˣ) without overflow.</summary>
    private static double LogOnePlusExp(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
