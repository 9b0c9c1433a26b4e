using InFiConD.Editing;

namespace InFiConD.UiAuthor.Tests;

/// <summary>Closing an /edits request cancels the edit: the app passes the request's abort to the session.</summary>
[Collection(UiAuthorCollection.Name)]
public sealed class CancelRouteTests(UiAuthorFixture fixture)
{
    [Fact]
    public async Task ClosingTheRequestOfAQueuedEdit_CancelsIt_AndNothingOfItIsKept()
    {
        await fixture.ResetAsync();
        var session = fixture.Session;
        // An edit of the test's own holds the session's lock (its progress handler runs under it) until released.
        using var hold = new HoldingProgress();
        var held = session.EditAsync(new EditRequest([ConceptEdit.Remove("green", "grey")]), hold);
        await hold.Refitting;

        // Sent for whatever version is current, so only a cancellation can keep it from committing after the held one.
        using (var closed = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Client.PostAsync("/edits", Http.Body(Http.Downtune(null)), closed.Token));
        }
        await Task.Delay(TimeSpan.FromSeconds(1)); // the closed connection reaches the server, even on a busy machine
        hold.Release();
        var kept = (await held).VersionId;

        // A checkout of the current version waits for anything still queued and changes nothing.
        await session.CheckoutAsync(kept);
        Assert.Equal(kept, session.Current.Id);
        Assert.Equal(kept, session.History.Entries[^1].Id);
    }

    /// <summary>Blocks the first refit iteration's report until released.</summary>
    private sealed class HoldingProgress : IProgress<EditProgress>, IDisposable
    {
        private readonly TaskCompletionSource _refitting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _released = new();

        public Task Refitting => _refitting.Task;

        public void Report(EditProgress value)
        {
            if (value.Stage == EditStage.Refitting && _refitting.TrySetResult())
            {
                _released.Wait();
            }
        }

        public void Release() => _released.Set();

        public void Dispose() => _released.Dispose();
    }
}
