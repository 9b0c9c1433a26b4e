using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis.Tests;

/// <summary>
/// Small random analysis problems: raw scores in [0, 0.5] rounded to 0.05 (many ties and zeros, as clamped cosines give),
/// a sparse random student ensemble standardised on the scores, and a teacher that is a noisy version of the students.
/// </summary>
internal sealed record AnalysisProblem(ConceptScores Scores, TeacherOutputs Teacher, StudentEnsemble Students, int[] GroundTruth)
{
    public int N => Scores.ImageCount;

    public int C => Scores.ConceptCount;

    public int K => Students.ClassCount;

    public static AnalysisProblem Create(int n = 240, int c = 9, int k = 4, int seed = 7, bool multiLabel = false, bool bestSegments = false)
    {
        var random = new Random(seed);
        var values = new FloatMatrix(n, c);
        foreach (ref var v in values.AsSpan())
        {
            v = MathF.Round(Math.Clamp(0.15f + 0.2f * (float)Gaussian(random), 0f, 0.5f) * 20f) / 20f;
        }
        var ids = Enumerable.Range(0, n).Select(i => $"img-{i:D4}").ToArray();
        var concepts = Enumerable.Range(0, c).Select(j => $"concept {j}").ToArray();
        var classes = Enumerable.Range(0, k).Select(i => $"class{i}").ToArray();
        int[]? segments = null;
        if (bestSegments)
        {
            segments = new int[n * c];
            for (var i = 0; i < segments.Length; i++)
            {
                segments[i] = random.Next(-1, 5);
            }
        }
        var scores = ConceptScores.Create(values, ids, concepts, segments);

        var mean = new float[c];
        var deviation = new float[c];
        Kernels.ColumnMeanAndDeviation(values, mean, deviation);
        var weights = new FloatMatrix(k, c);
        for (var cls = 0; cls < k; cls++)
        {
            for (var j = 0; j < c; j++)
            {
                weights[cls, j] = random.Next(3) == 0 ? 0f : (float)(1.5 * Gaussian(random));
            }
        }
        var bias = Enumerable.Range(0, k).Select(_ => (float)(0.3 * Gaussian(random)) - (multiLabel ? 1f : 0f)).ToArray();
        var students = StudentEnsemble.Create(classes, concepts, mean, deviation, weights, bias);

        // The teacher: the students' logits plus noise, so it agrees with them most of the time.
        var logits = students.Logits(values);
        foreach (ref var v in logits.AsSpan())
        {
            v += (float)(1.2 * Gaussian(random));
        }
        var teacher = TeacherOutputs.FromLogits(logits, classes, ids, multiLabel);
        var truth = new int[n];
        for (var i = 0; i < n; i++)
        {
            truth[i] = random.Next(4) == 0 ? random.Next(k) : teacher.PredictedLabels[i];
        }
        return new AnalysisProblem(scores, teacher, students, truth);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
