namespace InFiConD.Editing;

/// <summary>
/// One change of an <see cref="EditSession"/>'s current version, as raised by <see cref="EditSession.Changed"/>: the
/// version before, the version after and what caused it. Consecutive changes chain: each one's
/// <see cref="Previous"/> is the one before's <see cref="Current"/>.
/// </summary>
public sealed class SessionChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments (the session creates them; public so that handlers can be tested alone).</summary>
    /// <param name="kind">What caused the change.</param>
    /// <param name="previous">The version that was current before.</param>
    /// <param name="current">The version current after.</param>
    public SessionChangedEventArgs(SessionChangeKind kind, SessionVersion previous, SessionVersion current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        Kind = kind;
        Previous = previous;
        Current = current;
    }

    /// <summary>What caused the change.</summary>
    public SessionChangeKind Kind { get; }

    /// <summary>The version that was current before the change.</summary>
    public SessionVersion Previous { get; }

    /// <summary>The version current after the change (the session may have moved on by the time a handler runs).</summary>
    public SessionVersion Current { get; }

    /// <summary><see cref="Previous"/>'s id.</summary>
    public string PreviousId => Previous.Id;

    /// <summary><see cref="Current"/>'s id.</summary>
    public string CurrentId => Current.Id;
}
