namespace InFiConD.Editing;

public sealed partial class EditSession
{
    // Cancelled by Dispose: every edit, preview and move links its token to it, so a running refit stops and queued
    // callers stop waiting. Never disposed itself, so that a call racing Dispose can still read its token.
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _lifetime = new();
    private bool _disposed;

    /// <summary>
    /// Closes the session. An edit, preview or move running at the time is cancelled (its call throws
    /// <see cref="ObjectDisposedException"/>; an edit already logged returns its committed result with
    /// <see cref="EditResult.CancellationTooLate"/> set), queued ones throw <see cref="ObjectDisposedException"/>, and
    /// the provenance log's file is closed once the running call has stopped (never under an append, so the log stays
    /// valid). Later edits, previews and moves throw <see cref="ObjectDisposedException"/>. Does not wait for the
    /// running call.
    /// </summary>
    public void Dispose()
    {
        bool idle;
        lock (_lifetime)
        {
            if (_disposed)
            {
                return;
            }
            Volatile.Write(ref _disposed, true);
            // Taking the lock here and never giving it back keeps every later caller out; if a call holds it, that call
            // closes the log on its way out (Exit).
            idle = _gate.Wait(0);
        }
        _closing.Cancel();
        if (idle)
        {
            Log.Dispose();
        }
    }

    /// <summary>A token cancelled by the caller's token or by <see cref="Dispose"/>.</summary>
    private CancellationTokenSource Link(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        return CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
    }

    /// <summary>Takes the session's lock, blocking the thread.</summary>
    private void Enter()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        try
        {
            _gate.Wait(_closing.Token);
        }
        catch (OperationCanceledException)
        {
            throw Disposed();
        }
        ThrowIfDisposedInside();
    }

    /// <summary>Waits for the session's lock without blocking the thread.</summary>
    private async Task EnterAsync(CancellationToken linked, CancellationToken caller)
    {
        try
        {
            await _gate.WaitAsync(linked).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ClosedFor(caller))
        {
            throw Disposed();
        }
        ThrowIfDisposedInside();
    }

    /// <summary>Disposed while this call waited: give the lock back the way a disposed session does, then throw.</summary>
    private void ThrowIfDisposedInside()
    {
        if (Volatile.Read(ref _disposed))
        {
            Exit();
            throw Disposed();
        }
    }

    /// <summary>Gives the session's lock back, or, when the session was disposed meanwhile, closes the log and keeps it.</summary>
    private void Exit()
    {
        lock (_lifetime)
        {
            if (!_disposed)
            {
                _gate.Release();
                return;
            }
        }
        Log.Dispose();
    }

    /// <summary>Whether a cancellation came from <see cref="Dispose"/> rather than from the caller.</summary>
    private bool ClosedFor(CancellationToken caller) => _closing.IsCancellationRequested && !caller.IsCancellationRequested;

    private ObjectDisposedException Disposed() =>
        new(nameof(EditSession), "The session was disposed; nothing was changed by this call.");

    /// <summary>Throws <see cref="StaleVersionException"/> when the caller expected another version; called under the lock.</summary>
    private void RequireVersion(string? expectedVersion)
    {
        var current = Current.Id;
        if (expectedVersion is not null && !string.Equals(expectedVersion, current, StringComparison.Ordinal))
        {
            throw new StaleVersionException(expectedVersion, current);
        }
    }
}
