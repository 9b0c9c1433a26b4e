namespace InFiConD.Editing;

/// <summary>The light history list a UI shows: one <see cref="ProvenanceEntrySummary"/> per version.</summary>
public static class HistorySummaryExtensions
{
    /// <summary>
    /// Summaries of every version of the session, the base students first, then the log's entries in the order they
    /// were written (so a parent always comes before its children).
    /// </summary>
    /// <param name="session">The session.</param>
    /// <returns>One summary per version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
    public static IReadOnlyList<ProvenanceEntrySummary> HistorySummary(this EditSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var entries = session.Log.Entries.ToArray(); // a snapshot: an edit may append while the list is built
        var summaries = new ProvenanceEntrySummary[entries.Length + 1];
        summaries[0] = ProvenanceEntrySummary.Root(session.MetricsAt(ProvenanceLog.RootId, session.Training.Name));
        for (var i = 0; i < entries.Length; i++)
        {
            summaries[i + 1] = ProvenanceEntrySummary.From(entries[i]);
        }
        return summaries;
    }

    /// <summary>
    /// The history as a tree rooted at the base students: every version under its parent, branches in the order they were
    /// made, the current version marked — what "from v0" in a list leaves the reader to work out.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <returns>The root (the base students).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
    public static HistoryNode HistoryTree(this EditSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var current = session.Current.Id;
        var summaries = session.HistorySummary();
        var children = summaries.Skip(1).ToLookup(s => s.ParentId ?? ProvenanceLog.RootId, StringComparer.Ordinal);
        // Parents come before their children in the log, so building from the last version back makes every child before
        // its parent, without recursion however long the history.
        var nodes = new Dictionary<string, HistoryNode>(StringComparer.Ordinal);
        for (var i = summaries.Count - 1; i >= 0; i--)
        {
            var summary = summaries[i];
            nodes[summary.VersionId] = new HistoryNode(summary, summary.VersionId == current, [.. children[summary.VersionId].Select(c => nodes[c.VersionId])]);
        }
        return nodes[summaries[0].VersionId];
    }

    /// <summary>Summaries of the log's entries, in the order they were written (the base students have no entry).</summary>
    /// <param name="log">The provenance log.</param>
    /// <returns>One summary per entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    public static IReadOnlyList<ProvenanceEntrySummary> Summaries(this ProvenanceLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.Entries.ToArray().Select(ProvenanceEntrySummary.From).ToArray();
    }
}
