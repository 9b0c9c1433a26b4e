using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.MLNet;
using InFiConD.Students;
using Microsoft.ML;

namespace InFiConD.Benchmarks;

/// <summary>
/// A synthetic distillation problem: concept scores in [0, 0.4] (like clamped cosines), a sparse ground-truth linear
/// model over the standardised scores, and a teacher whose probabilities are the softmax of that model's logits plus
/// Gaussian noise. Deterministic for a given size and seed, whatever the thread count.
/// </summary>
internal sealed class StudentFitData
{
    /// <summary>Concepts each ground-truth class uses.</summary>
    internal const int ActiveConceptsPerClass = 12;

    /// <summary>Standard deviation of the noise added to the teacher's logits.</summary>
    internal const float LogitNoise = 0.5f;

    private const int RowsPerSeed = 1_024;

    private StudentFitData(FitSize size, ConceptScores scores, ConceptScores standardized, TeacherOutputs teacher)
    {
        Size = size;
        Scores = scores;
        Standardized = standardized;
        Teacher = teacher;
        HardTeacher = TeacherOutputs.FromLabels(teacher.PredictedLabels, teacher.ClassNames, teacher.ImageIds);
    }

    internal FitSize Size { get; }

    /// <summary>Raw N × C scores in [0, 0.4]: what <see cref="StudentEnsemble.Fit"/> gets (it standardises them itself).</summary>
    internal ConceptScores Scores { get; }

    /// <summary>The same scores standardised once (column mean 0, deviation 1): what the ML.NET peers get.</summary>
    internal ConceptScores Standardized { get; }

    /// <summary>The soft teacher: softmax of the planted logits plus noise.</summary>
    internal TeacherOutputs Teacher { get; }

    /// <summary>The teacher's top class per image, one-hot (the only targets ML.NET's classifiers accept).</summary>
    internal TeacherOutputs HardTeacher { get; }

    internal static StudentFitData Create(FitSize size, int seed = 42)
    {
        var (n, c, k) = (size.Images, size.Concepts, size.Classes);
        var raw = new FloatMatrix(n, c);
        var noise = new FloatMatrix(n, k);
        Parallel.For(0, (n + RowsPerSeed - 1) / RowsPerSeed, block =>
        {
            // Not HashCode.Combine: its seed changes from process to process, and the data must not.
            var random = new Random(unchecked(seed * 1_000_003 + block));
            var rows = Math.Min(RowsPerSeed, n - block * RowsPerSeed);
            foreach (ref var v in raw.RowBlock(block * RowsPerSeed, rows))
            {
                v = Math.Clamp(0.18f + 0.07f * Gaussian(random), 0f, 0.4f);
            }
            foreach (ref var v in noise.RowBlock(block * RowsPerSeed, rows))
            {
                v = LogitNoise * Gaussian(random);
            }
        });
        var mean = new float[c];
        var deviation = new float[c];
        Kernels.ColumnMeanAndDeviation(raw, mean, deviation);
        var z = new FloatMatrix(n, c);
        Kernels.StandardizeColumns(raw, mean, deviation, z);

        var truth = PlantedWeights(c, k, seed);
        var logits = Kernels.MultiplyTransposed(z, truth);
        var logitSpan = logits.AsSpan();
        System.Numerics.Tensors.TensorPrimitives.Add(logitSpan, noise.AsSpan(), logitSpan);

        var ids = Enumerable.Range(0, n).Select(i => $"img-{i:D6}").ToArray();
        var concepts = Enumerable.Range(0, c).Select(j => $"concept-{j:D3}").ToArray();
        var classes = Enumerable.Range(0, k).Select(i => $"class-{i:D3}").ToArray();
        return new StudentFitData(size,
            ConceptScores.Create(raw, ids, concepts),
            ConceptScores.Create(z, ids, concepts),
            TeacherOutputs.FromLogits(logits, classes, ids));
    }

    /// <summary>The ML.NET training view: standardised <c>Features</c> and the teacher's top class as the key <c>Label</c>.</summary>
    internal IDataView MlNetTrainingData() => Standardized.ToDataView(HardTeacher);

    /// <summary>Top-1 agreement of predicted labels with the teacher's.</summary>
    internal double Fidelity(IReadOnlyList<int> predicted)
    {
        var agree = 0;
        for (var i = 0; i < predicted.Count; i++)
        {
            agree += predicted[i] == Teacher.PredictedLabels[i] ? 1 : 0;
        }
        return (double)agree / predicted.Count;
    }

    /// <summary>K × C weights with <see cref="ActiveConceptsPerClass"/> non-zeros per class, each ±(0.5 … 1.5).</summary>
    private static FloatMatrix PlantedWeights(int c, int k, int seed)
    {
        var random = new Random(seed + 1);
        var weights = new FloatMatrix(k, c);
        var active = Math.Min(ActiveConceptsPerClass, c);
        for (var cls = 0; cls < k; cls++)
        {
            var columns = Enumerable.Range(0, c).ToArray();
            random.Shuffle(columns);
            foreach (var j in columns.AsSpan(0, active))
            {
                weights[cls, j] = (random.Next(2) == 0 ? -1f : 1f) * (0.5f + random.NextSingle());
            }
        }
        return weights;
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
