using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// One OWL-QN solve (Andrew and Gao, "Scalable training of L1-regularized log-linear models", ICML 2007) of K
/// one-vs-rest problems at once: per class a limited-memory quasi-Newton direction on the L1 pseudo-gradient, kept
/// in the orthant of the current point, and a backtracking line search. Where OWL-QN projects each trial point onto the
/// orthant (a weight crossing zero stops at zero), this run aims such weights at zero in the direction itself, so that
/// the first trial is OWL-QN's projected point and shorter trials stay inside the orthant. The classes advance together
/// in rounds of two products with the features: the logits of every class's direction <c>Z·dᵀ</c>, after which each
/// class searches its line without further products (the logits of <c>w + αd</c> are <c>Z·w + α·Z·d</c>), and the
/// gradients <c>Zᵀ·R</c> at the accepted points.
/// </summary>
/// <remarks>
/// <para>
/// Box bounds (interactive edits; <see cref="SolverMethod.ProjectedQuasiNewton"/>) are kept the same way, as a projected
/// quasi-Newton method on box ∩ orthant: the start is projected into the box; a weight at a bound whose pseudo-gradient
/// pushes outward is held for the iteration (its pseudo-gradient and direction are 0, the binding set of projected
/// quasi-Newton methods such as L-BFGS-B's), a weight at a bound never moves outward, and a weight the first trial would
/// carry past a bound is aimed at the bound, landing on it exactly. A weight with equal bounds is a constant (gradient 0,
/// so the curvature pairs ignore it). Unbounded weights take exactly the arithmetic they took before bounds were
/// supported.
/// </para>
/// <para>
/// The logits are carried from iterate to iterate by these linear updates, so every <see cref="RefreshRounds"/> rounds
/// they are recomputed exactly (one more product) to keep float32 drift from accumulating. Each class stops on its own
/// when the relative change of its objective stays at or below the tolerance for three consecutive iterations (FISTA's
/// rule, applied per class), or when its pseudo-gradient vanishes or its line search can no longer decrease the
/// objective in float32. Per-class arithmetic is sequential and the products are deterministic (see ScoreProducts),
/// so results do not depend on the thread count.
/// </para>
/// </remarks>
internal sealed class QuasiNewtonRun
{
    internal const int History = 10;
    private const int ConsecutiveSmallChanges = 3;
    private const int MaxBacktracks = 30;
    private const int RefreshRounds = 10;
    private const double ArmijoFraction = 1e-4;
    private const double ZeroSlack = 1e-5;

    private readonly LogisticProblem _problem;
    private readonly SolverOptions _options;
    private readonly ProductPath _path;
    private readonly int _n, _c, _k, _threads;
    private readonly double[] _l1, _l2;
    private readonly bool[] _excluded;
    private readonly float[] _lower, _upper;

