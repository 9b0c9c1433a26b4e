using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>
/// The numerical half of a session: the standardised scores Z and the logistic problem built once from them (so
/// every refit shares its transposed features and curvature bound), the bounded warm-start refit of edited classes,
/// and logits kept per version so that metrics after an edit only recompute the edited classes' columns.
/// </summary>
internal sealed class EditEngine
{
    private readonly FloatMatrix _z;
    private readonly FloatMatrix _targets;
    private readonly double[] _targetMeans;
    private readonly int _threads;

    internal EditEngine(StudentEnsemble students, ConceptScores scores, TeacherOutputs teacher, IReadOnlyList<int>? groundTruth, EditSessionOptions options)
    {
        Options = options;
        Teacher = teacher;
        GroundTruth = groundTruth;
        ClassNames = students.ClassNames;
        _threads = options.Students.Solver.MaxDegreeOfParallelism;
        // The students' own standardisation: for scores they were fitted on this reproduces the fit's Z bit for bit.
        _z = new FloatMatrix(scores.ImageCount, scores.ConceptCount);
        Kernels.StandardizeColumns(scores.Values, students.ConceptMean, students.ConceptDeviation, _z, _threads);
        _targets = options.Students.Targets == StudentTargets.Hard ? teacher.HardTargets() : teacher.Probabilities;
        Problem = LogisticProblem.Create(_z, _targets, _threads);
        _targetMeans = new double[_targets.Columns];
        for (var n = 0; n < _targets.Rows; n++)
        {
            var y = _targets.Row(n);
            for (var k = 0; k < y.Length; k++)
            {
                _targetMeans[k] += y[k];
            }
        }
        for (var k = 0; k < _targetMeans.Length; k++)
        {
            _targetMeans[k] /= Math.Max(1, _targets.Rows);
        }
    }

    internal EditSessionOptions Options { get; }

    internal TeacherOutputs Teacher { get; }

    internal IReadOnlyList<int>? GroundTruth { get; }

    internal IReadOnlyList<string> ClassNames { get; }

    internal LogisticProblem Problem { get; }

    /// <summary>Computes the solver's curvature bound now (a one-epoch fit of class 0), so the first edit does not pay for it.</summary>
    internal void Warm()
    {
        if (Problem.Classes > 0 && Problem.Samples > 0)
        {
            SparseLogisticSolver.Fit(Problem.ForClasses([0]), Options.Students.Solver with { MaxIterations = 1, Method = SolverMethod.Fista });
        }
    }

    /// <summary>Computes <c>Σ_n z_nj (y_nk − ȳ_k)</c>: the direction in which concept j's weight would first move for class k.</summary>
    internal double Covariance(int k, int j)
    {
        double sum = 0;
        for (var n = 0; n < _z.Rows; n++)
        {
            sum += (double)_z[n, j] * (_targets[n, k] - _targetMeans[k]);
        }
        return sum;
    }

    /// <summary>
    /// Refits the plan's classes for at most <paramref name="epochs"/> FISTA iterations: warm start from the current
    /// weights with newly edited weights at their start points, every interval in force on those classes as box
    /// bounds, the same λ, L2 and targets as the original fit. Other classes are shared, untouched.
    /// </summary>
    internal RefitOutcome Refit(StudentEnsemble students, EditPlan plan, int epochs, IProgress<EditProgress>? progress, CancellationToken cancellationToken)
    {
        var classes = plan.Classes;
        var c = students.ConceptCount;
        var position = new Dictionary<int, int>(classes.Length);
        var start = new FloatMatrix(classes.Length, c);
        var bias = new float[classes.Length];
        var lower = new FloatMatrix(classes.Length, c);
        var upper = new FloatMatrix(classes.Length, c);
        lower.AsSpan().Fill(float.NegativeInfinity);
        upper.AsSpan().Fill(float.PositiveInfinity);
        for (var i = 0; i < classes.Length; i++)
        {
            position[classes[i]] = i;
            students.StandardizedWeights(classes[i]).CopyTo(start.Row(i));
            bias[i] = students.Bias(classes[i]);
        }
        foreach (var bounds in plan.Active.Values)
        {
            if (position.TryGetValue(bounds.ClassIndex, out var i))
            {
                lower[i, bounds.ConceptIndex] = bounds.Lower;
                upper[i, bounds.ConceptIndex] = bounds.Upper;
            }
        }
        foreach (var bounds in plan.NewBounds)
        {
            start[position[bounds.ClassIndex], bounds.ConceptIndex] = bounds.Start;
        }
        // Edits are always FISTA epochs (whatever method fitted the base students): "5 epochs" means one thing, the
        // bounded problem is FISTA's anyway, and logs replay bit for bit.
        var solver = Options.Students.Solver with { MaxIterations = epochs, ProgressInterval = 1, Method = SolverMethod.Fista };
        var fit = SparseLogisticSolver.Fit(
            Problem.ForClasses(classes),
            solver,
            SolverConstraints.Create(lower, upper),
            new SolverStart(start, bias),
            progress is null ? null : new EpochProgress(progress, epochs),
            cancellationToken);
        return new RefitOutcome(students.WithClasses(classes, fit.Weights, fit.Bias.ToArray()), fit);
    }

    /// <summary>All N × K logits <c>Z·Wᵀ + b</c>, computed as <see cref="StudentEnsemble.Logits"/> does (same bits).</summary>
    internal FloatMatrix Logits(StudentEnsemble students)
    {
        var logits = new FloatMatrix(_z.Rows, students.ClassCount);
        Kernels.MultiplyTransposed(_z, students.CopyStandardizedWeights(), logits, _threads);
        for (var n = 0; n < logits.Rows; n++)
        {
            var row = logits.Row(n);
            TensorPrimitives.Add(row, students.Biases, row);
        }
        return logits;
    }

    /// <summary>
    /// The previous logits with the columns of <paramref name="classes"/> recomputed. Each element of the kernel's
    /// product is one multiply-add chain over the concepts in order, so these columns have the same bits as a full
    /// <see cref="Logits"/> of the new students.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal FloatMatrix UpdateLogits(FloatMatrix previous, StudentEnsemble students, int[] classes)
    {
        var logits = previous.Copy();
        var weights = new FloatMatrix(classes.Length, students.ConceptCount);
        for (var i = 0; i < classes.Length; i++)
        {
            students.StandardizedWeights(classes[i]).CopyTo(weights.Row(i));
        }
        // The solver's products (tiles over the packed features, a fraction of the GEMM's time for a few classes, same bits).
        var columns = new FloatMatrix(classes.Length, logits.Rows);
        new ScoreProducts(Problem, Problem.Threads, ProductPath.Auto).LogitsPerClass(weights, columns);
        for (var i = 0; i < classes.Length; i++)
        {
            var fresh = columns.Row(i);
            var (k, bias) = (classes[i], students.Bias(classes[i]));
            for (var n = 0; n < logits.Rows; n++)
            {
                logits[n, k] = fresh[n] + bias;
            }
        }
        return logits;
    }

    internal EditMetrics Measure(FloatMatrix logits) => MetricsCounter.Measure(logits, Teacher, GroundTruth, ClassNames);

    /// <summary>Solver progress as epochs, reported synchronously on the solver's thread.</summary>
    private sealed class EpochProgress(IProgress<EditProgress> target, int epochs) : IProgress<SolverProgress>
    {
        public void Report(SolverProgress value) => target.Report(new EditProgress(value.Iteration, epochs, value.Objective, value.RelativeChange));
    }
}
