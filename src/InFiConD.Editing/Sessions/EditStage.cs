namespace InFiConD.Editing;

/// <summary>Where an edit is, as reported by <see cref="EditProgress.Stage"/>.</summary>
public enum EditStage
{
    /// <summary>Waiting for the session's lock (another edit, preview or move is running).</summary>
    Queued,

    /// <summary>
    /// The lock is held and the expected version was current (a stale one is refused before this report); the edits are now
    /// resolved to intervals, which is where an <see cref="InvalidEditException"/> comes from.
    /// </summary>
    Planning,

    /// <summary>
    /// One solver iteration of the refit (one report per iteration). From the first of these on, the edit can no longer fail
    /// with <see cref="StaleVersionException"/> or <see cref="InvalidEditException"/>: a server may start its response here.
    /// </summary>
    Refitting,

    /// <summary>The provenance entry is written and the new version is current; a cancellation now comes too late.</summary>
    Committed,
}
