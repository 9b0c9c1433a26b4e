namespace InFiConD.Editing;

/// <summary>The outcome of re-applying a path of logged edits to the base students.</summary>
/// <param name="VersionId">The version replayed to.</param>
/// <param name="Entries">Entries re-applied.</param>
/// <param name="Mismatches">Every difference from the log: an interval, a weight row or an intercept whose bits differ,
/// or a refit setting that changed. Empty when the replay reproduced the log exactly, in which case
/// <see cref="EditSession.StudentsAt"/> gives the replayed students' exact bits.</param>
public sealed record ReplayResult(string VersionId, int Entries, IReadOnlyList<string> Mismatches)
{
    /// <summary>True when every interval, weight and intercept matched the log bit for bit.</summary>
    public bool Identical => Mismatches.Count == 0;
}
