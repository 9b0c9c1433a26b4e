namespace InFiConD.Editing;

public sealed partial class EditSession
{
    /// <summary>True when the current version has a parent to go back to.</summary>
    /// <remarks>Another caller may move the session between this check and an <see cref="Undo"/>: pass the version you
    /// checked as <c>expectedVersion</c> to make the pair safe.</remarks>
    public bool CanUndo => Current.ParentId is not null;

    /// <summary>True when the current version has a child to go forward to (<see cref="RedoTarget"/> is not null).</summary>
    public bool CanRedo => RedoTarget is not null;

    /// <summary>
    /// The id of the child <see cref="Redo"/> would make current: the one last undone from or created here, else the
    /// newest child; <see langword="null"/> when the current version has no children.
    /// </summary>
    public string? RedoTarget => RedoTargetOf(Current.Id);

    /// <summary>Makes the current version's parent current. The log keeps everything; <see cref="Redo"/> comes back.</summary>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <returns>The new current version.</returns>
    /// <exception cref="InvalidOperationException">The current version is the base students.</exception>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    /// <exception cref="AggregateException">A <see cref="Changed"/> handler threw; the move is done.</exception>
    public SessionVersion Undo(string? expectedVersion = null) => Move(SessionChangeKind.Undo, UndoTarget, expectedVersion);

    /// <summary>
    /// <see cref="Undo"/> without blocking the caller: waits for the session's lock asynchronously (behind a running
    /// edit, for example) and then undoes whatever is current, or, with <paramref name="expectedVersion"/>, only that.
    /// </summary>
    /// <param name="expectedVersion">The version the caller expects to be current once the lock is taken; <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>The new current version.</returns>
    /// <exception cref="InvalidOperationException">The current version is the base students.</exception>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting; nothing was done.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public Task<SessionVersion> UndoAsync(string? expectedVersion = null, CancellationToken cancellationToken = default) =>
        MoveAsync(SessionChangeKind.Undo, UndoTarget, expectedVersion, cancellationToken);

    /// <summary>
    /// Makes a child of the current version current: <see cref="RedoTarget"/>, the one last undone from or created
    /// here, else the newest child.
    /// </summary>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <returns>The new current version.</returns>
    /// <exception cref="InvalidOperationException">The current version has no children.</exception>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    /// <exception cref="AggregateException">A <see cref="Changed"/> handler threw; the move is done.</exception>
    public SessionVersion Redo(string? expectedVersion = null) => Move(SessionChangeKind.Redo, RedoTargetOrThrow, expectedVersion);

    /// <summary><see cref="Redo"/> without blocking the caller (see <see cref="UndoAsync"/>).</summary>
    /// <param name="expectedVersion">The version the caller expects to be current once the lock is taken; <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>The new current version.</returns>
    /// <exception cref="InvalidOperationException">The current version has no children.</exception>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting; nothing was done.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public Task<SessionVersion> RedoAsync(string? expectedVersion = null, CancellationToken cancellationToken = default) =>
        MoveAsync(SessionChangeKind.Redo, RedoTargetOrThrow, expectedVersion, cancellationToken);

    /// <summary>Makes any version of the log current; the next edit branches from it.</summary>
    /// <param name="versionId">A version id from the log (or <see cref="ProvenanceLog.RootId"/>).</param>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <returns>The new current version.</returns>
    /// <exception cref="ArgumentException">The version is not in the log.</exception>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    /// <exception cref="AggregateException">A <see cref="Changed"/> handler threw; the move is done.</exception>
    public SessionVersion Checkout(string versionId, string? expectedVersion = null)
    {
        RequireLogged(versionId);
        return Move(SessionChangeKind.Checkout, _ => versionId, expectedVersion);
    }

    /// <summary><see cref="Checkout"/> without blocking the caller (see <see cref="UndoAsync"/>).</summary>
    /// <param name="versionId">A version id from the log (or <see cref="ProvenanceLog.RootId"/>).</param>
    /// <param name="expectedVersion">The version the caller expects to be current once the lock is taken; <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>The new current version.</returns>
    /// <exception cref="ArgumentException">The version is not in the log.</exception>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting; nothing was done.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public Task<SessionVersion> CheckoutAsync(string versionId, string? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        RequireLogged(versionId);
        return MoveAsync(SessionChangeKind.Checkout, _ => versionId, expectedVersion, cancellationToken);
    }

    private void RequireLogged(string versionId)
    {
        ArgumentNullException.ThrowIfNull(versionId);
        if (!Log.Contains(versionId))
        {
            throw new ArgumentException($"Version '{versionId}' is not in the provenance log (versions: {ProvenanceLog.RootId}…v{Log.Entries.Count}).", nameof(versionId));
        }
    }

    private string UndoTarget(SessionVersion current)
    {
        var parent = current.ParentId ?? throw new InvalidOperationException("Nothing to undo: the current version is the base students.");
        lock (_redo)
        {
            _redo[parent] = current.Id;
        }
        return parent;
    }

    private string RedoTargetOrThrow(SessionVersion current) => RedoTargetOf(current.Id)
        ?? throw new InvalidOperationException($"Nothing to redo: no edit was applied to version '{current.Id}'.");

    private string? RedoTargetOf(string versionId)
    {
        lock (_redo)
        {
            if (_redo.TryGetValue(versionId, out var child))
            {
                return child;
            }
        }
        return Log.ChildrenOf(versionId).LastOrDefault()?.Id;
    }

    private SessionVersion Move(SessionChangeKind kind, Func<SessionVersion, string> target, string? expectedVersion)
    {
        Enter();
        SessionVersion version;
        try
        {
            version = MoveInside(kind, target, expectedVersion);
        }
        finally
        {
            Exit();
        }
        RaisePending();
        return version;
    }

    private async Task<SessionVersion> MoveAsync(SessionChangeKind kind, Func<SessionVersion, string> target, string? expectedVersion, CancellationToken cancellationToken)
    {
        using var linked = Link(cancellationToken);
        await EnterAsync(linked.Token, cancellationToken).ConfigureAwait(false);
        SessionVersion version;
        try
        {
            // Materialising a version recomputes its logits on every split: off the caller's thread.
            version = await Task.Run(() => MoveInside(kind, target, expectedVersion), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ClosedFor(cancellationToken))
        {
            throw Disposed();
        }
        finally
        {
            Exit();
        }
        RaisePending();
        return version;
    }

    /// <summary>Checks the expected version, finds the target and swaps it in; under the session's lock.</summary>
    private SessionVersion MoveInside(SessionChangeKind kind, Func<SessionVersion, string> target, string? expectedVersion)
    {
        RequireVersion(expectedVersion);
        var current = Current;
        var id = target(current);
        if (id == current.Id)
        {
            return current;
        }
        var version = Materialize(id);
        Volatile.Write(ref _current, version);
        Publish(kind, current, version);
        return version;
    }
}
