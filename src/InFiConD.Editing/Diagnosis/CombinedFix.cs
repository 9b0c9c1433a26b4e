namespace InFiConD.Editing;

/// <summary>
/// Every confirmed finding's proposed fix applied together, measured with one refit (a preview: nothing was kept). A
/// shortcut is rarely alone — each class may lean on its own cue — and fixes interact in the refit, so their sum is not
/// predicted from the single fixes: it is measured.
/// </summary>
/// <param name="Edits">The proposals' edits, in the order of the suspects they fix, ready for
/// <see cref="EditSession.EditAsync(IReadOnlyList{ConceptEdit}, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>.</param>
/// <param name="Refit">The refit's summary.</param>
/// <param name="Splits">Before and after on every split, the training images first.</param>
/// <param name="Split">The analysed split, whose change is <see cref="Gain"/>.</param>
/// <param name="Sentence">The combination and its effect on every split, in plain words.</param>
public sealed record CombinedFix(IReadOnlyList<ConceptEdit> Edits, string Refit, IReadOnlyList<SplitOutcome> Splits, string Split, string Sentence)
{
    /// <summary>The measured change on the analysed split: accuracy when it has ground truth, else agreement with the teacher.</summary>
    public double Gain => Splits.First(s => s.Split == Split) is var outcome && outcome.AccuracyChange is { } accuracy ? accuracy : outcome.AgreementChange;
}
