using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InFiConD.Studio;

namespace InFiConD.Studio.Tests;

/// <summary>
/// A Studio over a saved <c>.infcd</c>: the views work from the file, where concepts were found included; the picture
/// route says there are no images.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class SessionFileModeTests(StudioHostFixture host)
{
    [Fact]
    public async Task A_saved_session_is_served_without_images_and_keeps_its_history()
    {
        await host.ResetAsync();
        using (var saved = await host.Client.PostAsJsonAsync("/api/save", new { name = "file-mode" }))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }
        var options = StudioHostFixture.Options(host.Folder) with { SessionFile = Path.Combine(host.Folder, "file-mode.infcd") };
        using var workspace = new StudioWorkspace(options);
        await using var app = StudioHost.Create(workspace);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = StudioHost.Address(app) };
        await workspace.StartAsync();

        var state = await client.GetJsonAsync("/api/state");
        Assert.Equal("file", state.GetProperty("mode").GetString());
        Assert.False(state.GetProperty("hasImages").GetBoolean());
        var config = await client.GetJsonAsync("/api/config");
        Assert.Equal("file-mode.infcd", config.GetProperty("sessionFile").GetString());
        Assert.False(config.TryGetProperty("segmentBoxes", out _));
        Assert.Equal(host.Session.Analyze().Agreement, (await client.GetJsonAsync("/api/report")).GetProperty("agreement").GetDouble());

        var id = host.Session.Scores.ImageIds[0];
        Assert.Contains("keep concept scores, not images", await client.ErrorAsync("/api/image?id=" + Uri.EscapeDataString(id), HttpStatusCode.NotFound), StringComparison.Ordinal);
        // Where concepts were found is kept in the file: boxes without pictures, the library's own record.
        using (var segments = await client.GetAsync("/api/segments?id=" + Uri.EscapeDataString(id)))
        {
            Assert.Equal(HttpStatusCode.OK, segments.StatusCode);
            var located = workspace.Session!.Locate(id);
            Assert.Equal(JsonSerializer.Serialize(located, InFiConDJsonContext.Default.ConceptLocations), await segments.Content.ReadAsStringAsync());
            Assert.Equal(host.Session.Locate(id).Concepts, located.Concepts);
            Assert.Equal(5, located.Segments.Count);
        }
        await client.GetJsonAsync("/api/explain?id=" + Uri.EscapeDataString(id));
        await app.StopAsync();
    }

    [Fact]
    public async Task A_file_that_is_not_a_session_fails_the_build_and_every_route_says_why()
    {
        var bogus = Path.Combine(host.Folder, "bogus.infcd");
        await File.WriteAllTextAsync(bogus, "not a zip");
        using var workspace = new StudioWorkspace(StudioHostFixture.Options(host.Folder) with { SessionFile = bogus });
        await using var app = StudioHost.Create(workspace);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = StudioHost.Address(app) };
        await workspace.StartAsync();

        var state = await client.GetJsonAsync("/api/state");
        Assert.Equal("failed", state.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(state.GetProperty("error").GetString()));
        Assert.Contains("could not be built", await client.ErrorAsync("/api/report", HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
        await app.StopAsync();
    }
}
