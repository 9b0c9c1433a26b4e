using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>
/// Measures versions of the students on one split: the split's scores standardised once with the students' own
/// mean and deviation, full logits for a new version, and after an edit only the refit classes' columns recomputed.
/// The training split shares the refit's <see cref="LogisticProblem"/>; a held-out split has its own (its targets are
/// never read, its packed features serve the per-class products).
/// </summary>
internal sealed class SplitEvaluator
{
    private readonly FloatMatrix _z;
    private readonly LogisticProblem _problem;
    private readonly IReadOnlyList<string> _classNames;

    private SplitEvaluator(DataSplit split, FloatMatrix z, LogisticProblem problem, IReadOnlyList<string> classNames)
    {
        Split = split;
        _z = z;
        _problem = problem;
        _classNames = classNames;
    }

    internal DataSplit Split { get; }

    internal string Name => Split.Name;

    /// <summary>The split's scores standardised as the students standardise them (the fit's Z, bit for bit, for the training scores).</summary>
    internal static FloatMatrix Standardize(DataSplit split, StudentEnsemble students, int threads)
    {
        var z = new FloatMatrix(split.Scores.ImageCount, split.Scores.ConceptCount);
        Kernels.StandardizeColumns(split.Scores.Values, students.ConceptMean, students.ConceptDeviation, z, threads);
        return z;
    }

    /// <summary>The evaluator of the training split, over the refit's own problem.</summary>
    internal static SplitEvaluator ForTraining(DataSplit split, LogisticProblem problem, IReadOnlyList<string> classNames) =>
        new(split, problem.Features, problem, classNames);

    /// <summary>The evaluator of a held-out split.</summary>
    internal static SplitEvaluator ForHeldOut(DataSplit split, StudentEnsemble students, int threads)
    {
        var z = Standardize(split, students, threads);
        return new SplitEvaluator(split, z, LogisticProblem.Create(z, split.Teacher.Probabilities, threads), students.ClassNames);
    }

    /// <summary>All N × K logits <c>Z·Wᵀ + b</c>, computed as <see cref="StudentEnsemble.Logits"/> does (same bits).</summary>
    internal FloatMatrix Logits(StudentEnsemble students)
    {
        var logits = new FloatMatrix(_z.Rows, students.ClassCount);
        Kernels.MultiplyTransposed(_z, students.CopyStandardizedWeights(), logits, _problem.Threads);
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
        _problem.ClassScores(weights, columns);
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

    internal EditMetrics Measure(FloatMatrix logits) => MetricsCounter.Measure(logits, Split.Teacher, Split.GroundTruth, _classNames);

    /// <summary>The images whose student top class differs between two versions' logits, in row order.</summary>
    internal IReadOnlyList<PredictionChange> Changes(FloatMatrix before, FloatMatrix after)
    {
        var changes = new List<PredictionChange>();
        var teacher = Split.Teacher.PredictedLabels;
        var truth = Split.GroundTruth;
        for (var n = 0; n < before.Rows; n++)
        {
            var (a, b) = (MetricsCounter.ArgMax(before.Row(n)), MetricsCounter.ArgMax(after.Row(n)));
            if (a != b)
            {
                changes.Add(new PredictionChange(Split.ImageIds[n], _classNames[a], _classNames[b], _classNames[teacher[n]], truth is null ? null : _classNames[truth[n]]));
            }
        }
        return changes;
    }
}
