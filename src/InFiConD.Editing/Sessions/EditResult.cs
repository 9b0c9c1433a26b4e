using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// What <see cref="EditSession.EditAsync(IReadOnlyList{ConceptEdit}, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>
/// produced: the new version (now the session's current one) and its provenance entry, which holds the edits, the
/// intervals, the changed rows and the metrics before and after, and the edit's effect on every split of the session.
/// In JSON the result is <c>{"version", "splits"}</c>: the members derived from the version (entry, id, students,
/// metrics) are written once, inside <c>version</c>. Only a session makes results, so they are written, not read.
/// </summary>
/// <param name="Version">The new version.</param>
public sealed record EditResult(SessionVersion Version)
{
    /// <summary>The provenance entry written for the edit.</summary>
    [JsonIgnore] // Version's, written there
    public ProvenanceEntry Entry => Version.Entry!;

    /// <summary>The new version's id.</summary>
    [JsonIgnore] // Version's, written there
    public string VersionId => Version.Id;

    /// <summary>The new students.</summary>
    [JsonIgnore] // Version's, written there
    public InFiConD.Students.StudentEnsemble Students => Version.Students;

    /// <summary>Metrics of the version the edits were applied to.</summary>
    [JsonIgnore] // Version's, written there
    public EditMetrics Before => Entry.MetricsBefore;

    /// <summary>Metrics of the new version.</summary>
    [JsonIgnore] // Version's, written there
    public EditMetrics After => Entry.MetricsAfter;

    /// <summary>
    /// The edit's effect on every split of the session, the training split first: metrics before and after, and the
    /// images whose student prediction changed.
    /// </summary>
    public IReadOnlyList<SplitOutcome> Splits { get; init; } = [];

    /// <summary>
    /// True when the edit's cancellation token was cancelled (or the session disposed) after its entry was logged: the
    /// cancellation came too late to stop it, the edit is committed and this is its version. Undo it to take it back.
    /// </summary>
    public bool CancellationTooLate { get; init; }

    /// <summary>The edit's effect on one split.</summary>
    /// <param name="split">The split's name.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The session has no split of that name (its splits are listed).</exception>
    public SplitOutcome On(string split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return Splits.FirstOrDefault(s => s.Split == split)
            ?? throw new ArgumentException($"The edit has no result for split '{split}'; the session's splits are {string.Join(", ", Splits.Select(s => $"'{s.Split}'"))}.", nameof(split));
    }
}
