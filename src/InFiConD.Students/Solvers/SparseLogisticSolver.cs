using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// Fits K one-vs-rest sparse logistic models together by accelerated proximal gradient (FISTA with adaptive restart) or
/// by OWL-QN, as <see cref="SolverOptions.Method"/> asks: <see cref="SolverMethod.ProjectedQuasiNewton"/> keeps bounds
/// with OWL-QN, <see cref="SolverMethod.QuasiNewton"/> (the default) sends a fit with a finite bound to FISTA. Per class k it minimises
/// <c>(1/N) Σ_n [softplus(z_n·w_k + b_k) − y_nk (z_n·w_k + b_k)] + λ Σ_j f_j |w_kj| + (μ/2) Σ_j f_j w_kj²</c>
/// subject to <c>lower_kj ≤ w_kj ≤ upper_kj</c>; the bias is free. Results are deterministic for a given
/// input and thread count (and, in fact, for any thread count).
/// </summary>
public static class SparseLogisticSolver
{
    /// <summary>Fits all classes of <paramref name="problem"/>.</summary>
    /// <param name="problem">Features and targets.</param>
    /// <param name="options">Penalties, tolerance and limits; <see langword="null"/> for <see cref="SolverOptions.Default"/>.</param>
    /// <param name="constraints">Bounds and penalty factors; <see langword="null"/> for none.</param>
    /// <param name="start">Warm start (weights and bias); <see langword="null"/> starts from zero weights and each
    /// class's best intercept. It is projected into the bounds.</param>
    /// <param name="progress">Receives progress every <see cref="SolverOptions.ProgressInterval"/> iterations.</param>
    /// <param name="cancellationToken">Cancels between iterations.</param>
    /// <returns>The weights, bias, status, iterations and objective.</returns>
    /// <exception cref="ShapeMismatchException">Constraints or start do not match the problem's K × C.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static SolverResult Fit(
        LogisticProblem problem,
        SolverOptions? options = null,
        SolverConstraints? constraints = null,
        SolverStart? start = null,
        IProgress<SolverProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Fit(problem, options, constraints, start, ProductPath.Auto, progress, cancellationToken);

    /// <summary>As the public overload, with the products pinned to one path (tests compare the paths' bits).</summary>
    internal static SolverResult Fit(
        LogisticProblem problem,
        SolverOptions? options,
        SolverConstraints? constraints,
        SolverStart? start,
        ProductPath path,
        IProgress<SolverProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options = (options ?? SolverOptions.Default).Validate();
        constraints = CheckConstraints(problem, constraints);
        var (weights, bias) = StartingPoint(problem, start);
        return Solve(problem, options, constraints, path, weights, bias, progress, cancellationToken);
    }

    /// <summary>
    /// One fit with the method the options ask for: OWL-QN for <see cref="SolverMethod.ProjectedQuasiNewton"/>, and for
    /// <see cref="SolverMethod.QuasiNewton"/> without a finite bound (with one it keeps its former meaning, FISTA, whose
    /// bits bounded fits asked for it have always had); FISTA otherwise.
    /// </summary>
    private static SolverResult Solve(LogisticProblem problem, SolverOptions options, SolverConstraints constraints, ProductPath path, FloatMatrix weights, float[] bias, IProgress<SolverProgress>? progress, CancellationToken cancellationToken) =>
        options.Method == SolverMethod.ProjectedQuasiNewton || (options.Method == SolverMethod.QuasiNewton && !constraints.HasFiniteBounds)
            ? new QuasiNewtonRun(problem, options, constraints, path).Solve(weights, bias, progress, cancellationToken)
            : new FistaRun(problem, options, constraints, path).Solve(weights, bias, progress, cancellationToken);

    /// <summary>
    /// Fits a descending path of L1 strengths, each warm-started from the previous solution (as glmnet does).
    /// </summary>
    /// <param name="problem">Features and targets.</param>
    /// <param name="lambdas">Strengths in descending order, each ≥ 0; see <see cref="LambdaPath(LogisticProblem, int, double, SolverConstraints?)"/>.</param>
    /// <param name="options">Other settings (their <see cref="SolverOptions.L1"/> is replaced along the path).</param>
    /// <param name="constraints">Bounds and penalty factors.</param>
    /// <param name="progress">Receives progress of each fit.</param>
    /// <param name="cancellationToken">Cancels between iterations.</param>
    /// <returns>One result per strength, in order.</returns>
    /// <exception cref="ArgumentException">The strengths are empty, negative or not descending.</exception>
    public static IReadOnlyList<SolverResult> FitPath(
        LogisticProblem problem,
        IReadOnlyList<double> lambdas,
        SolverOptions? options = null,
        SolverConstraints? constraints = null,
        IProgress<SolverProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(lambdas);
        if (lambdas.Count == 0)
        {
            throw new ArgumentException("The λ path is empty.", nameof(lambdas));
        }
        for (var i = 0; i < lambdas.Count; i++)
        {
            if (!(lambdas[i] >= 0) || double.IsInfinity(lambdas[i]) || (i > 0 && lambdas[i] > lambdas[i - 1]))
            {
                throw new ArgumentException($"λ path entry {i} is {lambdas[i]}; entries must be finite, ≥ 0 and descending.", nameof(lambdas));
            }
        }
        options = (options ?? SolverOptions.Default).Validate();
        constraints = CheckConstraints(problem, constraints);
        var results = new List<SolverResult>(lambdas.Count);
        var (weights, bias) = StartingPoint(problem, null);
        foreach (var lambda in lambdas)
        {
            var result = Solve(problem, options with { L1 = lambda }, constraints, ProductPath.Auto, weights, bias, progress, cancellationToken);
            results.Add(result);
            (weights, bias) = (result.Weights, result.Bias.ToArray());
        }
        return results;
    }

