namespace InFiConD.Editing.Tests.Sessions;

/// <summary><see cref="EditSession.Changed"/>: one event per change, in order, with the right ids and causes, outside the lock.</summary>
public sealed class SessionEventTests
{
    private static readonly EditingData Data = EditingData.Default;
    private static readonly EditRefit Refit = EditRefit.FixedEpochs(5);

    private sealed record Seen(SessionChangeKind Kind, string Previous, string Current, string CurrentInHandler, bool CanUndoInHandler, string? RedoTargetInHandler);

    [Fact]
    public async Task Edits_and_moves_raise_one_event_each_in_order_with_their_ids_and_causes()
    {
        using var session = Data.NewSession();
        var seen = new List<Seen>();
        // The handler reads the session: it runs outside the lock, so none of these can deadlock.
        session.Changed += (sender, e) =>
        {
            Assert.Same(session, sender);
            seen.Add(new Seen(e.Kind, e.PreviousId, e.CurrentId, session.Current.Id, session.CanUndo, session.RedoTarget));
        };

        await session.EditAsync([ConceptEdit.Downtune("boat", "water")], Refit);
        await session.EditAsync([ConceptEdit.Remove("car", "road")], Refit);
        session.Undo();
        session.Redo();
        session.Checkout(ProvenanceLog.RootId);
        await session.CheckoutAsync("v1");
        await session.UndoAsync();
        await session.RedoAsync();
        session.Checkout("v1"); // already current: no change, no event
        await Assert.ThrowsAsync<StaleVersionException>(() => session.EditAsync([ConceptEdit.Remove("car", "road")], "v2", Refit));

        Assert.Equal(
        [
            new Seen(SessionChangeKind.Edit, "v0", "v1", "v1", true, null),
            new Seen(SessionChangeKind.Edit, "v1", "v2", "v2", true, null),
            new Seen(SessionChangeKind.Undo, "v2", "v1", "v1", true, "v2"),
            new Seen(SessionChangeKind.Redo, "v1", "v2", "v2", true, null),
            new Seen(SessionChangeKind.Checkout, "v2", "v0", "v0", false, "v1"),
            new Seen(SessionChangeKind.Checkout, "v0", "v1", "v1", true, "v2"),
            new Seen(SessionChangeKind.Undo, "v1", "v0", "v0", false, "v1"),
            new Seen(SessionChangeKind.Redo, "v0", "v1", "v1", true, "v2"),
        ], seen);
    }

    [Fact]
    public async Task The_event_carries_the_versions_and_a_handler_may_move_the_session()
    {
        using var session = Data.NewSession();
        var seen = new List<SessionChangedEventArgs>();
        session.Changed += (_, e) =>
        {
            seen.Add(e);
            if (e.Kind == SessionChangeKind.Edit)
            {
                session.Undo(e.CurrentId); // a change made by a handler: raised after this handler returns
            }
        };

        var result = await session.EditAsync([ConceptEdit.Downtune("boat", "water")], Refit);

        Assert.Equal([SessionChangeKind.Edit, SessionChangeKind.Undo], seen.Select(e => e.Kind));
        Assert.Same(result.Version, seen[0].Current);
        Assert.Same(seen[0].Current, seen[1].Previous);
        Assert.Equal(ProvenanceLog.RootId, seen[1].CurrentId);
        Assert.Equal(ProvenanceLog.RootId, session.Current.Id);
    }

    [Fact]
    public async Task A_throwing_handler_does_not_undo_the_change_or_stop_the_other_handlers()
    {
        using var session = Data.NewSession();
        var others = new List<string>();
        EventHandler<SessionChangedEventArgs> faulty = (_, _) => throw new InvalidOperationException("handler bug");
        session.Changed += faulty;
        session.Changed += (_, e) => others.Add(e.CurrentId);

        var failure = await Assert.ThrowsAsync<AggregateException>(() => session.EditAsync([ConceptEdit.Downtune("boat", "water")], Refit));
        Assert.IsType<InvalidOperationException>(Assert.Single(failure.InnerExceptions));
        Assert.Equal("v1", session.Current.Id);
        Assert.Equal(["v1"], session.Log.Entries.Select(e => e.Id));
        Assert.Equal(["v1"], others);

        Assert.Throws<AggregateException>(() => session.Undo());
        Assert.Equal(ProvenanceLog.RootId, session.Current.Id);

        session.Changed -= faulty;
        var next = await session.EditAsync([ConceptEdit.Remove("car", "road")], ProvenanceLog.RootId, Refit);
        Assert.Equal("v2", next.VersionId);
        Assert.Equal(["v1", "v0", "v2"], others);
    }
}
