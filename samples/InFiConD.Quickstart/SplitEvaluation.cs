namespace InFiConD.Quickstart;

/// <summary>How the teacher and each version of the students do on one held-out split.</summary>
/// <param name="Split">test or shifted.</param>
/// <param name="Images">Images evaluated.</param>
/// <param name="TeacherAccuracy">The teacher's ground-truth accuracy.</param>
/// <param name="StudentAccuracy">The students' ground-truth accuracy per version (v0 = before any edit).</param>
/// <param name="Fidelity">Top-1 agreement of students and teacher per version.</param>
internal sealed record SplitEvaluation(string Split, int Images, double TeacherAccuracy, IReadOnlyList<double> StudentAccuracy, IReadOnlyList<double> Fidelity)
{
    /// <summary>Accuracy before any edit.</summary>
    public double StudentAccuracyBefore => StudentAccuracy[0];

    /// <summary>Accuracy after the last edit.</summary>
    public double StudentAccuracyAfter => StudentAccuracy[^1];

    /// <summary>Agreement with the teacher before any edit.</summary>
    public double FidelityBefore => Fidelity[0];

    /// <summary>Agreement with the teacher after the last edit.</summary>
    public double FidelityAfter => Fidelity[^1];
}
