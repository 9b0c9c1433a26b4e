using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace InFiConD.UiAuthor.Tests;

/// <summary>/events: the current version, then one server-sent event per committed change, in order.</summary>
[Collection(UiAuthorCollection.Name)]
public sealed class EventRouteTests(UiAuthorFixture fixture)
{
    [Fact]
    public async Task Events_ArriveOncePerEditUndoAndRedo_InOrder()
    {
        await fixture.ResetAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await fixture.Client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        // The first event says where the session is; once it has arrived the stream is subscribed.
        Assert.Equal(("current", "v0"), await NextAsync(events));
        using (var edit = await fixture.Client.PostAsync("/edits", Http.Body(Http.Downtune("v0")), timeout.Token))
        {
            await edit.Content.ReadAsStringAsync(timeout.Token);
        }
        var edited = fixture.Session.Current.Id;
        (await fixture.Client.PostAsJsonAsync("/undo", new { expectedVersion = edited }, timeout.Token)).EnsureSuccessStatusCode();
        (await fixture.Client.PostAsJsonAsync("/redo", new { expectedVersion = "v0" }, timeout.Token)).EnsureSuccessStatusCode();

        Assert.Equal(("Edit", "v0", edited), await ChangeAsync(events));
        Assert.Equal(("Undo", edited, "v0"), await ChangeAsync(events));
        Assert.Equal(("Redo", "v0", edited), await ChangeAsync(events));
    }

    private static async Task<(string Type, string Current)> NextAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        Assert.True(await events.MoveNextAsync());
        return (events.Current.EventType, Http.Parse(events.Current.Data).GetProperty("currentId").GetString()!);
    }

    private static async Task<(string? Kind, string? Previous, string? Current)> ChangeAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("changed", events.Current.EventType);
        var change = Http.Parse(events.Current.Data);
        return (change.GetProperty("kind").GetString(), change.GetProperty("previousId").GetString(), change.GetProperty("currentId").GetString());
    }
}
