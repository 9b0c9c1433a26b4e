namespace InFiConD.Analysis;

/// <summary>One class in two reports: agreement and the two disagreement counts, before and after.</summary>
/// <param name="ClassName">The class.</param>
/// <param name="AgreementBefore">Fraction of images where student and teacher agree about the class, before.</param>
/// <param name="AgreementAfter">The same, after.</param>
/// <param name="TeacherOnlyBefore">Images the teacher calls the class and the student does not, before.</param>
/// <param name="TeacherOnlyAfter">The same, after.</param>
/// <param name="StudentOnlyBefore">Images the student calls the class and the teacher does not, before.</param>
/// <param name="StudentOnlyAfter">The same, after.</param>
public sealed record ClassComparison(string ClassName, double AgreementBefore, double AgreementAfter, int TeacherOnlyBefore, int TeacherOnlyAfter, int StudentOnlyBefore, int StudentOnlyAfter);
