using System.Collections.Immutable;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>
/// The numerical half of a session: the standardised scores Z and the logistic problem built once from them (so
/// every refit shares its transposed features and curvature bound), the bounded warm-start refit of edited classes,
/// and logits kept per version and split so that metrics after an edit only recompute the edited classes' columns.
/// </summary>
internal sealed class EditEngine
{
    private readonly FloatMatrix _z;
    private readonly FloatMatrix _targets;
    private readonly double[] _targetMeans;
    private readonly int _threads;

    internal EditEngine(StudentEnsemble students, DataSplit training, IReadOnlyList<DataSplit> heldOut, EditSessionOptions options)
    {
        Options = options;
        Teacher = training.Teacher;
        GroundTruth = training.GroundTruth;
        ClassNames = students.ClassNames;
        _threads = options.Students.Solver.MaxDegreeOfParallelism;
        // The students' own standardisation: for scores they were fitted on this reproduces the fit's Z bit for bit.
        _z = SplitEvaluator.Standardize(training, students, _threads);
        _targets = options.Students.Targets == StudentTargets.Hard ? training.Teacher.HardTargets() : training.Teacher.Probabilities;
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
        Splits = [SplitEvaluator.ForTraining(training, Problem, students.ClassNames), .. heldOut.Select(split => SplitEvaluator.ForHeldOut(split, students, _threads))];
        SplitNames = Splits.Select(e => e.Name).ToArray();
        SplitData = Array.AsReadOnly(Splits.Select(e => e.Split).ToArray());
    }

    internal EditSessionOptions Options { get; }

    internal TeacherOutputs Teacher { get; }

    internal IReadOnlyList<int>? GroundTruth { get; }

    internal IReadOnlyList<string> ClassNames { get; }

    internal LogisticProblem Problem { get; }

    /// <summary>One evaluator per split, the training split first.</summary>
    internal SplitEvaluator[] Splits { get; }

    internal string[] SplitNames { get; }

    internal IReadOnlyList<DataSplit> SplitData { get; }

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
    /// The solver of converged refits: OWL-QN projected onto the edits' boxes, which converges from a warm start in a
    /// fraction of FISTA's iterations (docs/students.md); recorded in each entry so a log replays with the solver that wrote it.
    /// </summary>
    internal const SolverMethod ConvergedMethod = SolverMethod.ProjectedQuasiNewton;

    /// <summary>
    /// Refits the plan's classes: warm start from the current weights with newly edited weights at their start points,
    /// every interval in force on those classes as box bounds, the parent version's λ (or a new one) and the original fit's L2 and targets. A
    /// converged refit runs to <paramref name="refit"/>'s tolerance (its cap a safety net); the paper's mode runs at
    /// most its epochs of FISTA. Other classes are shared, untouched.
    /// </summary>
    internal RefitOutcome Refit(StudentEnsemble students, EditPlan plan, EditRefit refit, double lambda, IProgress<EditProgress>? progress, CancellationToken cancellationToken)
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
        // The paper's mode is always FISTA epochs (whatever method fitted the base students): "5 epochs" means one thing
        // and old logs replay bit for bit. A converged refit stops at its own tolerance.
        var solver = refit.Tolerance is { } tolerance
            ? Options.Students.Solver with { L1 = lambda, MaxIterations = refit.MaxIterations, Tolerance = tolerance, ProgressInterval = 1, Method = ConvergedMethod }
            : Options.Students.Solver with { L1 = lambda, MaxIterations = refit.MaxIterations, ProgressInterval = 1, Method = SolverMethod.Fista };
        var fit = SparseLogisticSolver.Fit(
            Problem.ForClasses(classes),
            solver,
            SolverConstraints.Create(lower, upper),
            new SolverStart(start, bias),
            progress is null ? null : new EpochProgress(progress, refit.MaxIterations, refit.Tolerance),
            cancellationToken);
        return new RefitOutcome(students.WithClasses(classes, fit.Weights, fit.Bias.ToArray()), fit);
    }

    /// <summary>All N × K logits of the training images, computed as <see cref="StudentEnsemble.Logits"/> does (same bits).</summary>
    internal FloatMatrix Logits(StudentEnsemble students) => Splits[0].Logits(students);

    internal EditMetrics Measure(FloatMatrix logits) => Splits[0].Measure(logits);

    /// <summary>A complete version: logits and metrics on every split.</summary>
    internal SessionVersion Version(string id, ProvenanceEntry? entry, StudentEnsemble students, ImmutableSortedDictionary<long, WeightBounds> active)
    {
        var logits = Splits.Select(e => e.Logits(students)).ToArray();
        return new SessionVersion(id, entry, students, entry?.Refit.Lambda ?? Options.Students.Solver.L1, active, SplitNames, logits, Measure(logits));
    }

    /// <summary>Every split's logits after an edit: the parent's with the refit classes' columns recomputed.</summary>
    internal FloatMatrix[] UpdateLogits(SessionVersion parent, StudentEnsemble students, int[] classes)
    {
        var logits = new FloatMatrix[Splits.Length];
        for (var s = 0; s < Splits.Length; s++)
        {
            logits[s] = Splits[s].UpdateLogits(parent.SplitLogits[s], students, classes);
        }
        return logits;
    }

    internal EditMetrics[] Measure(FloatMatrix[] logits)
    {
        var metrics = new EditMetrics[Splits.Length];
        for (var s = 0; s < Splits.Length; s++)
        {
            metrics[s] = Splits[s].Measure(logits[s]);
        }
        return metrics;
    }

    /// <summary>Solver progress as epochs, reported synchronously on the solver's thread.</summary>
    private sealed class EpochProgress(IProgress<EditProgress> target, int epochs, double? tolerance) : IProgress<SolverProgress>
    {
        public void Report(SolverProgress value) => target.Report(new EditProgress(value.Iteration, epochs, value.Objective, value.RelativeChange) { Tolerance = tolerance });
    }
}
