using System.Numerics.Tensors;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// A small, deterministic Newton solver for the CAV: minimises, in float64,
/// <c>f(w, b) = Σ_i c_i · log(1 + exp(−s_i (w·x_i + b))) + (λ/2) ‖w‖²</c> with s_i = +1 for positives and −1
/// for negatives, and class-balanced weights c_i = 1 / (2 n_pos) or 1 / (2 n_neg) so an unbalanced exemplar
/// set does not tilt the direction towards the larger side. The bias is not penalised.
/// </summary>
/// <remarks>
/// The optimum w lies in the span of the rows (the data enter only through w·x_i and the penalty is L2), so
/// with fewer rows than dimensions the solver works in the rows' own coordinates (<see cref="RowSpace"/>): the
/// same problem in r + 1 ≤ n + 1 unknowns instead of D + 1, mapped back by w = Qβ at the end. The stopping test
/// is on the gradient in the original coordinates. Each Newton step builds the (r + 1)² Hessian from dot products
/// of contiguous rows and solves it by Cholesky; every entry is one fixed sequence of operations, so the result
/// is bit-identical for any thread count.
/// </remarks>
internal static class LogisticDirection
{
    private const double ArmijoSlope = 1e-4;
    private const int MaxHalvings = 60;

    /// <summary>Examples per block of the Hessian build, bounding the curvature-scaled copy of the data.</summary>
    private const int HessianBlock = 1024;

    /// <summary>Multiply-adds per Hessian above which its rows are built on several threads.</summary>
    private const long ParallelHessianWork = 1L << 23;

    /// <summary>The fitted weights (length D), bias and how the fit ended.</summary>
    internal sealed record Fit(double[] Weights, double Bias, int Iterations, bool Converged, double Objective);

