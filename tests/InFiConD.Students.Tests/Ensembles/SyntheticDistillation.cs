using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Students.Tests;

/// <summary>
/// Concept scores uniform in [0, 1] and a teacher that is a softmax of a sparse linear function of them: class k
/// reads concepts k (up) and k + 3 (down) only, so a faithful student can recover it from 2 of 12 concepts.
/// </summary>
internal static class SyntheticDistillation
{
    public static readonly string[] Classes = ["boat", "car", "tree"];

    public static (ConceptScores Scores, TeacherOutputs Teacher) Create(int n = 600, int c = 12, int seed = 1)
    {
        var random = new Random(seed);
        var values = new FloatMatrix(n, c);
        foreach (ref var v in values.AsSpan())
        {
            v = random.NextSingle();
        }
        var ids = Enumerable.Range(0, n).Select(i => $"img{i:D4}").ToArray();
        var concepts = Enumerable.Range(0, c).Select(j => $"concept {j}").ToArray();
        var logits = new FloatMatrix(n, Classes.Length);
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < Classes.Length; k++)
            {
                logits[i, k] = 6f * values[i, k] - 3f * values[i, k + 3];
            }
        }
        // The teacher lists its images in reverse, so fitting must align it to the scores.
        var reversed = new FloatMatrix(n, Classes.Length);
        for (var i = 0; i < n; i++)
        {
            logits.Row(n - 1 - i).CopyTo(reversed.Row(i));
        }
        var teacher = TeacherOutputs.FromLogits(reversed, Classes, ids.Reverse().ToArray());
        return (ConceptScores.Create(values, ids, concepts), teacher);
    }
}
