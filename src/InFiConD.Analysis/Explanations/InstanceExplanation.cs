using System.Numerics.Tensors;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>
/// Why the student decided what it did about one image: the concept decomposition of the student's logit for its own top
/// class and for the teacher's top class (the same class when they agree).
/// </summary>
/// <param name="ImageId">The image.</param>
/// <param name="ImageIndex">Its row in the concept scores.</param>
/// <param name="Agree">Whether the student's top class is the teacher's.</param>
/// <param name="Student">The student's top class (argmax of its logits, first on ties, as <see cref="StudentEnsemble.PredictLabels(FloatMatrix)"/>), decomposed.</param>
/// <param name="Teacher">The teacher's top class, decomposed with the student's weights for that class.</param>
public sealed record InstanceExplanation(string ImageId, int ImageIndex, bool Agree, ClassExplanation Student, ClassExplanation Teacher)
{
    /// <summary>The split the image belongs to, when the explanation came from a session; <see langword="null"/> otherwise.</summary>
    public string? Split { get; init; }

    /// <summary>The version whose students were explained, when the explanation came from a session; <see langword="null"/> otherwise.</summary>
    public string? VersionId { get; init; }

    /// <summary>The image's true class decomposed with the students' weights for it, when the ground truth is known; <see langword="null"/> otherwise.</summary>
    public ClassExplanation? Truth { get; init; }

    /// <summary>The same explanation with the image's true class decomposed too (<see cref="Truth"/>).</summary>
    /// <param name="students">The students that were explained.</param>
    /// <param name="scores">The concept scores that hold the image.</param>
    /// <param name="teacher">The teacher's outputs, containing the image.</param>
    /// <param name="trueClass">The image's true class index.</param>
    /// <returns>The explanation with <see cref="Truth"/> set.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trueClass"/> is not a class.</exception>
    public InstanceExplanation WithTruth(StudentEnsemble students, ConceptScores scores, TeacherOutputs teacher, int trueClass) =>
        this with { Truth = ForClass(students, scores, teacher, ImageIndex, trueClass) };

    /// <summary>Decomposes any class's logit for one image: the concepts that push the student towards or away from it.</summary>
    /// <param name="students">The students.</param>
    /// <param name="scores">Concept scores containing the image.</param>
    /// <param name="teacher">The teacher's outputs, containing the image.</param>
    /// <param name="imageIndex">The image's row.</param>
    /// <param name="classIndex">The class to explain.</param>
    /// <returns>The class's contributions, bias, logit and probabilities.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row or the class is out of range.</exception>
    /// <exception cref="ArgumentException">The image has no teacher output, or concepts or classes do not line up.</exception>
    public static ClassExplanation ForClass(StudentEnsemble students, ConceptScores scores, TeacherOutputs teacher, int imageIndex, int classIndex)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)imageIndex, (uint)scores.ImageCount, nameof(imageIndex));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)classIndex, (uint)students.ClassCount, nameof(classIndex));
        InputChecks.SameConcepts(students, scores, nameof(scores));
        InputChecks.SameClasses(students, teacher, nameof(teacher));
        var raw = scores.Row(imageIndex);
        var probability = teacher.AlignTo([scores.ImageIds[imageIndex]]).Probabilities.Row(0)[classIndex];
        return Explain(students, raw, Standardize(students, raw), classIndex, probability);
    }

    /// <summary>Explains the image with id <paramref name="imageId"/>.</summary>
    /// <param name="students">The students (their concepts must be the scores' columns, their classes the teacher's).</param>
    /// <param name="scores">Concept scores containing the image.</param>
    /// <param name="teacher">The teacher's outputs, containing the image.</param>
    /// <param name="imageId">The image id (ordinal match).</param>
    /// <exception cref="ArgumentException">The id is not in the scores or the teacher's outputs, or concepts or classes do not line up.</exception>
    public static InstanceExplanation For(StudentEnsemble students, ConceptScores scores, TeacherOutputs teacher, string imageId)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(imageId);
        var index = scores.IndexOfImage(imageId);
        if (index < 0)
        {
            throw new ArgumentException($"Image '{imageId}' is not in the concept scores ({scores.ImageCount} images).", nameof(imageId));
        }
        return For(students, scores, teacher, index);
    }

    /// <summary>Explains the image in row <paramref name="imageIndex"/> of the scores.</summary>
    /// <param name="students">The students (their concepts must be the scores' columns, their classes the teacher's).</param>
    /// <param name="scores">Concept scores.</param>
    /// <param name="teacher">The teacher's outputs, containing the image.</param>
    /// <param name="imageIndex">The row, 0 ≤ index &lt; N.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="imageIndex"/> is outside the scores.</exception>
    /// <exception cref="ArgumentException">The image has no teacher output, or concepts or classes do not line up.</exception>
    public static InstanceExplanation For(StudentEnsemble students, ConceptScores scores, TeacherOutputs teacher, int imageIndex)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacher);
        if ((uint)imageIndex >= (uint)scores.ImageCount)
        {
            throw new ArgumentOutOfRangeException(nameof(imageIndex), imageIndex, $"The image index must be in [0, {scores.ImageCount}).");
        }
        InputChecks.SameConcepts(students, scores, nameof(scores));
        InputChecks.SameClasses(students, teacher, nameof(teacher));
        InputChecks.NotEmpty(scores, students, nameof(scores));
        var id = scores.ImageIds[imageIndex];
        var teacherRow = teacher.AlignTo([id]);
        var raw = scores.Row(imageIndex);
        var logits = students.Logits(FloatMatrix.FromValues(raw, 1, raw.Length));
        var studentClass = TensorPrimitives.IndexOfMax(logits.Row(0));
        var teacherClass = teacherRow.PredictedLabels[0];
        var z = Standardize(students, raw);
        var probabilities = teacherRow.Probabilities.Row(0);
        var student = Explain(students, raw, z, studentClass, probabilities[studentClass]);
        var teacherExplanation = teacherClass == studentClass ? student : Explain(students, raw, z, teacherClass, probabilities[teacherClass]);
        return new InstanceExplanation(id, imageIndex, studentClass == teacherClass, student, teacherExplanation);
    }

    /// <summary>z = (x − μ) · (1 / s), the same float operations as <see cref="Kernels.StandardizeColumns"/>.</summary>
    private static float[] Standardize(StudentEnsemble students, ReadOnlySpan<float> raw)
    {
        var scale = new float[raw.Length];
        var deviation = students.ConceptDeviation;
        for (var j = 0; j < scale.Length; j++)
        {
            scale[j] = deviation[j] == 0f ? 0f : 1f / deviation[j];
        }
        var z = new float[raw.Length];
        TensorPrimitives.Subtract(raw, students.ConceptMean, z);
        TensorPrimitives.Multiply(z, scale, z);
        return z;
    }

    private static ClassExplanation Explain(StudentEnsemble students, ReadOnlySpan<float> raw, float[] z, int cls, float teacherProbability)
    {
        var weights = students.StandardizedWeights(cls);
        var contributions = new List<ConceptContribution>();
        double logit = students.Bias(cls);
        for (var j = 0; j < weights.Length; j++)
        {
            if (weights[j] != 0f)
            {
                var contribution = (double)weights[j] * z[j];
                logit += contribution;
                contributions.Add(new ConceptContribution(j, students.ConceptNames[j], raw[j], z[j], weights[j], contribution));
            }
        }
        return new ClassExplanation(cls, students.ClassNames[cls], students.Bias(cls), logit, Kernels.Sigmoid(logit), teacherProbability, contributions.ToArray());
    }
}
