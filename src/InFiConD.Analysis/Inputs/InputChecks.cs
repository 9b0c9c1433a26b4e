using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>The checks every analysis makes on its inputs, with messages that say what to fix.</summary>
internal static class InputChecks
{
    /// <summary>The students' concepts must be the scores' columns, in order.</summary>
    public static void SameConcepts(StudentEnsemble students, ConceptScores scores, string paramName) =>
        SameNames(students.ConceptNames, scores.ConceptNames, "concepts", "students", "scores", paramName,
            "score the images with the concept bank the students were fitted on");

    /// <summary>The students' classes must be the teacher's, in order.</summary>
    public static void SameClasses(StudentEnsemble students, TeacherOutputs teacher, string paramName) =>
        SameNames(students.ClassNames, teacher.ClassNames, "classes", "students", "teacher", paramName,
            "fit the students on this teacher's outputs");

    /// <summary>The teacher's rows in the scores' image order (the teacher may cover more images).</summary>
    public static TeacherOutputs Align(TeacherOutputs teacher, ConceptScores scores) => teacher.AlignTo(scores.ImageIds);

    /// <summary>At least one image and one class.</summary>
    public static void NotEmpty(ConceptScores scores, StudentEnsemble students, string paramName)
    {
        if (scores.ImageCount == 0 || students.ClassCount == 0)
        {
            throw new ArgumentException($"The analysis needs at least one image and one class; got {scores.ImageCount} images and {students.ClassCount} classes.", paramName);
        }
    }

    /// <summary>Ground-truth labels as class indices, one per image, each in [0, K).</summary>
    public static int[] GroundTruth(IReadOnlyList<int> labels, int images, int classes, string paramName)
    {
        if (labels.Count != images)
        {
            throw new ShapeMismatchException(paramName, $"{images} labels (one per row of the concept scores)", $"{labels.Count} labels");
        }
        var result = new int[images];
        for (var n = 0; n < images; n++)
        {
            if ((uint)labels[n] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(paramName, labels[n], $"Ground-truth label of row {n} is {labels[n]}; labels must be class indices in [0, {classes}).");
            }
            result[n] = labels[n];
        }
        return result;
    }

    /// <summary>Ground-truth labels as class names (ordinal match), one per image.</summary>
    public static int[] GroundTruth(IReadOnlyList<string> labels, IReadOnlyList<string> classNames, int images, string paramName)
    {
        if (labels.Count != images)
        {
            throw new ShapeMismatchException(paramName, $"{images} labels (one per row of the concept scores)", $"{labels.Count} labels");
        }
        var index = new Dictionary<string, int>(classNames.Count, StringComparer.Ordinal);
        for (var k = 0; k < classNames.Count; k++)
        {
            index[classNames[k]] = k;
        }
        var result = new int[images];
        for (var n = 0; n < images; n++)
        {
            if (labels[n] is null || !index.TryGetValue(labels[n], out result[n]))
            {
                throw new ArgumentException($"Ground-truth label of row {n} is '{labels[n]}', which is not one of the {classNames.Count} classes ({Preview(classNames)}).", paramName);
            }
        }
        return result;
    }

    private static void SameNames(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string plural, string expectedOwner, string actualOwner, string paramName, string fix)
    {
        var common = Math.Min(expected.Count, actual.Count);
        for (var i = 0; i < common; i++)
        {
            if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
            {
                throw new ArgumentException($"The {plural} of the {actualOwner} differ from those of the {expectedOwner} at position {i}: '{actual[i]}' where the {expectedOwner} have '{expected[i]}'; {fix}.", paramName);
            }
        }
        if (expected.Count != actual.Count)
        {
            throw new ArgumentException($"The {actualOwner} have {actual.Count} {plural} and the {expectedOwner} have {expected.Count}; {fix}.", paramName);
        }
    }

    private static string Preview(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(5).Select(n => $"'{n}'")) + (names.Count > 5 ? ", …" : "");
}
