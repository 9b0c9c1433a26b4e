using InFiConD.Analysis;

namespace InFiConD.Editing;

/// <summary>
/// A suspect's fix confirmed by a real refit (a preview: nothing was kept): the edits, how the refit went, and what it did on
/// every split.
/// </summary>
/// <param name="Scope">Which students the edits touch.</param>
/// <param name="ConceptName">The concept removed.</param>
/// <param name="ClassNames">The classes whose weight on the concept the report saw as non-zero.</param>
/// <param name="Edits">The edits, ready for <see cref="EditSession.EditAsync(IReadOnlyList{ConceptEdit}, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>.</param>
/// <param name="Refit">The refit's summary (method, iterations, convergence).</param>
/// <param name="Splits">Before and after on every split, the training images first.</param>
/// <param name="Split">The analysed split, whose change is <see cref="Gain"/>.</param>
/// <param name="Estimate">The report's estimate of the same fix without refitting.</param>
public sealed record MeasuredFix(
    FixScope Scope,
    string ConceptName,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<ConceptEdit> Edits,
    string Refit,
    IReadOnlyList<SplitOutcome> Splits,
    string Split,
    SuspectFix Estimate)
{
    /// <summary>The outcome on one split.</summary>
    /// <param name="split">The split's name.</param>
    /// <exception cref="ArgumentException">There is no such split.</exception>
    public SplitOutcome On(string split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return Splits.FirstOrDefault(s => s.Split == split)
            ?? throw new ArgumentException($"The fix was measured on {string.Join(", ", Splits.Select(s => $"'{s.Split}'"))}, not on '{split}'.", nameof(split));
    }

    /// <summary>The measured change on the analysed split: accuracy when it has ground truth, else agreement with the teacher.</summary>
    public double Gain => On(Split) is var outcome && outcome.AccuracyChange is { } accuracy ? accuracy : On(Split).AgreementChange;
}
