namespace InFiConD.Editing;

/// <summary>Where an edit is, as reported by <see cref="EditProgress.Stage"/>.</summary>
public enum EditStage
{
    /// <summary>Waiting for the session's lock (another edit, preview or move is running).</summary>
    Queued,

    /// <summary>The lock is held: the expected version is checked and the edits are resolved to intervals.</summary>
    Planning,

    /// <summary>One solver iteration of the refit (one report per iteration).</summary>
    Refitting,

    /// <summary>The provenance entry is written and the new version is current; a cancellation now comes too late.</summary>
    Committed,
}
