using System.Runtime.CompilerServices;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>Counts <see cref="EditMetrics"/> from a version's N × K logits in one pass over the images.</summary>
internal static class MetricsCounter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static EditMetrics Measure(FloatMatrix logits, TeacherOutputs teacher, IReadOnlyList<int>? groundTruth, IReadOnlyList<string> classNames)
    {
        var (n, classes) = (logits.Rows, logits.Columns);
        var (support, studentCount, both) = (new int[classes], new int[classes], new int[classes]);
        int top1 = 0, correct = 0;
        var multiLabel = teacher.MultiLabel;
        for (var i = 0; i < n; i++)
        {
            var l = logits.Row(i);
            var t = teacher.PredictedLabels[i];
            var s = ArgMax(l);
            top1 += s == t ? 1 : 0;
            if (groundTruth is not null)
            {
                correct += s == groundTruth[i] ? 1 : 0;
            }
            if (!multiLabel)
            {
                support[t]++;
                studentCount[s]++;
                both[t] += s == t ? 1 : 0;
                continue;
            }
            var y = teacher.Probabilities.Row(i);
            for (var c = 0; c < classes; c++)
            {
                var teacherSays = y[c] >= 0.5f;
                var studentSays = l[c] >= 0f;
                support[c] += teacherSays ? 1 : 0;
                studentCount[c] += studentSays ? 1 : 0;
                both[c] += teacherSays && studentSays ? 1 : 0;
            }
        }
        var perClass = new ClassEditMetrics[classes];
        for (var c = 0; c < classes; c++)
        {
            var agreement = support[c] == 0 ? 0 : (double)both[c] / support[c];
            perClass[c] = new ClassEditMetrics(classNames[c], support[c], studentCount[c], both[c], agreement, support[c] - both[c], studentCount[c] - both[c]);
        }
        return new EditMetrics(n, n == 0 ? 0 : (double)top1 / n, groundTruth is null || n == 0 ? null : (double)correct / n, perClass);
    }

    /// <summary>First maximum, as <see cref="Fidelity"/> ranks ties.</summary>
    internal static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var j = 1; j < logits.Length; j++)
        {
            best = logits[j] > logits[best] ? j : best;
        }
        return best;
    }
}
