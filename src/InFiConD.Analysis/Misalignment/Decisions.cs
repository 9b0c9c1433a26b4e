using System.Numerics.Tensors;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>What the teacher and the student say about every (image, class): top classes and per-class decisions.</summary>
internal sealed class Decisions
{
    private Decisions(int images, int classes, int[] teacherTop, int[] studentTop, bool[] teacher, bool[] student)
    {
        ImageCount = images;
        ClassCount = classes;
        TeacherTop = teacherTop;
        StudentTop = studentTop;
        Teacher = teacher;
        Student = student;
    }

    public int ImageCount { get; }

    public int ClassCount { get; }

    /// <summary>The teacher's top class per image (first on ties).</summary>
    public int[] TeacherTop { get; }

    /// <summary>The student's top class per image (argmax of the logits, first on ties, as <see cref="StudentEnsemble.PredictLabels(FloatMatrix)"/>).</summary>
    public int[] StudentTop { get; }

    /// <summary>Row-major N × K: the teacher says class k about image n.</summary>
    public bool[] Teacher { get; }

    /// <summary>Row-major N × K: the student says class k about image n.</summary>
    public bool[] Student { get; }

    /// <summary>
    /// Single-label teachers: each model says its top class. Multi-label teachers: the teacher says k when its probability
    /// is ≥ threshold, the student when <c>σ(logit)</c> is (computed as <see cref="StudentEnsemble.PredictProbabilities(FloatMatrix)"/> does).
    /// </summary>
    public static Decisions Compute(FloatMatrix logits, TeacherOutputs aligned, float threshold)
    {
        var (n, k) = (logits.Rows, logits.Columns);
        var teacherTop = aligned.PredictedLabels.ToArray();
        var studentTop = new int[n];
        for (var i = 0; i < n; i++)
        {
            studentTop[i] = TensorPrimitives.IndexOfMax(logits.Row(i));
        }
        var teacher = new bool[n * k];
        var student = new bool[n * k];
        if (!aligned.MultiLabel)
        {
            for (var i = 0; i < n; i++)
            {
                teacher[i * k + teacherTop[i]] = true;
                student[i * k + studentTop[i]] = true;
            }
        }
        else
        {
            var probabilities = logits.Copy();
            TensorPrimitives.Sigmoid(probabilities.AsSpan(), probabilities.AsSpan());
            var p = probabilities.AsSpan();
            var y = aligned.Probabilities.AsSpan();
            for (var i = 0; i < p.Length; i++)
            {
                teacher[i] = y[i] >= threshold;
                student[i] = p[i] >= threshold;
            }
        }
        return new Decisions(n, k, teacherTop, studentTop, teacher, student);
    }

    /// <summary>Which subset image n falls in for class k.</summary>
    public SubsetKind KindOf(int image, int cls)
    {
        var at = image * ClassCount + cls;
        return (Teacher[at], Student[at]) switch
        {
            (true, true) => SubsetKind.AgreePositive,
            (true, false) => SubsetKind.TeacherOnly,
            (false, true) => SubsetKind.StudentOnly,
            _ => SubsetKind.AgreeNegative,
        };
    }
}
