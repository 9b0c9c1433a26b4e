namespace InFiConD.Editing;

/// <summary>
/// One version in the history tree a UI draws (branches included): its summary, whether it is the current version, and
/// the versions made from it, in the order they were made. Built by <see cref="HistorySummaryExtensions.HistoryTree"/>.
/// </summary>
/// <param name="Version">The version's summary (id, parent, edits, training metrics).</param>
/// <param name="IsCurrent">Whether the session is at this version.</param>
/// <param name="Children">The versions whose parent this is, oldest first.</param>
public sealed record HistoryNode(ProvenanceEntrySummary Version, bool IsCurrent, IReadOnlyList<HistoryNode> Children);
