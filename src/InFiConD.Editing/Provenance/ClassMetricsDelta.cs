namespace InFiConD.Editing;

/// <summary>How one class's agreement and misaligned subsets changed between two versions (second minus first).</summary>
/// <param name="ClassName">The class.</param>
/// <param name="AgreementDelta">Change of the per-class agreement.</param>
/// <param name="TeacherOnlyDelta">Change of the teacher-only subset size.</param>
/// <param name="StudentOnlyDelta">Change of the student-only subset size.</param>
public sealed record ClassMetricsDelta(string ClassName, double AgreementDelta, int TeacherOnlyDelta, int StudentOnlyDelta);
