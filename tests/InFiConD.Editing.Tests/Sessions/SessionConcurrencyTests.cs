namespace InFiConD.Editing.Tests.Sessions;

/// <summary>The concurrency rules a UI builds on: expected versions, waiting moves, late cancellation, disposal, progress.</summary>
public sealed class SessionConcurrencyTests
{
    private static readonly EditingData Data = EditingData.Default;
    private static readonly EditRefit Refit = EditRefit.FixedEpochs(5);
    private static readonly ConceptEdit[] DowntuneWater = [ConceptEdit.Downtune("boat", "water")];
    private static readonly ConceptEdit[] RemoveRoad = [ConceptEdit.Remove("car", "road")];

    [Fact]
    public async Task A_stale_expected_version_is_refused_with_both_ids_and_nothing_changes()
    {
        using var session = Data.NewSession();
        var v1 = await session.EditAsync(DowntuneWater, ProvenanceLog.RootId, Refit);
        Assert.Equal("v1", v1.VersionId);

        var stale = await Assert.ThrowsAsync<StaleVersionException>(() => session.EditAsync(RemoveRoad, ProvenanceLog.RootId, Refit));
        Assert.Equal((ProvenanceLog.RootId, "v1"), (stale.ExpectedVersion, stale.ActualVersion));
        Assert.Contains("'v0'", stale.Message, StringComparison.Ordinal);
        Assert.Contains("'v1'", stale.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StaleVersionException>(() => session.PreviewAsync(RemoveRoad, ProvenanceLog.RootId, Refit));
        Assert.Throws<StaleVersionException>(() => session.Undo(ProvenanceLog.RootId));
        Assert.Throws<StaleVersionException>(() => session.Checkout(ProvenanceLog.RootId, "v7"));
        await Assert.ThrowsAsync<StaleVersionException>(() => session.UndoAsync("v2"));
        await Assert.ThrowsAsync<StaleVersionException>(() => session.CheckoutAsync(ProvenanceLog.RootId, ProvenanceLog.RootId));
        Assert.Equal("v1", session.Current.Id);
        Assert.Single(session.Log.Entries);

        // The version the caller saw: accepted.
        Assert.Equal(ProvenanceLog.RootId, (await session.UndoAsync("v1")).Id);
        Assert.Equal("v1", (await session.RedoAsync(ProvenanceLog.RootId)).Id);
        Assert.Equal("v1", (await session.PreviewAsync(RemoveRoad, "v1", Refit)).BaseVersionId);
    }

    [Fact]
    public async Task Two_edits_on_the_same_expected_version_commit_exactly_one()
    {
        using var session = Data.NewSession();
        using var hold = new RecordingProgress(hold: true);
        var first = session.EditAsync(DowntuneWater, ProvenanceLog.RootId, Refit, hold);
        await hold.Refitting;
        var second = session.EditAsync(RemoveRoad, ProvenanceLog.RootId, Refit);
        Assert.False(second.IsCompleted);
        hold.Release();

        var committed = await first;
        var stale = await Assert.ThrowsAsync<StaleVersionException>(() => second);
        Assert.Equal((ProvenanceLog.RootId, committed.VersionId), (stale.ExpectedVersion, stale.ActualVersion));
        Assert.Equal(["v1"], session.Log.Entries.Select(e => e.Id));

        // Racing without a hold: still exactly one.
        var seen = session.Current.Id;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            try
            {
                return (await session.EditAsync(i == 0 ? RemoveRoad : [ConceptEdit.Uptune("house", "roof")], seen, Refit)).VersionId;
            }
            catch (StaleVersionException e)
            {
                Assert.Equal(seen, e.ExpectedVersion);
                return null;
            }
        })));
        Assert.Single(outcomes, o => o is not null);
        Assert.Equal(2, session.Log.Entries.Count);
        Assert.Equal(seen, session.Log.Entries[^1].ParentId);
    }

    [Fact]
    public async Task Undo_during_a_refit_waits_and_undoes_only_the_version_its_caller_expected()
    {
        using var session = Data.NewSession();
        await session.EditAsync(DowntuneWater, Refit);

        using var hold = new RecordingProgress(hold: true);
        var edit = session.EditAsync(RemoveRoad, "v1", Refit, hold);
        await hold.Refitting;
        var undo = session.UndoAsync("v1"); // returns at once: the caller's thread is not blocked by the refit
        Assert.False(undo.IsCompleted);
        hold.Release();
        Assert.Equal("v2", (await edit).VersionId);
        var stale = await Assert.ThrowsAsync<StaleVersionException>(() => undo);
        Assert.Equal(("v1", "v2"), (stale.ExpectedVersion, stale.ActualVersion));
        Assert.Equal("v2", session.Current.Id);

        using var second = new RecordingProgress(hold: true);
        var third = session.EditAsync([ConceptEdit.Uptune("house", "roof")], "v2", Refit, second);
        await second.Refitting;
        var undoThird = session.UndoAsync("v3");
        Assert.False(undoThird.IsCompleted);
        second.Release();
        await third;
        Assert.Equal("v2", (await undoThird).Id);
        Assert.Equal("v2", session.Current.Id);
        Assert.Equal("v3", session.RedoTarget);
    }

    [Fact]
    public async Task A_cancellation_before_the_commit_prevents_it_and_one_after_is_reported_too_late()
    {
        using var session = Data.NewSession();
        var changes = 0;
        session.Changed += (_, _) => changes++;

        using var early = new CancellationTokenSource();
        using var cancelInRefit = new RecordingProgress { OnReport = p => { if (p.Stage == EditStage.Refitting) { early.Cancel(); } } };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.EditAsync(DowntuneWater, null, Refit, cancelInRefit, early.Token));
        Assert.Empty(session.Log.Entries);
        Assert.Equal(ProvenanceLog.RootId, session.Current.Id);
        Assert.Equal(0, changes);
        Assert.DoesNotContain(cancelInRefit.Reports, p => p.Stage == EditStage.Committed);

        using var late = new CancellationTokenSource();
        using var cancelAtCommit = new RecordingProgress { OnReport = p => { if (p.Stage == EditStage.Committed) { late.Cancel(); } } };
        var result = await session.EditAsync(DowntuneWater, null, Refit, cancelAtCommit, late.Token);
        Assert.True(result.CancellationTooLate);
        Assert.Equal("v1", result.VersionId);
        Assert.Equal("v1", session.Current.Id);
        Assert.Equal(["v1"], session.Log.Entries.Select(e => e.Id));
        Assert.Equal(1, changes);

        Assert.False((await session.EditAsync(RemoveRoad, Refit)).CancellationTooLate);
    }

    [Fact]
    public async Task Dispose_during_an_edit_cancels_it_keeps_the_log_valid_and_closes_the_session()
    {
        using var directory = new TempDirectory();
        var path = directory.File("edits.jsonl");
        var session = Data.NewSession(ProvenanceLog.Create(path));
        await session.EditAsync(DowntuneWater, Refit);

        using var hold = new RecordingProgress(hold: true);
        var edit = session.EditAsync(RemoveRoad, "v1", Refit, hold);
        await hold.Refitting;
        var queued = session.PreviewAsync(RemoveRoad, Refit);
        // Dispose does not wait for the running edit (it holds the lock until released below).
        await Task.Run(session.Dispose).WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued);
        hold.Release();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => edit);

        Assert.Equal("v1", session.Current.Id);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.EditAsync(RemoveRoad, Refit));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.PreviewAsync(RemoveRoad, Refit));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.UndoAsync());
        Assert.Throws<ObjectDisposedException>(() => session.Undo());
        Assert.Throws<ObjectDisposedException>(() => session.Checkout(ProvenanceLog.RootId));
        session.Dispose();

        // The log was closed (its writer lock released) with the one committed entry intact.
        var reopened = ProvenanceLog.Open(path);
        using var log = reopened.Log;
        Assert.Empty(reopened.Warnings);
        Assert.Equal(["v1"], log.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task Every_progress_report_arrives_in_stage_order_before_the_edit_returns()
    {
        using var session = Data.NewSession();
        using var progress = new RecordingProgress();
        var result = await session.EditAsync(DowntuneWater, null, Refit, progress);
        var seen = progress.Reports;

        Assert.Equal(EditStage.Queued, seen[0].Stage);
        Assert.Equal(EditStage.Planning, seen[1].Stage);
        Assert.Equal(EditStage.Committed, seen[^1].Stage);
        var refitting = seen[2..^1];
        Assert.NotEmpty(refitting);
        Assert.All(refitting, p => Assert.Equal(EditStage.Refitting, p.Stage));
        Assert.Equal(refitting.Select(p => p.Epoch).Order(), refitting.Select(p => p.Epoch));
        Assert.Equal(result.Entry.Refit.Iterations, seen[^1].Epoch);
        Assert.Equal(result.Entry.Refit.Objective, seen[^1].Objective);

        await Task.Delay(100);
        Assert.Equal(seen.Length, progress.Reports.Length);
    }
}