    /// <summary>
    /// The smallest λ at which every penalised weight is 0: <c>max_kj |∂f_k/∂w_kj (0, b*_k)| / f_j</c> over concepts with
    /// f_j &gt; 0, where b*_k is the best intercept alone.
    /// </summary>
    /// <param name="problem">Features and targets.</param>
    /// <param name="constraints">Penalty factors to honour; <see langword="null"/> for all 1.</param>
    /// <returns>λ_max (0 when no concept is penalised).</returns>
    public static double LambdaMax(LogisticProblem problem, SolverConstraints? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        constraints = CheckConstraints(problem, constraints);
        var (n, c, k) = (problem.Samples, problem.Concepts, problem.Classes);
        if (n == 0)
        {
            return 0;
        }
        var intercepts = BestIntercepts(problem);
        var residualT = new FloatMatrix(k, n);
        for (var i = 0; i < n; i++)
        {
            var y = problem.Targets.Row(i);
            for (var kk = 0; kk < k; kk++)
            {
                // 1 / (1 + e^−b) saturates to 0 or 1 without NaN for any finite intercept.
                residualT[kk, i] = 1f / (1f + MathF.Exp(-intercepts[kk])) - y[kk];
            }
        }
        var gradientT = new FloatMatrix(c, k);
        new ScoreProducts(problem, problem.Threads, ProductPath.Auto).GradientSums(residualT, gradientT);
        var factors = constraints.PenaltyFactors;
        double max = 0;
        for (var j = 0; j < c; j++)
        {
            if (!(factors[j] > 0) || float.IsPositiveInfinity(factors[j]))
            {
                continue;
            }
            for (var kk = 0; kk < k; kk++)
            {
                max = Math.Max(max, Math.Abs(gradientT[j, kk]) / n / factors[j]);
            }
        }
        return max;
    }

    /// <summary>
    /// A log-spaced descending path of <paramref name="count"/> strengths from λ_max down to
    /// λ_max · <paramref name="minRatio"/>.
    /// </summary>
    /// <param name="problem">Features and targets.</param>
    /// <param name="count">Number of strengths, ≥ 1.</param>
    /// <param name="minRatio">Smallest strength relative to λ_max, in (0, 1].</param>
    /// <param name="constraints">Penalty factors to honour.</param>
    /// <returns>The strengths, descending.</returns>
    public static IReadOnlyList<double> LambdaPath(LogisticProblem problem, int count = 20, double minRatio = 1e-3, SolverConstraints? constraints = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!(minRatio > 0 && minRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minRatio), minRatio, "minRatio must be in (0, 1].");
        }
        var max = LambdaMax(problem, constraints);
        return Enumerable.Range(0, count)
            .Select(i => count == 1 ? max : max * Math.Pow(minRatio, (double)i / (count - 1)))
            .ToArray();
    }

    private static SolverConstraints CheckConstraints(LogisticProblem problem, SolverConstraints? constraints)
    {
        if (constraints is null)
        {
            return SolverConstraints.None(problem.Classes, problem.Concepts);
        }
        if (constraints.Classes != problem.Classes || constraints.Concepts != problem.Concepts)
        {
            throw new ShapeMismatchException(nameof(constraints), $"{problem.Classes} × {problem.Concepts} (classes × concepts)", $"{constraints.Classes} × {constraints.Concepts}");
        }
        return constraints;
    }

    private static (FloatMatrix Weights, float[] Bias) StartingPoint(LogisticProblem problem, SolverStart? start)
    {
        if (start is null)
        {
            return (new FloatMatrix(problem.Classes, problem.Concepts), BestIntercepts(problem));
        }
        if (start.Weights.Rows != problem.Classes || start.Weights.Columns != problem.Concepts)
        {
            throw new ShapeMismatchException("start.Weights", $"{problem.Classes} × {problem.Concepts}", $"{start.Weights.Rows} × {start.Weights.Columns}");
        }
        if (start.Bias.Count != problem.Classes)
        {
            throw new ShapeMismatchException("start.Bias", $"length {problem.Classes}", $"length {start.Bias.Count}");
        }
        start.Weights.EnsureFinite("start.Weights");
        return (start.Weights, start.Bias.ToArray());
    }

    /// <summary>logit of each class's mean target, clamped to ±20: the optimum when all weights are 0.</summary>
    private static float[] BestIntercepts(LogisticProblem problem)
    {
        var (n, k) = (problem.Samples, problem.Classes);
        var sums = new double[k];
        for (var i = 0; i < n; i++)
        {
            var y = problem.Targets.Row(i);
            for (var kk = 0; kk < k; kk++)
            {
                sums[kk] += y[kk];
            }
        }
        var bias = new float[k];
        for (var kk = 0; kk < k; kk++)
        {
            var mean = n == 0 ? 0.5 : sums[kk] / n;
            bias[kk] = (float)Math.Clamp(Math.Log(mean / (1 - mean)), -20, 20);
        }
        return bias;
    }
}
