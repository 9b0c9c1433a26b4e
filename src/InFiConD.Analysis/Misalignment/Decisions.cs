using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>What the teacher and the student say about every (image, class): top classes and per-class decisions.</summary>
internal sealed class Decisions
{
    private readonly bool[]? _teacher;
    private readonly bool[]? _student;

    private Decisions(int images, int classes, int[] teacherTop, int[] studentTop, bool[]? teacher, bool[]? student)
    {
        ImageCount = images;
        ClassCount = classes;
        TeacherTop = teacherTop;
        StudentTop = studentTop;
        _teacher = teacher;
        _student = student;
    }

    public int ImageCount { get; }

    public int ClassCount { get; }

    /// <summary>The teacher's top class per image (first on ties).</summary>
    public int[] TeacherTop { get; }

    /// <summary>The student's top class per image (argmax of the logits, first on ties, as <see cref="StudentEnsemble.PredictLabels(FloatMatrix)"/>).</summary>
    public int[] StudentTop { get; }

    /// <summary>
    /// Single-label teachers: each model says its top class (kept as the top classes alone). Multi-label teachers: the
    /// teacher says k when its probability is ≥ threshold, the student when <c>σ(logit)</c> is (computed as
    /// <see cref="StudentEnsemble.PredictProbabilities(FloatMatrix)"/> does), kept as N × K flags.
    /// </summary>
    /// <param name="logits">Row-major N × K student logits.</param>
    /// <param name="aligned">The teacher's outputs, aligned to the images.</param>
    /// <param name="threshold">The multi-label decision threshold.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Decisions Compute(ReadOnlySpan<float> logits, TeacherOutputs aligned, float threshold)
    {
        var (n, k) = (aligned.ImageCount, aligned.ClassCount);
        var teacherTop = aligned.PredictedLabels.ToArray();
        var studentTop = new int[n];
        for (var i = 0; i < n; i++)
        {
            studentTop[i] = IndexOfMax(logits.Slice(i * k, k));
        }
        if (!aligned.MultiLabel)
        {
            return new Decisions(n, k, teacherTop, studentTop, null, null);
        }
        var probabilities = new float[n * k];
        Kernels.Sigmoid(logits, probabilities);
        var y = aligned.Probabilities.AsSpan();
        var (teacher, student) = (new bool[n * k], new bool[n * k]);
        for (var i = 0; i < probabilities.Length; i++)
        {
            teacher[i] = y[i] >= threshold;
            student[i] = probabilities[i] >= threshold;
        }
        return new Decisions(n, k, teacherTop, studentTop, teacher, student);
    }

    /// <summary>
    /// <see cref="TensorPrimitives.IndexOfMax{T}(ReadOnlySpan{T})"/>'s answer (first NaN, else the first largest value, +0
    /// above −0), in a plain loop: a report calls it once per image, and in the first reports of a process the library's
    /// vector code still runs unoptimised, costing more than the whole rest of the decisions.
    /// </summary>
    internal static int IndexOfMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 0; i < row.Length; i++)
        {
            var v = row[i];
            if (float.IsNaN(v))
            {
                return i;
            }
            if (v > row[best] || (v == row[best] && float.IsNegative(row[best]) && !float.IsNegative(v)))
            {
                best = i;
            }
        }
        return best;
    }

    /// <summary>Which subset image n falls in for class k.</summary>
    public SubsetKind KindOf(int image, int cls)
    {
        var (teacher, student) = _teacher is null
            ? (TeacherTop[image] == cls, StudentTop[image] == cls)
            : (_teacher[image * ClassCount + cls], _student![image * ClassCount + cls]);
        return (teacher, student) switch
        {
            (true, true) => SubsetKind.AgreePositive,
            (true, false) => SubsetKind.TeacherOnly,
            (false, true) => SubsetKind.StudentOnly,
            _ => SubsetKind.AgreeNegative,
        };
    }
}
