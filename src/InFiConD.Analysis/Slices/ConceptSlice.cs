namespace InFiConD.Analysis;

/// <summary>
/// A concept-described slice: how often the student and teacher disagree about one class in a given way among the
/// images where one concept is present (high), against the other images.
/// </summary>
/// <remarks>
/// <para><b>High images.</b> Let <c>m = ⌈HighFraction · N⌉</c> and <c>t</c> the m-th largest raw score of the concept. The
/// high images are those scoring ≥ t, so images with equal scores are always treated alike (the group can exceed m when
/// scores tie at t). When t is the concept's smallest score (for example more than 80 % of scores clamped to 0), the
/// high images are those scoring &gt; t instead. A concept with no high images, or with every image high, has no slices.</para>
/// <para><b>Statistics.</b> <c>HighRate = HighHits / HighCount</c>, <c>RestRate = RestHits / RestCount</c>,
/// <c>Lift = HighRate / OverallRate</c> with <c>OverallRate = (HighHits + RestHits) / N</c> (association-rule lift:
/// finite, at most <c>N / HighCount</c>). Only slices with <c>Lift &gt; 1</c> and at least
/// <see cref="MisalignmentOptions.MinimumSupport"/> high hits are reported. <c>PValue</c> is the one-sided Fisher exact
/// test of "disagreement is more frequent among high images": <c>P(X ≥ HighHits)</c> for X hypergeometric with N images,
/// <c>HighHits + RestHits</c> disagreements and <c>HighCount</c> draws. It is not corrected for the many slices tested;
/// <c>AdjustedPValue = min(1, PValue · Tests)</c> (Bonferroni) is.</para>
/// </remarks>
/// <param name="ConceptIndex">Column j of the concept scores.</param>
/// <param name="ConceptName">The concept.</param>
/// <param name="ClassIndex">Class k.</param>
/// <param name="ClassName">The class.</param>
/// <param name="Kind"><see cref="SubsetKind.TeacherOnly"/> or <see cref="SubsetKind.StudentOnly"/>: which disagreement.</param>
/// <param name="Threshold">The raw score t that defines the high images.</param>
/// <param name="HighCount">Images where the concept is high.</param>
/// <param name="HighHits">Of those, images with the disagreement.</param>
/// <param name="RestCount">The other images.</param>
/// <param name="RestHits">Of those, images with the disagreement.</param>
/// <param name="HighRate">Disagreement rate among high images.</param>
/// <param name="RestRate">Disagreement rate among the other images.</param>
/// <param name="Lift">High rate over the overall rate.</param>
/// <param name="PValue">One-sided Fisher exact p-value.</param>
/// <param name="AdjustedPValue">Bonferroni-adjusted p-value over <paramref name="Tests"/> tests.</param>
/// <param name="Tests">Slices tested in the report (the Bonferroni factor).</param>
/// <param name="Sentence">The slice in words, for a non-expert (plain text).</param>
/// <param name="SentenceMarkdown">The same sentence with the concept and the class emphasised in Markdown.</param>
public sealed record ConceptSlice(
    int ConceptIndex,
    string ConceptName,
    int ClassIndex,
    string ClassName,
    SubsetKind Kind,
    float Threshold,
    int HighCount,
    int HighHits,
    int RestCount,
    int RestHits,
    double HighRate,
    double RestRate,
    double Lift,
    double PValue,
    double AdjustedPValue,
    int Tests,
    string Sentence,
    string SentenceMarkdown)
{
    /// <summary>
    /// The sentence for a slice: "When water is present, the student says boat where the teacher does not in 31% of images
    /// (4% otherwise)." (<see cref="SubsetKind.StudentOnly"/>), or "… the teacher says boat where the student does not …"
    /// (<see cref="SubsetKind.TeacherOnly"/>). Rates are whole percentages; below 1 % reads "under 1%", above 99 % (but not
    /// all) "over 99%", none "none", all "all N"; groups of fewer than <see cref="SmallGroup"/> images are given as
    /// counts ("3 of 7").
    /// </summary>
    /// <param name="conceptName">The concept.</param>
    /// <param name="className">The class.</param>
    /// <param name="kind"><see cref="SubsetKind.TeacherOnly"/> or <see cref="SubsetKind.StudentOnly"/>.</param>
    /// <param name="highHits">Disagreeing images among the high ones.</param>
    /// <param name="highCount">High images (≥ <paramref name="highHits"/>).</param>
    /// <param name="restHits">Disagreeing images among the others.</param>
    /// <param name="restCount">Other images (≥ <paramref name="restHits"/>).</param>
    /// <param name="markdown">Emphasise the concept and class with <c>*…*</c> (Markdown), escaping asterisks in the names.</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a disagreement, or a count is negative or exceeds its group.</exception>
    public static string Describe(string conceptName, string className, SubsetKind kind, int highHits, int highCount, int restHits, int restCount, bool markdown = false) =>
        SliceSentence.Describe(conceptName, className, kind, highHits, highCount, restHits, restCount, markdown);

    /// <summary>Groups smaller than this are described with counts ("3 of 7 images") rather than percentages.</summary>
    public const int SmallGroup = 20;
}
