namespace InFiConD.Editing;

public sealed partial class EditSession
{
    // Changes waiting to be raised, in commit order (enqueued under the session's lock), and whether a thread is
    // raising them: one raiser at a time keeps the order without holding the session's lock while handlers run.
    private readonly Queue<SessionChangedEventArgs> _pending = new();
    private bool _raising;

    /// <summary>
    /// Raised after every change of <see cref="Current"/>: each committed edit, undo, redo and checkout (a checkout of
    /// the current version changes nothing and raises nothing), with the versions before and after and the cause.
    /// </summary>
    /// <remarks>
    /// <para>Ordering: changes are raised one at a time, in the order they were committed; each change's
    /// <see cref="SessionChangedEventArgs.Previous"/> is the one before's <see cref="SessionChangedEventArgs.Current"/>.</para>
    /// <para>Threading: raised outside the session's lock, so a handler may read <see cref="Current"/>,
    /// <see cref="CanUndo"/> or the log, and may start an edit or a move. It is raised on the thread that committed the
    /// change, before the call that made it returns, unless handlers of an earlier change are still running on another
    /// thread (or the change was made by a handler): then the thread running those raises it as soon as they return.
    /// Marshal to a UI thread yourself.</para>
    /// <para>Failures: the change is committed before any handler runs and nothing a handler does can undo that. A
    /// handler that throws does not stop the other handlers or the later changes; the exceptions are collected and
    /// thrown, as an <see cref="AggregateException"/>, by the call that raised them (normally the edit or move that
    /// made the change, whose result is then lost to its caller although <see cref="Current"/> holds it). The session
    /// stays usable.</para>
    /// <para>The sender is this session.</para>
    /// </remarks>
    public event EventHandler<SessionChangedEventArgs>? Changed;

    /// <summary>Queues a change for <see cref="Changed"/>; called under the session's lock, right after the swap.</summary>
    private void Publish(SessionChangeKind kind, SessionVersion previous, SessionVersion current)
    {
        lock (_pending)
        {
            _pending.Enqueue(new SessionChangedEventArgs(kind, previous, current));
        }
    }

    /// <summary>Raises the queued changes, unless another thread is raising (it will raise them after its own).</summary>
    /// <exception cref="AggregateException">Handlers threw; every handler and every queued change was still raised.</exception>
    private void RaisePending()
    {
        List<Exception>? failures = null;
        while (true)
        {
            SessionChangedEventArgs? change;
            lock (_pending)
            {
                if (_raising || !_pending.TryDequeue(out change))
                {
                    break;
                }
                _raising = true;
            }
            try
            {
                if (Changed is { } handlers)
                {
                    foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<SessionChangedEventArgs>>())
                    {
                        try
                        {
                            handler(this, change);
                        }
                        catch (Exception e)
                        {
                            (failures ??= []).Add(e);
                        }
                    }
                }
            }
            finally
            {
                lock (_pending)
                {
                    _raising = false;
                }
            }
        }
        if (failures is not null)
        {
            throw new AggregateException("A handler of EditSession.Changed threw; the change is committed and every other handler ran.", failures);
        }
    }
}
