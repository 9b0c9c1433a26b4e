namespace InFiConD.Analysis;

/// <summary>
/// A (class, concept) reliance a person should look at: the student of the class weighs the concept, the student's errors
/// (or disagreements with the teacher, without ground truth) about the class concentrate where the concept is present, and
/// taking the concept out would change the analysed images' accuracy by <see cref="ProposedFix"/>'s gain.
/// </summary>
/// <remarks>
/// Candidates are every (class, concept) with a non-zero weight. The test is the one-sided Fisher exact test that the
/// counted images (<see cref="Evidence"/>) are over-represented among those where the concept is present, adjusted over
/// <see cref="Tests"/> candidates by Holm's method. Of the positively associated candidates, the 2 ×
/// <see cref="MisalignmentOptions.TopSuspects"/> with the smallest p-values get estimated fixes; they are ranked by evidence,
/// not by lift: significant ones first, by the proposed fix's gain; then the others by adjusted p-value.
/// </remarks>
/// <param name="Rank">1-based position in <see cref="MisalignmentReport.Suspects"/>.</param>
/// <param name="ClassIndex">Class k.</param>
/// <param name="ClassName">The class.</param>
/// <param name="ConceptIndex">Column j of the concept scores.</param>
/// <param name="ConceptName">The concept.</param>
/// <param name="Weight">The student's weight (standardised units).</param>
/// <param name="WeightRank">1 for the class's largest weight by magnitude, 2 for the next, …</param>
/// <param name="Weights">The class's non-zero weights.</param>
/// <param name="MeanContribution">The concept's mean contribution to the class's logit on the images where it is present.</param>
/// <param name="Evidence">What the test counts.</param>
/// <param name="PresentCount">Analysed images where the concept is present.</param>
/// <param name="PresentHits">Of those, images counted (<see cref="Evidence"/>).</param>
/// <param name="AbsentCount">The other images.</param>
/// <param name="AbsentHits">Of those, images counted.</param>
/// <param name="PValue">One-sided Fisher exact p-value.</param>
/// <param name="AdjustedPValue">Holm-adjusted over <paramref name="Tests"/> candidates.</param>
/// <param name="Tests">Candidates tested.</param>
/// <param name="IsSignificant">Whether the adjusted p-value is at most <see cref="MisalignmentOptions.SignificanceLevel"/> and the
/// proposed fix is estimated to set right, net, at least <see cref="MisalignmentOptions.MinimumSupport"/> images (a concept that
/// marks one class's look-alikes goes with that class's errors too, but taking it away fixes a stray image or two).</param>
/// <param name="Fixes">Removing the concept from this class and, when other classes use it too, from all of them.</param>
/// <param name="ProposedFix">The fix with the larger gain (the narrower one on a tie).</param>
/// <param name="Sentence">The suspect in plain words.</param>
/// <param name="SentenceMarkdown">The same with the concept and class emphasised in Markdown.</param>
public sealed record SuspectedShortcut(
    int Rank,
    int ClassIndex,
    string ClassName,
    int ConceptIndex,
    string ConceptName,
    double Weight,
    int WeightRank,
    int Weights,
    double MeanContribution,
    SuspectEvidence Evidence,
    int PresentCount,
    int PresentHits,
    int AbsentCount,
    int AbsentHits,
    double PValue,
    double AdjustedPValue,
    int Tests,
    bool IsSignificant,
    IReadOnlyList<SuspectFix> Fixes,
    SuspectFix ProposedFix,
    string Sentence,
    string SentenceMarkdown)
{
    /// <summary>Rate of counted images where the concept is present.</summary>
    public double PresentRate => PresentCount == 0 ? 0 : (double)PresentHits / PresentCount;

    /// <summary>Rate of counted images elsewhere.</summary>
    public double AbsentRate => AbsentCount == 0 ? 0 : (double)AbsentHits / AbsentCount;
}