    /// <summary>Fits the direction. Rows are read as given (callers pass normalised embeddings) and not modified.</summary>
    /// <param name="positives">n_pos ≥ 1 rows of length D.</param>
    /// <param name="negatives">n_neg ≥ 1 rows of length D.</param>
    /// <param name="lambda">λ &gt; 0.</param>
    /// <param name="maxIterations">Most Newton steps.</param>
    /// <param name="tolerance">Stop when ‖∇f‖∞ ≤ tolerance (in the original coordinates).</param>
    /// <param name="pool">
    /// A row space made from a pool that holds every one of these rows (the same arrays), shared by several fits
    /// so its basis is computed once; <see langword="null"/>, or a pool that lacks a row, to use these rows' own space.
    /// </param>
    internal static Fit Solve(IReadOnlyList<double[]> positives, IReadOnlyList<double[]> negatives, double lambda, int maxIterations, double tolerance, RowSpace? pool = null)
    {
        var rows = positives.Concat(negatives).ToArray();
        var coordinates = pool?.CoordinatesOf(rows);
        var space = coordinates is null ? RowSpace.Of(rows) : pool!;
        var problem = new Problem(space, coordinates ?? space.Coordinates, positives.Count, negatives.Count, lambda);
        var m = problem.Unknowns;
        var theta = new double[m]; // coordinates of w, then the bias
        var margins = new double[problem.Examples];
        var objective = problem.Objective(margins, theta);
        var gradient = new double[m];
        var hessian = new double[m * m];
        var step = new double[m];
        var delta = new double[problem.Examples];
        var candidate = new double[m];
        var candidateMargins = new double[problem.Examples];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            problem.Margins(theta, margins);
            problem.Derivatives(margins, theta, gradient, hessian);
            if (problem.GradientNorm(gradient) <= tolerance)
            {
                return problem.Result(theta, iteration, true, objective);
            }
            Cholesky.FactorInPlace(hessian, m);
            TensorPrimitives.Negate(gradient, step);
            Cholesky.SolveInPlace(hessian, m, step);
            var slope = Kernels.Dot(gradient, step);
            if (!(slope < 0))
            {
                // Not a descent direction (the Hessian lost definiteness to rounding): use the gradient.
                TensorPrimitives.Negate(gradient, step);
                slope = -Kernels.Dot(gradient, gradient);
            }
            // Margins are linear in θ, so each trial step costs O(n): margins + t · (A step).
            problem.Margins(step, delta);
            var t = 1.0;
            var accepted = false;
            for (var h = 0; h < MaxHalvings; h++, t /= 2)
            {
                for (var j = 0; j < m; j++)
                {
                    candidate[j] = theta[j] + (t * step[j]);
                }
                for (var i = 0; i < candidateMargins.Length; i++)
                {
                    candidateMargins[i] = margins[i] + (t * delta[i]);
                }
                var value = problem.Objective(candidateMargins, candidate);
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
                return problem.Result(theta, iteration + 1, true, objective);
            }
        }
        problem.Margins(theta, margins);
        problem.Derivatives(margins, theta, gradient, null);
        return problem.Result(theta, maxIterations, problem.GradientNorm(gradient) <= tolerance, objective);
    }

    /// <summary>log(1 + eˣ) without overflow.</summary>
    private static double LogOnePlusExp(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    /// <summary>The problem in the row space: the design Aᵀ (m × n, column i = (z_i, 1)), signs, class weights, λ.</summary>
    private sealed class Problem
    {
        private readonly RowSpace _space;
        private readonly double[] _design; // m × n row-major: row j < r is coordinate j of every example, row r is all ones
        private readonly double[] _sign;
        private readonly double[] _weight;
        private readonly double[] _residual;
        private readonly double[] _curvature;
        private readonly double[] _scaled;
        private readonly double _lambda;

        internal Problem(RowSpace space, double[][] coordinates, int positives, int negatives, double lambda)
        {
            _space = space;
            _lambda = lambda;
            Examples = positives + negatives;
            Unknowns = space.Rank + 1;
            var n = Examples;
            _design = new double[Unknowns * n];
            for (var i = 0; i < n; i++)
            {
                var z = coordinates[i];
                for (var j = 0; j < z.Length; j++)
                {
                    _design[(j * n) + i] = z[j];
                }
            }
            _design.AsSpan(space.Rank * n, n).Fill(1.0);
            _sign = new double[n];
            _weight = new double[n];
            for (var i = 0; i < n; i++)
            {
                _sign[i] = i < positives ? 1.0 : -1.0;
                _weight[i] = i < positives ? 0.5 / positives : 0.5 / negatives;
            }
            _residual = new double[n];
            _curvature = new double[n];
            _scaled = new double[Unknowns * Math.Min(n, HessianBlock)];
        }

        /// <summary>n.</summary>
        internal int Examples { get; }

        /// <summary>m = r + 1: the coordinates of w, then the bias.</summary>
        internal int Unknowns { get; }

        private int Rank => Unknowns - 1;

        /// <summary>margins ← A θ (the bias row last).</summary>
        internal void Margins(ReadOnlySpan<double> theta, Span<double> margins)
        {
            margins.Clear();
            var n = Examples;
            for (var j = 0; j < Unknowns; j++)
            {
                if (theta[j] != 0)
                {
                    Kernels.AddScaled(theta[j], _design.AsSpan(j * n, n), margins);
                }
            }
        }

        /// <summary>f at the given margins and coordinates: ‖w‖² = ‖β‖² because Q is orthonormal.</summary>
        internal double Objective(ReadOnlySpan<double> margins, ReadOnlySpan<double> theta)
        {
            var loss = 0.0;
            for (var i = 0; i < margins.Length; i++)
            {
                loss += _weight[i] * LogOnePlusExp(-_sign[i] * margins[i]);
            }
            var beta = theta[..Rank];
            return loss + (0.5 * _lambda * Kernels.Dot(beta, beta));
        }

        /// <summary>The gradient and (unless <paramref name="hessian"/> is null) the lower triangle of the Hessian at θ.</summary>
        internal void Derivatives(ReadOnlySpan<double> margins, ReadOnlySpan<double> theta, Span<double> gradient, double[]? hessian)
        {
            var n = Examples;
            for (var i = 0; i < n; i++)
            {
                var p = Kernels.Sigmoid(margins[i]);
                _residual[i] = _weight[i] * (p - (_sign[i] > 0 ? 1.0 : 0.0)); // ∂loss_i/∂z_i, weighted
                _curvature[i] = _weight[i] * p * (1 - p);                     // ∂²loss_i/∂z_i², weighted
            }
            for (var j = 0; j < Unknowns; j++)
            {
                gradient[j] = Kernels.Dot(_design.AsSpan(j * n, n), _residual) + (j < Rank ? _lambda * theta[j] : 0);
            }
            if (hessian is not null)
            {
                Hessian(hessian);
            }
        }

        /// <summary>‖∇f‖∞ in the original coordinates: the weights' part mapped back by Q, and the bias entry.</summary>
        internal double GradientNorm(ReadOnlySpan<double> gradient)
        {
            var weights = _space.IsIdentity ? gradient[..Rank] : _space.Lift(gradient[..Rank]);
            var norm = Math.Abs(gradient[Rank]);
            foreach (var g in weights)
            {
                norm = Math.Max(norm, Math.Abs(g));
            }
            return norm;
        }

        internal Fit Result(double[] theta, int iterations, bool converged, double objective) =>
            new(_space.Lift(theta.AsSpan(0, Rank)), theta[Rank], iterations, converged, objective);

        /// <summary>
        /// H_jk = Σ_i A_ji c_i A_ki (+ λ on the weights' diagonal, a whisker on the bias's), k ≤ j: each entry is a
        /// dot product of contiguous rows, accumulated over blocks of examples in order, so splitting rows across
        /// threads leaves the result bit-identical.
        /// </summary>
        private void Hessian(double[] hessian)
        {
            var (m, n) = (Unknowns, Examples);
            Array.Clear(hessian);
            var parallel = (long)m * m * n / 2 > ParallelHessianWork;
            for (var start = 0; start < n; start += HessianBlock)
            {
                var length = Math.Min(HessianBlock, n - start);
                for (var k = 0; k < m; k++)
                {
                    TensorPrimitives.Multiply(_design.AsSpan((k * n) + start, length), _curvature.AsSpan(start, length), _scaled.AsSpan(k * length, length));
                }
                void Row(int j)
                {
                    var a = _design.AsSpan((j * n) + start, length);
                    var row = hessian.AsSpan(j * m, j + 1);
                    for (var k = 0; k <= j; k++)
                    {
                        row[k] += Kernels.Dot(a, _scaled.AsSpan(k * length, length));
                    }
                }
                if (parallel)
                {
                    Parallel.For(0, m, Row);
                }
                else
                {
                    for (var j = 0; j < m; j++)
                    {
                        Row(j);
                    }
                }
            }
            for (var j = 0; j < m; j++)
            {
                // A whisker on the bias keeps the factor defined when every p is 0 or 1.
                hessian[(j * m) + j] += j < Rank ? _lambda : 1e-12;
            }
        }
    }
}
