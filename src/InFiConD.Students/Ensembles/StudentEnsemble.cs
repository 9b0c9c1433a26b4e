using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// One linear student per teacher class over standardised concept scores:
/// <c>p_k(x) = σ(Σ_j w_kj · (x_j − μ_j) / s_j + b_k)</c>. Immutable: an edit produces a new ensemble. Weights are
/// readable in standardised units (comparable across concepts) and raw units (per unit of concept score). In JSON it
/// is written with every weight, bias, mean and deviation (<see cref="StudentEnsembleJsonConverter"/>).
/// </summary>
[JsonConverter(typeof(StudentEnsembleJsonConverter))]
public sealed class StudentEnsemble
{
    private readonly FloatMatrix _weights;
    private readonly float[] _bias;
    private readonly float[] _mean;
    private readonly float[] _deviation;

    private StudentEnsemble(IReadOnlyList<string> classNames, IReadOnlyList<string> conceptNames, float[] mean, float[] deviation, FloatMatrix weights, float[] bias, WeightSpread? spread)
    {
        ClassNames = classNames;
        ConceptNames = conceptNames;
        _mean = mean;
        _deviation = deviation;
        _weights = weights;
        _bias = bias;
        Spread = spread;
    }

    /// <summary>The K class names (one student each).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The C concept names, in the column order of the scores the students read.</summary>
    public IReadOnlyList<string> ConceptNames { get; }

    /// <summary>Number of students (classes) K.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Number of concepts C.</summary>
    public int ConceptCount => ConceptNames.Count;

    /// <summary>Column means μ used to standardise concept scores.</summary>
    public ReadOnlySpan<float> ConceptMean => _mean;

    /// <summary>Column standard deviations s used to standardise concept scores (0: constant concept, ignored).</summary>
    public ReadOnlySpan<float> ConceptDeviation => _deviation;

    /// <summary>Bootstrap statistics of the weights, when the ensemble was fitted with bootstrap members.</summary>
    public WeightSpread? Spread { get; }

