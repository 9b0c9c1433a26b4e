using System.Runtime.CompilerServices;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// One accelerated proximal-gradient (FISTA) solve of K one-vs-rest problems at once. Each iteration is
/// two products with the features: logits of the new iterate <c>Z·Wᵀ</c> (from which the objective comes for free, and the
/// extrapolated logits by linearity), and the gradient <c>Zᵀ·R</c>. Momentum restarts per class with the
/// gradient test of O'Donoghue and Candès; the step 1/L starts from a power-iteration bound and halves if a
/// step ever fails the descent condition. All buffers are allocated once, before the loop. The products run on
/// <see cref="ScoreProducts"/>' tiles where the machine has a vector unit (the GEMM's bits, without its padding).
/// </summary>
internal sealed class FistaRun
{
    private const int ConsecutiveSmallChanges = 3;
    private const int MaxHalvings = 40;

    private readonly LogisticProblem _problem;
    private readonly SolverOptions _options;
    private readonly SolverConstraints _constraints;
    private readonly LogisticLoss _loss;
    private readonly ScoreProducts _products;
    private readonly int _n, _c, _k, _threads;
    private readonly float[] _thresholds, _l2Factors, _l1Factors;

    internal FistaRun(LogisticProblem problem, SolverOptions options, SolverConstraints constraints, ProductPath path = ProductPath.Auto)
    {
        _problem = problem;
        _options = options;
        _constraints = constraints;
        (_n, _c, _k) = (problem.Samples, problem.Concepts, problem.Classes);
        _threads = options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism;
        _loss = new LogisticLoss(problem.Targets, _threads);
        _products = new ScoreProducts(problem, _threads, path);
        _l1Factors = new float[_c];
        _l2Factors = new float[_c];
        _thresholds = new float[_k * _c];
        var factors = constraints.PenaltyFactors;
        for (var j = 0; j < _c; j++)
        {
            // An excluded concept (factor +∞) is pinned to 0 by its threshold and contributes no penalty.
            var excluded = float.IsPositiveInfinity(factors[j]);
            _l1Factors[j] = excluded ? 0f : factors[j];
            _l2Factors[j] = excluded ? 0f : (float)(options.L2 * factors[j]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal SolverResult Solve(FloatMatrix start, float[] startBias, IProgress<SolverProgress>? progress, CancellationToken cancellationToken)
    {
        var (n, c, k) = (_n, _c, _k);
        var lower = _constraints.Lower.ToArray();
        var upper = _constraints.Upper.ToArray();

        var x = start.Copy();
        Kernels.Clamp(x.AsSpan(), lower, upper, x.AsSpan());
        var bx = (float[])startBias.Clone();
        var xOld = x.Copy();
        var bOld = (float[])bx.Clone();
        var y = x.Copy();
        var by = (float[])bx.Clone();
        var xNew = new FloatMatrix(k, c);
        var bNew = new float[k];

        var lx = new FloatMatrix(n, k);
        var lxOld = new FloatMatrix(n, k);
        var lxNew = new FloatMatrix(n, k);
        var ly = new FloatMatrix(n, k);
        var residualT = new FloatMatrix(k, n);
        var gradientT = new FloatMatrix(c, k);
        var gradient = new FloatMatrix(k, c);
        var gradientBias = new float[k];
        var step = new float[k * c];

        var lossY = new double[k];
        var lossNew = new double[k];
        var residualSums = new double[k];
        var smoothY = new double[k];
        var smoothNew = new double[k];
        var objective = new double[k];
        var t = new double[k];
        var beta = new double[k];
        Array.Fill(t, 1.0);

        var maxL2 = _l2Factors.Length == 0 ? 0f : _l2Factors.Max();
        var eta = 1.0 / (_problem.Curvature / 4.0 + maxL2);

        _products.Logits(x, lx);
        _loss.Evaluate(lx, bx, lossNew);
        Smooth(lossNew, x, smoothNew);
        Total(smoothNew, x, objective);
        lx.AsSpan().CopyTo(ly.AsSpan());
        lx.AsSpan().CopyTo(lxOld.AsSpan());
        var total = objective.Sum();

        var status = SolverStatus.IterationLimit;
        var iterations = 0;
        var smallChanges = 0;
        while (iterations < _options.MaxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations++;

            // Gradient at the extrapolated point y.
            _loss.EvaluateWithResidual(ly, residualT, lossY, residualSums);
            Smooth(lossY, y, smoothY);
            _products.GradientSums(residualT, gradientT);
            for (var kk = 0; kk < k; kk++)
            {
                var g = gradient.Row(kk);
                var yk = y.Row(kk);
                for (var j = 0; j < c; j++)
                {
                    g[j] = gradientT[j, kk] / n + _l2Factors[j] * yk[j];
                }
                gradientBias[kk] = (float)(residualSums[kk] / n);
            }

            // Proximal step, halving the step while the quadratic upper model is violated.
            for (var halvings = 0; ; halvings++)
            {
                for (var i = 0; i < step.Length; i++)
                {
                    step[i] = y.AsSpan()[i] - (float)eta * gradient.AsSpan()[i];
                }
                for (var kk = 0; kk < k; kk++)
                {
                    for (var j = 0; j < c; j++)
                    {
                        _thresholds[kk * c + j] = float.IsPositiveInfinity(_constraints.PenaltyFactors[j])
                            ? float.PositiveInfinity
                            : (float)(eta * _options.L1 * _l1Factors[j]);
                    }
                    bNew[kk] = by[kk] - (float)eta * gradientBias[kk];
                }
                Kernels.SoftThresholdClamp(step, _thresholds, lower, upper, xNew.AsSpan());
                _products.Logits(xNew, lxNew);
                _loss.Evaluate(lxNew, bNew, lossNew);
                Smooth(lossNew, xNew, smoothNew);
                if (halvings >= MaxHalvings || DescentHolds(smoothY, smoothNew, y, by, xNew, bNew, gradient, gradientBias, eta))
                {
                    break;
                }
                eta /= 2;
            }
            Total(smoothNew, xNew, objective);

            // Momentum per class, restarted when the step and the last move disagree.
            for (var kk = 0; kk < k; kk++)
            {
                double agreement = 0;
                var yk = y.Row(kk);
                var xk = x.Row(kk);
                var xNewK = xNew.Row(kk);
                for (var j = 0; j < c; j++)
                {
                    agreement += (double)(yk[j] - xNewK[j]) * (xNewK[j] - xk[j]);
                }
                agreement += (double)(by[kk] - bNew[kk]) * (bNew[kk] - bx[kk]);
                if (agreement > 0)
                {
                    t[kk] = 1;
                }
                var tNext = (1 + Math.Sqrt(1 + 4 * t[kk] * t[kk])) / 2;
                beta[kk] = (t[kk] - 1) / tNext;
                t[kk] = tNext;
            }

            // Rotate: old ← current ← new, then extrapolate weights and (by linearity) logits.
            (xOld, x, xNew) = (x, xNew, xOld);
            (bOld, bx, bNew) = (bx, bNew, bOld);
            (lxOld, lx, lxNew) = (lx, lxNew, lxOld);
            Extrapolate(x, xOld, beta, y, perRow: true);
            for (var kk = 0; kk < k; kk++)
            {
                by[kk] = bx[kk] + (float)beta[kk] * (bx[kk] - bOld[kk]);
            }
            Extrapolate(lx, lxOld, beta, ly, perRow: false);

            var previous = total;
            total = objective.Sum();
            var change = Math.Abs(previous - total) / Math.Max(Math.Abs(total), double.Epsilon);
            smallChanges = change <= _options.Tolerance ? smallChanges + 1 : 0;
            if (progress is not null && (iterations % _options.ProgressInterval == 0 || smallChanges >= ConsecutiveSmallChanges))
            {
                progress.Report(new SolverProgress(iterations, total, change));
            }
            if (smallChanges >= ConsecutiveSmallChanges)
            {
                status = SolverStatus.Converged;
                break;
            }
        }

        return new SolverResult(x, bx, _options.L1, status, iterations, total, objective, eta);
    }

    /// <summary>Smooth part per class: mean BCE + (L2/2) Σ f_j w_kj².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Smooth(double[] lossSums, FloatMatrix w, double[] smooth)
    {
        for (var kk = 0; kk < _k; kk++)
        {
            double ridge = 0;
            var row = w.Row(kk);
            for (var j = 0; j < _c; j++)
            {
                ridge += (double)_l2Factors[j] * row[j] * row[j];
            }
            smooth[kk] = lossSums[kk] / _n + 0.5 * ridge;
        }
    }

    /// <summary>Objective per class: smooth part + λ Σ f_j |w_kj|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Total(double[] smooth, FloatMatrix w, double[] objective)
    {
        for (var kk = 0; kk < _k; kk++)
        {
            double l1 = 0;
            var row = w.Row(kk);
            for (var j = 0; j < _c; j++)
            {
                l1 += (double)_l1Factors[j] * Math.Abs(row[j]);
            }
            objective[kk] = smooth[kk] + _options.L1 * l1;
        }
    }

    /// <summary>f(x⁺) ≤ f(y) + ∇f(y)·(x⁺ − y) + ‖x⁺ − y‖² / (2η), per class, with slack for float32 sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool DescentHolds(double[] smoothY, double[] smoothNew, FloatMatrix y, float[] by, FloatMatrix xNew, float[] bNew, FloatMatrix gradient, float[] gradientBias, double eta)
    {
        for (var kk = 0; kk < _k; kk++)
        {
            var yk = y.Row(kk);
            var xk = xNew.Row(kk);
            var gk = gradient.Row(kk);
            double linear = 0, squared = 0;
            for (var j = 0; j < _c; j++)
            {
                var d = (double)xk[j] - yk[j];
                linear += gk[j] * d;
                squared += d * d;
            }
            var db = (double)bNew[kk] - by[kk];
            linear += gradientBias[kk] * db;
            squared += db * db;
            var model = smoothY[kk] + linear + squared / (2 * eta);
            if (smoothNew[kk] > model + 1e-6 * Math.Max(1.0, Math.Abs(smoothY[kk])))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>target = current + β ∘ (current − old), β per class (rows of K × C, or columns of N × K).</summary>
    private void Extrapolate(FloatMatrix current, FloatMatrix old, double[] beta, FloatMatrix target, bool perRow)
    {
        var columns = current.Columns;
        Parallel.For(0, current.Rows, new ParallelOptions { MaxDegreeOfParallelism = _threads }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r) =>
        {
            var cur = current.Row(r);
            var prev = old.Row(r);
            var dst = target.Row(r);
            for (var j = 0; j < columns; j++)
            {
                var b = (float)(perRow ? beta[r] : beta[j]);
                dst[j] = cur[j] + b * (cur[j] - prev[j]);
            }
        });
    }
}
