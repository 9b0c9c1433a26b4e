namespace InFiConD.Editing;

/// <summary>One class's agreement with the teacher and the sizes of its misaligned subsets.</summary>
/// <param name="ClassName">The class.</param>
/// <param name="Support">Images the teacher assigns to the class.</param>
/// <param name="StudentCount">Images the student assigns to the class.</param>
/// <param name="Agreed">Images both assign to the class.</param>
/// <param name="Agreement">Computes <c>Agreed / Support</c> (the per-class agreement of <see cref="InFiConD.Students.ClassFidelity"/>); 0 when Support is 0.</param>
/// <param name="TeacherOnly">Images the teacher assigns to the class and the student does not: <c>Support − Agreed</c>.</param>
/// <param name="StudentOnly">Images the student assigns to the class and the teacher does not: <c>StudentCount − Agreed</c>.</param>
public sealed record ClassEditMetrics(string ClassName, int Support, int StudentCount, int Agreed, double Agreement, int TeacherOnly, int StudentOnly);