    /// <summary>Builds an ensemble from its parts (copied), for loading and for edits.</summary>
    /// <param name="classNames">K class names.</param>
    /// <param name="conceptNames">C concept names.</param>
    /// <param name="conceptMean">C standardisation means.</param>
    /// <param name="conceptDeviation">C standardisation deviations (≥ 0).</param>
    /// <param name="standardizedWeights">K × C weights in standardised units.</param>
    /// <param name="bias">K intercepts.</param>
    /// <param name="spread">Optional bootstrap statistics (K × C).</param>
    /// <exception cref="ShapeMismatchException">A part does not match K or C.</exception>
    /// <exception cref="NonFiniteValueException">A weight, bias, mean or deviation is not finite.</exception>
    public static StudentEnsemble Create(IReadOnlyList<string> classNames, IReadOnlyList<string> conceptNames, ReadOnlySpan<float> conceptMean, ReadOnlySpan<float> conceptDeviation, FloatMatrix standardizedWeights, ReadOnlySpan<float> bias, WeightSpread? spread = null)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(conceptNames);
        ArgumentNullException.ThrowIfNull(standardizedWeights);
        var (k, c) = (classNames.Count, conceptNames.Count);
        Require(standardizedWeights.Rows == k && standardizedWeights.Columns == c, nameof(standardizedWeights), $"{k} × {c}", $"{standardizedWeights.Rows} × {standardizedWeights.Columns}");
        Require(bias.Length == k, nameof(bias), $"length {k}", $"length {bias.Length}");
        Require(conceptMean.Length == c, nameof(conceptMean), $"length {c}", $"length {conceptMean.Length}");
        Require(conceptDeviation.Length == c, nameof(conceptDeviation), $"length {c}", $"length {conceptDeviation.Length}");
        if (spread is not null)
        {
            Require(spread.Mean.Rows == k && spread.Mean.Columns == c, "spread", $"{k} × {c}", $"{spread.Mean.Rows} × {spread.Mean.Columns}");
            if (spread.StaleClasses.Count > 0 && spread.StaleClasses[^1] >= k)
            {
                throw new ArgumentOutOfRangeException(nameof(spread), spread.StaleClasses[^1], $"WeightSpread.StaleClasses holds class {spread.StaleClasses[^1]}; there are {k} classes.");
            }
        }
        standardizedWeights.EnsureFinite(nameof(standardizedWeights));
        EnsureFinite(bias, nameof(bias));
        EnsureFinite(conceptMean, nameof(conceptMean));
        EnsureFinite(conceptDeviation, nameof(conceptDeviation));
        foreach (var s in conceptDeviation)
        {
            if (s < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(conceptDeviation), s, "Concept deviations must be ≥ 0.");
            }
        }
        return new StudentEnsemble(classNames.ToArray(), conceptNames.ToArray(), conceptMean.ToArray(), conceptDeviation.ToArray(), standardizedWeights.Copy(), bias.ToArray(), spread);
    }

    /// <summary>
    /// Fits one student per teacher class to the teacher's outputs on <paramref name="scores"/>: standardises the
    /// scores, then solves all classes together with <see cref="SparseLogisticSolver"/>.
    /// </summary>
    /// <param name="scores">N × C concept scores.</param>
    /// <param name="teacher">The teacher's outputs; aligned to the scores' image ids.</param>
    /// <param name="options">Fitting options; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Solver progress.</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <returns>The ensemble and the solver's report of the main fit.</returns>
    /// <exception cref="ArgumentException">A scored image has no teacher output.</exception>
    public static (StudentEnsemble Ensemble, SolverResult Fit) Fit(ConceptScores scores, TeacherOutputs teacher, StudentOptions? options = null, IProgress<SolverProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? StudentOptions.Default).Validate();
        var setup = Prepare(scores, teacher, options);
        var fit = SparseLogisticSolver.Fit(setup.Problem, options.Solver, progress: progress, cancellationToken: cancellationToken);
        var spread = options.BootstrapMembers > 0
            ? Bootstrap(setup.Problem.Features, setup.Problem.Targets, fit, options, cancellationToken)
            : null;
        return (setup.Students(fit, spread), fit);
    }

    /// <summary>
    /// Fits the students at each of several L1 strengths, each fit starting from the previous one (a warm-started
    /// regularisation path): the same standardisation and targets as <see cref="Fit"/>, so the step at
    /// <c>options.Solver.L1</c> stops near <see cref="Fit"/>'s optimum (both stop on the solver's relative-change tolerance, so
    /// objectives agree to about 0.1 % and weights may differ where the objective is flat, as with nearly separable classes and a tiny λ). No bootstrap is run.
    /// </summary>
    /// <param name="scores">N × C concept scores.</param>
    /// <param name="teacher">The teacher's outputs; aligned to the scores' image ids.</param>
    /// <param name="lambdas">The L1 strengths, descending (as <see cref="SparseLogisticSolver.LambdaPath"/> makes them);
    /// <see langword="null"/> for <paramref name="count"/> log-spaced strengths from the smallest λ with every weight 0 down to a thousandth of it.</param>
    /// <param name="count">How many strengths when <paramref name="lambdas"/> is <see langword="null"/>.</param>
    /// <param name="options">Fitting options (targets, L2, tolerance, threads); <see cref="SolverOptions.L1"/> is replaced by each λ.</param>
    /// <param name="progress">Solver progress of every fit, in order.</param>
    /// <param name="cancellationToken">Cancels between and within fits.</param>
    /// <returns>One step per λ, in the order given.</returns>
    /// <exception cref="ArgumentException">The strengths are empty, negative, infinite or not descending.</exception>
    public static IReadOnlyList<StudentPathStep> FitPath(ConceptScores scores, TeacherOutputs teacher, IReadOnlyList<double>? lambdas = null, int count = 15,
        StudentOptions? options = null, IProgress<SolverProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? StudentOptions.Default).Validate();
        var setup = Prepare(scores, teacher, options);
        lambdas ??= SparseLogisticSolver.LambdaPath(setup.Problem, count);
        var fits = SparseLogisticSolver.FitPath(setup.Problem, lambdas, options.Solver, progress: progress, cancellationToken: cancellationToken);
        return [.. fits.Select((fit, i) => new StudentPathStep(lambdas[i], setup.Students(fit, null), fit))];
    }

    /// <summary>The standardised problem <see cref="Fit"/> and <see cref="FitPath"/> solve, and how to turn a solution into students.</summary>
    private static FitSetup Prepare(ConceptScores scores, TeacherOutputs teacher, StudentOptions options)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacher);
        var threads = options.Solver.MaxDegreeOfParallelism;
        var mean = new float[scores.ConceptCount];
        var deviation = new float[scores.ConceptCount];
        Kernels.ColumnMeanAndDeviation(scores.Values, mean, deviation);
        // Every element is written by the standardisation: no need to zero the N × C buffer first.
        var standardized = FloatMatrix.Wrap(GC.AllocateUninitializedArray<float>(checked(scores.ImageCount * scores.ConceptCount)), scores.ImageCount, scores.ConceptCount);
        Kernels.StandardizeColumns(scores.Values, mean, deviation, standardized, threads);
        var aligned = teacher.AlignTo(scores.ImageIds);
        var targets = options.Targets == StudentTargets.Hard ? aligned.HardTargets() : aligned.Probabilities;
        return new FitSetup(LogisticProblem.Create(standardized, targets, threads), aligned.ClassNames.ToArray(), scores.ConceptNames.ToArray(), mean, deviation);
    }

    private sealed record FitSetup(LogisticProblem Problem, string[] ClassNames, string[] ConceptNames, float[] Mean, float[] Deviation)
    {
        public StudentEnsemble Students(SolverResult fit, WeightSpread? spread) => new(ClassNames, ConceptNames, Mean, Deviation, fit.Weights, fit.Bias.ToArray(), spread);
    }

    /// <summary>Student k's weights in standardised units (per standard deviation of each concept's score).</summary>
    /// <param name="classIndex">Class k.</param>
    public ReadOnlySpan<float> StandardizedWeights(int classIndex) => _weights.Row(classIndex);

    /// <summary>All K × C standardised weights, as a copy.</summary>
    public FloatMatrix CopyStandardizedWeights() => _weights.Copy();

    /// <summary>Student k's intercept in standardised units.</summary>
    /// <param name="classIndex">Class k.</param>
    public float Bias(int classIndex) => _bias[classIndex];

    /// <summary>All K intercepts (standardised units).</summary>
    public ReadOnlySpan<float> Biases => _bias;

    /// <summary>Student k's weights per unit of raw concept score: <c>w_kj / s_j</c> (0 for constant concepts).</summary>
    /// <param name="classIndex">Class k.</param>
    public float[] RawWeights(int classIndex)
    {
        var w = _weights.Row(classIndex);
        var raw = new float[w.Length];
        for (var j = 0; j < raw.Length; j++)
        {
            raw[j] = _deviation[j] == 0f ? 0f : w[j] / _deviation[j];
        }
        return raw;
    }

    /// <summary>Student k's intercept on raw scores: <c>b_k − Σ_j w_kj μ_j / s_j</c>.</summary>
    /// <param name="classIndex">Class k.</param>
    public float RawBias(int classIndex)
    {
        var raw = RawWeights(classIndex);
        return _bias[classIndex] - TensorPrimitives.Dot(raw, _mean);
    }

    /// <summary>Standardises raw concept scores with the stored means and deviations.</summary>
    /// <param name="values">N × C raw concept scores.</param>
    /// <returns>N × C standardised scores.</returns>
    /// <exception cref="ShapeMismatchException">The column count is not C.</exception>
    public FloatMatrix Standardize(FloatMatrix values)
    {
        ArgumentNullException.ThrowIfNull(values);
        RequireColumns(values);
        var z = new FloatMatrix(values.Rows, values.Columns);
        Kernels.StandardizeColumns(values, _mean, _deviation, z);
        return z;
    }

    /// <summary>Student logits <c>Z·Wᵀ + b</c> for raw concept scores.</summary>
    /// <param name="values">N × C raw concept scores.</param>
    /// <returns>N × K logits.</returns>
    public FloatMatrix Logits(FloatMatrix values)
    {
        var logits = Kernels.MultiplyTransposed(Standardize(values), _weights);
        for (var n = 0; n < logits.Rows; n++)
        {
            var row = logits.Row(n);
            TensorPrimitives.Add(row, _bias, row);
        }
        return logits;
    }

    /// <summary>Per-class probabilities σ(logit) for raw concept scores.</summary>
    /// <param name="values">N × C raw concept scores.</param>
    /// <returns>N × K probabilities (independent per class).</returns>
    public FloatMatrix PredictProbabilities(FloatMatrix values)
    {
        var p = Logits(values);
        Kernels.Sigmoid(p.AsSpan(), p.AsSpan()); // stable for any logit; N = 0 or K = 0 gives an empty result
        return p;
    }

    /// <summary>Per-class probabilities for <paramref name="scores"/>, after checking its concepts match.</summary>
    /// <param name="scores">Concept scores with the ensemble's concepts in the same order.</param>
    /// <exception cref="ArgumentException">The concept names differ.</exception>
    public FloatMatrix PredictProbabilities(ConceptScores scores) => PredictProbabilities(CheckedValues(scores));

    /// <summary>The top class per image (argmax of the logits, first on ties).</summary>
    /// <param name="values">N × C raw concept scores.</param>
    public int[] PredictLabels(FloatMatrix values)
    {
        var logits = Logits(values);
        var labels = new int[logits.Rows];
        for (var n = 0; n < labels.Length; n++)
        {
            labels[n] = logits.Columns == 0 ? 0 : TensorPrimitives.IndexOfMax(logits.Row(n));
        }
        return labels;
    }

    /// <summary>The top class per image for <paramref name="scores"/>.</summary>
    /// <param name="scores">Concept scores with the ensemble's concepts in the same order.</param>
    public int[] PredictLabels(ConceptScores scores) => PredictLabels(CheckedValues(scores));

    /// <summary>Multi-label decisions: class k is on when its probability reaches <paramref name="threshold"/>.</summary>
    /// <param name="values">N × C raw concept scores.</param>
    /// <param name="threshold">In (0, 1); 0.5 by default.</param>
    /// <returns>N rows of K decisions.</returns>
    public bool[][] PredictMultiLabel(FloatMatrix values, float threshold = 0.5f)
    {
        if (!(threshold > 0f && threshold < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be in (0, 1).");
        }
        var p = PredictProbabilities(values);
        var result = new bool[p.Rows][];
        for (var n = 0; n < p.Rows; n++)
        {
            var row = p.Row(n);
            result[n] = new bool[row.Length];
            for (var k = 0; k < row.Length; k++)
            {
                result[n][k] = row[k] >= threshold;
            }
        }
        return result;
    }

    /// <summary>
    /// A new ensemble with some classes' weights and intercepts replaced (everything else shared; the replaced classes'
    /// bootstrap spread is marked stale, <see cref="WeightSpread.StaleClasses"/>).
    /// </summary>
    /// <param name="classes">Class indices to replace.</param>
    /// <param name="weights">|classes| × C standardised weights, row i for class <c>classes[i]</c>.</param>
    /// <param name="bias">|classes| intercepts.</param>
    /// <exception cref="ShapeMismatchException">Shapes do not match.</exception>
    public StudentEnsemble WithClasses(IReadOnlyList<int> classes, FloatMatrix weights, ReadOnlySpan<float> bias)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(weights);
        Require(weights.Rows == classes.Count && weights.Columns == ConceptCount, nameof(weights), $"{classes.Count} × {ConceptCount}", $"{weights.Rows} × {weights.Columns}");
        Require(bias.Length == classes.Count, nameof(bias), $"length {classes.Count}", $"length {bias.Length}");
        weights.EnsureFinite(nameof(weights));
        EnsureFinite(bias, nameof(bias));
        var newWeights = _weights.Copy();
        var newBias = (float[])_bias.Clone();
        for (var i = 0; i < classes.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(classes[i]);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classes[i], ClassCount);
            weights.Row(i).CopyTo(newWeights.Row(classes[i]));
            newBias[classes[i]] = bias[i];
        }
        // The replaced classes' bootstrap spread describes weights they no longer have: it is marked stale, never kept as if current.
        var spread = Spread is null ? null : Spread with { StaleClasses = [.. Spread.StaleClasses, .. classes] };
        return new StudentEnsemble(ClassNames, ConceptNames, _mean, _deviation, newWeights, newBias, spread);
    }

    private FloatMatrix CheckedValues(ConceptScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (!scores.ConceptNames.SequenceEqual(ConceptNames))
        {
            var at = Enumerable.Range(0, Math.Min(scores.ConceptCount, ConceptCount)).FirstOrDefault(j => scores.ConceptNames[j] != ConceptNames[j], Math.Min(scores.ConceptCount, ConceptCount));
            throw new ArgumentException($"The scores' concepts differ from the students' at column {at} ({scores.ConceptCount} vs {ConceptCount} concepts); score the images with the same concept bank.", nameof(scores));
        }
        return scores.Values;
    }

    private void RequireColumns(FloatMatrix values) =>
        Require(values.Columns == ConceptCount, nameof(values), $"N × {ConceptCount}", $"{values.Rows} × {values.Columns}");

    private static WeightSpread Bootstrap(FloatMatrix z, FloatMatrix targets, SolverResult main, StudentOptions options, CancellationToken cancellationToken)
    {
        var (n, c, k) = (z.Rows, z.Columns, targets.Columns);
        var members = options.BootstrapMembers;
        var sum = new double[k * c];
        var sumSquares = new double[k * c];
        var nonZero = new int[k * c];
        var random = new Random(options.Seed);
        var start = new SolverStart(main.Weights, main.Bias);
        for (var m = 0; m < members; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var zm = new FloatMatrix(n, c);
            var ym = new FloatMatrix(n, k);
            for (var i = 0; i < n; i++)
            {
                var source = random.Next(n);
                z.Row(source).CopyTo(zm.Row(i));
                targets.Row(source).CopyTo(ym.Row(i));
            }
            var fit = SparseLogisticSolver.Fit(LogisticProblem.Create(zm, ym, options.Solver.MaxDegreeOfParallelism), options.Solver, start: start, cancellationToken: cancellationToken);
            var w = fit.Weights.AsSpan();
            for (var i = 0; i < w.Length; i++)
            {
                sum[i] += w[i];
                sumSquares[i] += (double)w[i] * w[i];
                nonZero[i] += w[i] != 0f ? 1 : 0;
            }
        }
        var mean = new FloatMatrix(k, c);
        var deviation = new FloatMatrix(k, c);
        var fraction = new FloatMatrix(k, c);
        for (var i = 0; i < k * c; i++)
        {
            var mu = sum[i] / members;
            mean.AsSpan()[i] = (float)mu;
            deviation.AsSpan()[i] = (float)Math.Sqrt(Math.Max(0, sumSquares[i] / members - mu * mu));
            fraction.AsSpan()[i] = (float)nonZero[i] / members;
        }
        return new WeightSpread(members, mean, deviation, fraction);
    }

    private static void Require(bool condition, string field, string expected, string actual)
    {
        if (!condition)
        {
            throw new ShapeMismatchException(field, expected, actual);
        }
    }

    private static void EnsureFinite(ReadOnlySpan<float> values, string field)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new NonFiniteValueException(field, 0, i, values[i]);
            }
        }
    }
}
