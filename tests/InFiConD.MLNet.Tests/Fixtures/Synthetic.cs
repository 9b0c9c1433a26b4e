using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.MLNet.Tests;

/// <summary>Seeded concept scores in [0, 0.4] (like cosines) and a teacher that is a planted sparse linear model over them.</summary>
internal static class Synthetic
{
    public static string[] ConceptNames(int c) => Enumerable.Range(0, c).Select(j => $"concept {j}").ToArray();

    public static string[] ClassNames(int k) => Enumerable.Range(0, k).Select(i => $"class {i}").ToArray();

    public static ConceptScores Scores(int n, int c, int seed)
    {
        var random = new Random(seed);
        var values = new FloatMatrix(n, c);
        foreach (ref var v in values.AsSpan())
        {
            v = 0.4f * random.NextSingle();
        }
        return ConceptScores.Create(values, Enumerable.Range(0, n).Select(i => $"img-{i:D4}").ToArray(), ConceptNames(c));
    }

    /// <summary>Logits of class k: 40 · Σ over the concepts j ≡ k (mod K) of (x_j − 0.2), so each class owns some concepts.</summary>
    public static FloatMatrix PlantedLogits(ConceptScores scores, int k)
    {
        var logits = new FloatMatrix(scores.ImageCount, k);
        for (var n = 0; n < scores.ImageCount; n++)
        {
            for (var j = 0; j < scores.ConceptCount; j++)
            {
                logits[n, j % k] += 40f * (scores[n, j] - 0.2f);
            }
        }
        return logits;
    }

    public static TeacherOutputs Teacher(ConceptScores scores, int k) =>
        TeacherOutputs.FromLogits(PlantedLogits(scores, k), ClassNames(k), scores.ImageIds);
}