    internal QuasiNewtonRun(LogisticProblem problem, SolverOptions options, SolverConstraints constraints, ProductPath path = ProductPath.Auto)
    {
        (_problem, _options, _path) = (problem, options, path);
        (_n, _c, _k) = (problem.Samples, problem.Concepts, problem.Classes);
        _threads = options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism;
        (_l1, _l2, _excluded) = (new double[_c], new double[_c], new bool[_c]);
        (_lower, _upper) = (constraints.Lower.ToArray(), constraints.Upper.ToArray());
        var factors = constraints.PenaltyFactors;
        for (var j = 0; j < _c; j++)
        {
            // An excluded concept (factor +∞) stays at 0 and contributes no penalty.
            _excluded[j] = float.IsPositiveInfinity(factors[j]);
            _l1[j] = _excluded[j] ? 0 : options.L1 * factors[j];
            _l2[j] = _excluded[j] ? 0 : options.L2 * factors[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal SolverResult Solve(FloatMatrix start, float[] startBias, IProgress<SolverProgress>? progress, CancellationToken cancellationToken)
    {
        var (n, c, k) = (_n, _c, _k);
        var classes = new QuasiNewtonClass[k];
        for (var kk = 0; kk < k; kk++)
        {
            var state = classes[kk] = new QuasiNewtonClass(n, c + 1);
            var row = start.Row(kk);
            for (var j = 0; j < c; j++)
            {
                // The start projected into the box (an excluded concept's box contains 0); ±∞ bounds leave it as it is.
                (state.Lower[j], state.Upper[j]) = (_lower[kk * c + j], _upper[kk * c + j]);
                state.X[j] = _excluded[j] ? 0f : Math.Clamp(row[j], state.Lower[j], state.Upper[j]);
                state.Fixed[j] = _excluded[j] || state.Lower[j] == state.Upper[j];
            }
            (state.Lower[c], state.Upper[c]) = (double.NegativeInfinity, double.PositiveInfinity);
            state.X[c] = startBias[kk];
            for (var i = 0; i < n; i++)
            {
                state.Targets[i] = _problem.Targets[i, kk];
            }
        }

        // The starting point: exact logits, objective and gradient of every class, then the first directions.
        var products = new ScoreProducts(_problem, _threads, _path);
        var work = new QuasiNewtonProducts(products, _problem, Enumerable.Range(0, k).ToArray());
        Refresh(work, classes);
        work.Gradients();
        for (var i = 0; i < k; i++)
        {
            Gradient(work, i, classes[i], classes[i].X, classes[i].Gradient);
            StartIteration(classes[i], first: true);
        }

        var iterations = 0;
        var total = classes.Sum(s => s.Objective);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken };
        while (iterations < _options.MaxIterations && classes.Any(s => !s.Done))
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations++;
            // Finished classes leave the products once that saves a tile of four classes; the other classes' bits do not
            // change (see ScoreProducts).
            var active = Enumerable.Range(0, k).Where(kk => !classes[kk].Done).ToArray();
            if ((active.Length + 3) / 4 < (work.Width + 3) / 4)
            {
                work = new QuasiNewtonProducts(products, _problem, active);
            }
            if (iterations % RefreshRounds == 0)
            {
                Refresh(work, classes);
            }

            work.Products(classes, s => s.Direction);
            var accepted = new bool[work.Width];
            Parallel.For(0, work.Width, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
            {
                var state = classes[work.Classes[i]];
                accepted[i] = !state.Done && LineSearch(state, work.LogitsRow(i), work.ResidualRow(i));
            });
            if (accepted.Any(a => a))
            {
                work.Gradients();
                Parallel.For(0, work.Width, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
                {
                    if (accepted[i])
                    {
                        Accept(classes[work.Classes[i]], work, i);
                    }
                });
            }

            var previous = total;
            total = classes.Sum(s => s.Objective);
            if (progress is not null && (iterations % _options.ProgressInterval == 0 || classes.All(s => s.Done)))
            {
                progress.Report(new SolverProgress(iterations, total, Math.Abs(previous - total) / Math.Max(Math.Abs(total), double.Epsilon)));
            }
        }

        var weights = new FloatMatrix(k, c);
        var bias = new float[k];
        var objectives = new double[k];
        var converged = true;
        for (var kk = 0; kk < k; kk++)
        {
            var state = classes[kk];
            bias[kk] = QuasiNewtonClass.WriteTo(state.X, weights.Row(kk));
            objectives[kk] = state.Objective;
            converged &= state.Done;
        }
        var lastStep = classes.Length == 0 ? 1.0 : classes.Min(s => s.Step);
        return new SolverResult(weights, bias, _options.L1, converged ? SolverStatus.Converged : SolverStatus.IterationLimit, iterations, objectives.Sum(), objectives, lastStep);
    }

    /// <summary>Exact logits <c>Z·w</c> of every class in the workspace, with the objective and residual they give.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Refresh(QuasiNewtonProducts work, QuasiNewtonClass[] classes)
    {
        work.Products(classes, s => s.X);
        for (var i = 0; i < work.Width; i++)
        {
            var state = classes[work.Classes[i]];
            work.LogitsRow(i).CopyTo(state.Logits);
            state.Objective = Objective(state.X, Loss(state, state.Logits, (float)state.X[_c]));
            Residual(state, work.ResidualRow(i));
        }
    }

    /// <summary>
    /// Backtracks along π(w + αd) from the iteration's first step until the Armijo test passes (true: the trial point,
    /// its logits, objective and residual are set) or no float32 step lowers the objective (false: the class is done).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool LineSearch(QuasiNewtonClass state, ReadOnlySpan<float> directionLogits, Span<float> residual)
    {
        for (var tries = 0; tries <= MaxBacktracks; tries++)
        {
            if (!Project(state, state.Step))
            {
                break;
            }
            // Logits of the trial: Z·w + α·Z·d (no trial leaves the orthant: see StartIteration).
            TensorPrimitives.FusedMultiplyAdd(directionLogits, (float)state.Step, state.Logits, state.TrialLogits);
            var objective = Objective(state.Trial, Loss(state, state.TrialLogits, (float)state.Trial[_c]));
            if (objective <= state.Objective + ArmijoFraction * state.Decrease)
            {
                // Only the accepted point's residual feeds the gradient product.
                state.TrialObjective = objective;
                state.TrialResidualSum = Residual(state, residual);
                return true;
            }
            Backtrack(state, objective);
        }
        // No float32 point along the direction lowers the objective: as converged as this precision allows.
        state.Done = true;
        return false;
    }

    /// <summary>
    /// A shorter step after a failed Armijo test: the minimiser of the quadratic through F(x), the slope along the path and
    /// F(trial), kept within [0.1, 0.5] of the failed step (plain halving when the quadratic has no minimum).
    /// </summary>
    private static void Backtrack(QuasiNewtonClass state, double trialObjective)
    {
        var step = state.Step;
        var slope = state.Decrease / step;
        var curvature = trialObjective - state.Objective - slope * step;
        var next = curvature > 0 ? -slope * step * step / (2 * curvature) : step / 2;
        state.Step = Math.Clamp(double.IsFinite(next) ? next : step / 2, 0.1 * step, 0.5 * step);
    }

    /// <summary>Summed BCE <c>softplus(t) − y·t</c> of t = logits + bias (t kept in Scratch0 for <see cref="Residual"/>), in one fused pass.</summary>
    private static double Loss(QuasiNewtonClass state, float[] logits, float bias) =>
        LogisticLoss.LossSum(logits, bias, state.Targets, state.Scratch0);

    /// <summary>The residual <c>σ(t) − y</c> at the t of the last <see cref="Loss"/> (the gradient product's input); returns its sum.</summary>
    private static double Residual(QuasiNewtonClass state, Span<float> residual) =>
        LogisticLoss.ResidualSum(state.Scratch0, state.Targets, residual);

    /// <summary>The accepted trial becomes the iterate; the curvature pair enters the history; the next direction is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Accept(QuasiNewtonClass state, QuasiNewtonProducts work, int column)
    {
        var d = _c + 1;
        var newGradient = state.Scratch;
        Gradient(work, column, state, state.Trial, newGradient, state.TrialResidualSum);
        var (s, y) = state.NextPair();
        double sy = 0, yy = 0;
        for (var j = 0; j < d; j++)
        {
            s[j] = state.Trial[j] - state.X[j];
            y[j] = newGradient[j] - state.Gradient[j];
            sy += s[j] * y[j];
            yy += y[j] * y[j];
        }
        // The loss is convex, so sᵀy ≥ 0; a pair without curvature (float rounding) would break the inverse-Hessian model.
        if (sy > 1e-12 * Math.Sqrt(yy) * Math.Sqrt(Dot(s, s)) && yy > 0)
        {
            state.Commit(1 / sy, sy / yy);
        }
        else
        {
            state.Discard();
        }
        var previous = state.Objective;
        (state.X, state.Trial) = (state.Trial, state.X);
        (state.Logits, state.TrialLogits) = (state.TrialLogits, state.Logits);
        (state.Gradient, state.Scratch) = (newGradient, state.Gradient);
        state.Objective = state.TrialObjective;
        var change = Math.Abs(previous - state.Objective) / Math.Max(Math.Abs(state.Objective), double.Epsilon);
        state.SmallChanges = change <= _options.Tolerance ? state.SmallChanges + 1 : 0;
        if (state.SmallChanges >= ConsecutiveSmallChanges)
        {
            state.Done = true;
            return;
        }
        StartIteration(state, first: false);
    }

    /// <summary>
    /// Pseudo-gradient (zero where a bound blocks it), quasi-Newton direction restricted to the descent orthant and to the
    /// free weights, the first step length, and the weights that step would carry past zero or a bound aimed at them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StartIteration(QuasiNewtonClass state, bool first)
    {
        var (c, d) = (_c, _c + 1);
        var (x, lower, upper) = (state.X, state.Lower, state.Upper);
        var g = state.Gradient;
        var pg = state.PseudoGradient;
        for (var j = 0; j < c; j++)
        {
            // A weight at 0 leaves it only when its gradient beats the penalty by more than float32 noise: otherwise a fit at
            // λ_max (whose gradient is the penalty, up to rounding) would move a weight by rounding alone.
            var (gj, l1) = (g[j], _l1[j]);
            var barrier = l1 * (1 + ZeroSlack);
            pg[j] = state.Fixed[j] ? 0
                : x[j] > 0 ? gj + l1
                : x[j] < 0 ? gj - l1
                : gj + barrier < 0 ? gj + l1
                : gj - barrier > 0 ? gj - l1
                : 0;
            // A weight at a bound that the pseudo-gradient pushes outward is held this iteration (the minimum-norm element
            // of the subdifferential plus the bound's normal cone is then 0); a fixed weight (lower = upper) always is.
            if ((x[j] <= lower[j] && pg[j] > 0) || (x[j] >= upper[j] && pg[j] < 0))
            {
                pg[j] = 0;
            }
        }
        pg[c] = g[c];
        var norm = Math.Sqrt(Dot(pg, pg));
        if (norm == 0)
        {
            state.Done = true;
            return;
        }

        // Two-loop recursion: direction = −H·pg with the stored pairs.
        var q = state.Direction;
        Array.Copy(pg, q, d);
        var alphas = state.Alphas;
        for (var i = state.Count - 1; i >= 0; i--)
        {
            var (s, y, rho) = state.Pair(i);
            alphas[i] = rho * Dot(s, q);
            Axpy(-alphas[i], y, q);
        }
        Scale(state.Count == 0 ? 1.0 : state.Gamma, q);
        for (var i = 0; i < state.Count; i++)
        {
            var (s, y, rho) = state.Pair(i);
            Axpy(alphas[i] - rho * Dot(y, q), s, q);
        }
        // Penalised weights keep only the components that descend on the pseudo-gradient; unpenalised ones and the bias
        // have no orthant and keep the quasi-Newton direction. A weight at a bound moves only inward, and not at all while
        // held (the binding set of projected quasi-Newton methods): the model's coupling must not drag it along.
        double slope = 0;
        for (var j = 0; j <= c; j++)
        {
            q[j] = -q[j];
            if (j < c && _l1[j] > 0)
            {
                q[j] = q[j] * pg[j] >= 0 ? 0 : q[j];
                // The orthant a step may explore: the current sign, or the descent sign for a weight at 0.
                state.Orthant[j] = x[j] != 0 ? Math.Sign(x[j]) : Math.Sign(-pg[j]);
            }
            if (j < c && (x[j] <= lower[j] || x[j] >= upper[j]) && (pg[j] == 0 || (x[j] <= lower[j] && q[j] < 0) || (x[j] >= upper[j] && q[j] > 0)))
            {
                q[j] = 0;
            }
            slope += q[j] * pg[j];
        }
        if (!(slope < 0))
        {
            // The unconstrained components made the direction uphill (a stale curvature pair): steepest descent this once.
            for (var j = 0; j <= c; j++)
            {
                q[j] = -pg[j];
            }
        }
        // The unit step, except at the start (no curvature yet) and after a shortened step, whose length predicts the next
        // one better than the model does.
        var step = first || state.Count == 0 ? Math.Min(1.0, 1.0 / norm) : Math.Min(1.0, 2 * state.Step);
        // A penalised weight the first trial would carry to or across zero is aimed at zero instead, and a weight it would
        // carry past a bound at the bound (at the bound on the near side of zero when zero is outside the box): it lands
        // there at that step (where projecting onto box ∩ orthant would put it) and stays inside both at every shorter
        // one. So no trial of the search leaves the box or the orthant, and its logits are exactly Z·w + α·Z·d, with no
        // correction per clipped weight.
        var pinned = 0;
        for (var j = 0; j < c; j++)
        {
            var target = x[j] + step * q[j];
            double aim;
            if (_l1[j] > 0 && x[j] != 0 && Math.Sign(target) != Math.Sign(x[j]))
            {
                aim = Math.Clamp(0.0, lower[j], upper[j]);
            }
            else if (target > upper[j] || target < lower[j])
            {
                aim = Math.Clamp(target, lower[j], upper[j]);
            }
            else
            {
                continue;
            }
            q[j] = (aim - x[j]) / step;
            (state.Pinned[pinned], state.PinnedValues[pinned]) = (j, aim);
            pinned++;
        }
        state.PinnedCount = pinned;
        // The products see the direction in float32; the trial points use the same values.
        for (var j = 0; j <= c; j++)
        {
            q[j] = (float)q[j];
        }
        state.Step = state.FirstStep = step;
    }

    /// <summary>
    /// trial = x + α·direction, with the weights aimed at zero or a bound exactly there at the first step and any weight that
    /// float32 rounding alone carries out of its box or orthant put back on its edge; sets the Armijo decrease
    /// pgᵀ(trial − x). Returns false when the trial is x itself (the step is below float32 resolution).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Project(QuasiNewtonClass state, double step)
    {
        var c = _c;
        var (x, direction, trial, pg) = (state.X, state.Direction, state.Trial, state.PseudoGradient);
        for (var j = 0; j <= c; j++)
        {
            var t = Math.Clamp((double)(float)(x[j] + step * direction[j]), state.Lower[j], state.Upper[j]);
            trial[j] = j < c && _l1[j] > 0 && Math.Sign(t) != state.Orthant[j] ? 0 : t;
        }
        if (step == state.FirstStep)
        {
            for (var i = 0; i < state.PinnedCount; i++)
            {
                trial[state.Pinned[i]] = state.PinnedValues[i];
            }
        }
        double decrease = 0;
        var moved = false;
        for (var j = 0; j <= c; j++)
        {
            decrease += pg[j] * (trial[j] - x[j]);
            moved |= trial[j] != x[j];
        }
        state.Decrease = decrease;
        return moved;
    }

    /// <summary>
    /// Smooth gradient at point of the class in the workspace's column: Zᵀr / N + L2 f_j w_j, and the bias's mean residual;
    /// 0 for the class's fixed weights, which are constants of its problem (so the curvature pairs see only free weights).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Gradient(QuasiNewtonProducts work, int column, QuasiNewtonClass state, double[] point, double[] gradient, double? residualSum = null)
    {
        var sums = work.GradientSums.Row(column);
        var fixedWeights = state.Fixed;
        for (var j = 0; j < _c; j++)
        {
            gradient[j] = fixedWeights[j] ? 0 : (double)sums[j] / _n + _l2[j] * point[j];
        }
        gradient[_c] = (residualSum ?? LogisticLoss.Sum(work.ResidualRow(column))) / _n;
    }

    /// <summary>Mean BCE + (L2/2) Σ f_j w_j² + λ Σ f_j |w_j|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Objective(double[] point, double lossSum)
    {
        double ridge = 0, lasso = 0;
        for (var j = 0; j < _c; j++)
        {
            ridge += _l2[j] * point[j] * point[j];
            lasso += _l1[j] * Math.Abs(point[j]);
        }
        return lossSum / _n + 0.5 * ridge + lasso;
    }

    /// <summary>Σ a_i·b_i: Core's float64 dot product (fused multiply-adds, one fixed order on every path and machine).</summary>
    private static double Dot(double[] a, double[] b) => Kernels.Dot(a, b);

    /// <summary>y ← y + α·x, one fused multiply-add per element (Core's <see cref="Kernels.AddScaled"/>).</summary>
    private static void Axpy(double alpha, double[] x, double[] y) => Kernels.AddScaled(alpha, x, y);

    private static void Scale(double alpha, double[] x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= alpha;
        }
    }
}
