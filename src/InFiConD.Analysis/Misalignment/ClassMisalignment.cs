namespace InFiConD.Analysis;

/// <summary>
/// Where the student and the teacher agree and disagree about one class, which concepts drive the disagreements, and
/// which concept-described slices concentrate them.
/// </summary>
/// <param name="ClassIndex">Class k.</param>
/// <param name="ClassName">The class.</param>
/// <param name="AgreePositive">Images both call k.</param>
/// <param name="AgreeNegative">Images neither calls k.</param>
/// <param name="TeacherOnly">Images the teacher calls k and the student does not.</param>
/// <param name="StudentOnly">Images the student calls k and the teacher does not.</param>
/// <param name="Agreement">Computes <c>(|AgreePositive| + |AgreeNegative|) / N</c>.</param>
/// <param name="TeacherOnlyConcepts">Concepts that lower the student's logit for k on <paramref name="TeacherOnly"/> compared
/// with <paramref name="AgreePositive"/>, most negative difference first (empty when either subset is empty).</param>
/// <param name="StudentOnlyConcepts">Concepts that raise it on <paramref name="StudentOnly"/> compared with
/// <paramref name="AgreeNegative"/>, most positive difference first (empty when either subset is empty).</param>
/// <param name="TeacherOnlySlices">The best teacher-only slices of this class, most significant first (then by lift).</param>
/// <param name="StudentOnlySlices">The best student-only slices of this class, most significant first (then by lift).</param>
public sealed record ClassMisalignment(
    int ClassIndex,
    string ClassName,
    ImageSubset AgreePositive,
    ImageSubset AgreeNegative,
    ImageSubset TeacherOnly,
    ImageSubset StudentOnly,
    double Agreement,
    IReadOnlyList<ConceptContrast> TeacherOnlyConcepts,
    IReadOnlyList<ConceptContrast> StudentOnlyConcepts,
    IReadOnlyList<ConceptSlice> TeacherOnlySlices,
    IReadOnlyList<ConceptSlice> StudentOnlySlices)
{
    /// <summary>One of the four subsets.</summary>
    /// <param name="kind">Which.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public ImageSubset Subset(SubsetKind kind) => kind switch
    {
        SubsetKind.AgreePositive => AgreePositive,
        SubsetKind.AgreeNegative => AgreeNegative,
        SubsetKind.TeacherOnly => TeacherOnly,
        SubsetKind.StudentOnly => StudentOnly,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a subset kind."),
    };

    /// <summary>The concept ranking of a misaligned subset.</summary>
    /// <param name="misaligned"><see cref="SubsetKind.TeacherOnly"/> or <see cref="SubsetKind.StudentOnly"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="misaligned"/> is an agreeing subset.</exception>
    public IReadOnlyList<ConceptContrast> Concepts(SubsetKind misaligned) => misaligned switch
    {
        SubsetKind.TeacherOnly => TeacherOnlyConcepts,
        SubsetKind.StudentOnly => StudentOnlyConcepts,
        _ => throw new ArgumentOutOfRangeException(nameof(misaligned), misaligned, "Concept rankings exist for TeacherOnly and StudentOnly."),
    };

    /// <summary>The slices of a misaligned subset.</summary>
    /// <param name="misaligned"><see cref="SubsetKind.TeacherOnly"/> or <see cref="SubsetKind.StudentOnly"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="misaligned"/> is an agreeing subset.</exception>
    public IReadOnlyList<ConceptSlice> Slices(SubsetKind misaligned) => misaligned switch
    {
        SubsetKind.TeacherOnly => TeacherOnlySlices,
        SubsetKind.StudentOnly => StudentOnlySlices,
        _ => throw new ArgumentOutOfRangeException(nameof(misaligned), misaligned, "Slices exist for TeacherOnly and StudentOnly."),
    };
}
