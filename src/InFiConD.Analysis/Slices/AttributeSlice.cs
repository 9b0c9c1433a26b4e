namespace InFiConD.Analysis;

/// <summary>
/// A metadata-described slice: how often the student and the teacher disagree about one class in a given way among the
/// images whose metadata column <see cref="Attribute"/> holds <see cref="Value"/> (a manifest's extra column such as
/// <c>background</c> or <c>has_mark</c>), against the other images. The statistics are those of <see cref="ConceptSlice"/>,
/// with the group in place of the concept's high images; <see cref="AdjustedPValue"/> is Bonferroni-corrected over the
/// attribute slices tested.
/// </summary>
/// <param name="Attribute">The metadata column.</param>
/// <param name="Value">The value that defines the group.</param>
/// <param name="ClassIndex">Class k.</param>
/// <param name="ClassName">The class.</param>
/// <param name="Kind"><see cref="SubsetKind.TeacherOnly"/> or <see cref="SubsetKind.StudentOnly"/>.</param>
/// <param name="GroupCount">Images with the value.</param>
/// <param name="GroupHits">Of those, images with the disagreement.</param>
/// <param name="RestCount">The other images.</param>
/// <param name="RestHits">Of those, images with the disagreement.</param>
/// <param name="GroupRate">Disagreement rate in the group.</param>
/// <param name="RestRate">Disagreement rate among the others.</param>
/// <param name="Lift">Group rate over the overall rate.</param>
/// <param name="PValue">One-sided Fisher exact p-value.</param>
/// <param name="AdjustedPValue">Bonferroni-adjusted over <paramref name="Tests"/>.</param>
/// <param name="Tests">Attribute slices tested.</param>
/// <param name="Sentence">The slice in words: "When background is water, the student says boat where the teacher does not in 35% of images (none otherwise)."</param>
public sealed record AttributeSlice(
    string Attribute,
    string Value,
    int ClassIndex,
    string ClassName,
    SubsetKind Kind,
    int GroupCount,
    int GroupHits,
    int RestCount,
    int RestHits,
    double GroupRate,
    double RestRate,
    double Lift,
    double PValue,
    double AdjustedPValue,
    int Tests,
    string Sentence);
