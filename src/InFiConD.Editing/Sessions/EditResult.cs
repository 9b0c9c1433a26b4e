namespace InFiConD.Editing;

/// <summary>
/// What <see cref="EditSession.ApplyAsync(IReadOnlyList{ConceptEdit}, int, IProgress{EditProgress}?, CancellationToken)"/>
/// produced: the new version (now the session's current one) and its provenance entry, which holds the edits, the
/// intervals, the changed rows and the metrics before and after. Serialise <see cref="Entry"/> to ship the result as JSON.
/// </summary>
/// <param name="Version">The new version.</param>
public sealed record EditResult(SessionVersion Version)
{
    /// <summary>The provenance entry written for the edit.</summary>
    public ProvenanceEntry Entry => Version.Entry!;

    /// <summary>The new version's id.</summary>
    public string VersionId => Version.Id;

    /// <summary>The new students.</summary>
    public InFiConD.Students.StudentEnsemble Students => Version.Students;

    /// <summary>Metrics of the version the edits were applied to.</summary>
    public EditMetrics Before => Entry.MetricsBefore;

    /// <summary>Metrics of the new version.</summary>
    public EditMetrics After => Entry.MetricsAfter;
}
