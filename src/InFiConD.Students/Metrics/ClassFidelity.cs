namespace InFiConD.Students;

/// <summary>
/// How one class's student agrees with the teacher, treating the teacher's decisions as the truth. An image
/// counts for class k when it is the top class (single-label teachers) or when its probability reaches 0.5
/// (multi-label teachers); the same rule, applied to the student's logits, gives the student's decisions.
/// </summary>
/// <param name="ClassName">The class.</param>
/// <param name="Support">Images the teacher assigns to the class.</param>
/// <param name="Agreement">Fraction of those images the student also assigns to the class: the per-class
/// agreement, identical to <paramref name="Recall"/> (0 when <paramref name="Support"/> is 0).</param>
/// <param name="Precision">Fraction of the images the student assigns to the class that the teacher also assigns
/// to it (0 when <paramref name="StudentCount"/> is 0).</param>
/// <param name="Recall">Fraction of the teacher's images of the class that the student also assigns to it (0 when
/// <paramref name="Support"/> is 0).</param>
/// <param name="F1">Computes <c>2·P·R / (P + R)</c>; 0 when both are 0.</param>
/// <param name="StudentCount">Images the student assigns to the class.</param>
public sealed record ClassFidelity(string ClassName, int Support, double Agreement, double Precision, double Recall, double F1, int StudentCount)
{
    /// <summary>Derives the rates from the counts; undefined rates (an empty denominator) are 0, as scikit-learn's <c>zero_division=0</c>.</summary>
    internal static ClassFidelity FromCounts(string className, int support, int studentCount, int both)
    {
        var precision = studentCount == 0 ? 0 : (double)both / studentCount;
        var recall = support == 0 ? 0 : (double)both / support;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassFidelity(className, support, recall, precision, recall, f1, studentCount);
    }
}
