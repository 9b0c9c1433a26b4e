using System.Net;
using System.Text;
using System.Text.Json;
using InFiConD.Editing;

namespace InFiConD.Studio.Tests;

/// <summary>The routes the page's preview, history tree and image detail read: <c>POST /api/preview</c>, <c>GET /api/history/tree</c>, and the explanation's true class.</summary>
[Collection(StudioCollection.Name)]
public sealed class PreviewRouteTests(StudioHostFixture host)
{
    private const string Downtune = """{"edits":[{"kind":"Downtune","className":"boat","conceptName":"water","factor":2}],"expectedVersion":"v0"}""";

    private HttpClient Client => host.Client;

    [Fact]
    public async Task A_preview_is_the_librarys_EditPreview_and_changes_nothing()
    {
        await host.ResetAsync();
        var entries = host.Session.History.Entries.Count;
        var answer = await PostAsync("/api/preview", Downtune, HttpStatusCode.OK);

        var request = JsonSerializer.Deserialize(Downtune, InFiConDJsonContext.Default.EditRequest)!;
        var expected = JsonSerializer.Serialize(await host.Session.PreviewAsync(request), InFiConDJsonContext.Default.EditPreview);
        Assert.Equal(expected, answer);
        Assert.Equal("v0", host.Session.Current.Id);
        Assert.Equal(entries, host.Session.History.Entries.Count);
        Assert.Equal(host.Session.Splits.Count, JsonDocument.Parse(answer).RootElement.GetProperty("splits").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"edits":[{"kind":"Downtune","className":"boat","conceptName":"water","factor":1000}]}""", HttpStatusCode.BadRequest, "the factor must be between 1.01 and 100; got 1000.")]
    [InlineData("""{"edits":[{"kind":"Downtune","className":"zebra","conceptName":"water"}]}""", HttpStatusCode.BadRequest, "names the class 'zebra'")]
    [InlineData("""{"edits":[{"kind":"Remove","className":"boat","conceptName":"water"}],"expectedVersion":"v9"}""", HttpStatusCode.Conflict, "v9")]
    [InlineData("""not json""", HttpStatusCode.BadRequest, "not a valid request")]
    public async Task Bad_previews_are_refused_like_bad_edits(string body, HttpStatusCode status, string message)
    {
        await host.ResetAsync();
        var error = JsonDocument.Parse(await PostAsync("/api/preview", body, status)).RootElement.GetProperty("error").GetString()!;
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal("v0", host.Session.Current.Id);
    }

    [Fact]
    public async Task The_history_tree_is_the_librarys_with_branches_and_the_current_version()
    {
        await host.ResetAsync();
        var first = await host.Session.EditAsync(e => e.ForClass("boat").Downtune("water"), EditRefit.FixedEpochs(5));
        await host.Session.CheckoutAsync("v0");
        var branch = await host.Session.EditAsync(e => e.ForClass("boat").Remove("water"), EditRefit.FixedEpochs(5));

        using var response = await Client.GetAsync("/api/history/tree");
        var tree = await response.Content.ReadAsStringAsync();
        Assert.Equal(JsonSerializer.Serialize(host.Session.HistoryTree(), InFiConDJsonContext.Default.HistoryNode), tree);
        var root = JsonDocument.Parse(tree).RootElement;
        var children = root.GetProperty("children").EnumerateArray().ToList();
        string Id(JsonElement node) => node.GetProperty("version").GetProperty("versionId").GetString()!;
        Assert.Equal(("v0", first.VersionId, branch.VersionId), (Id(root), Id(children[^2]), Id(children[^1])));
        Assert.True(children[^1].GetProperty("isCurrent").GetBoolean());
        await host.ResetAsync();
    }

    [Fact]
    public async Task The_explanation_carries_the_images_true_class_from_its_splits_labels()
    {
        var session = host.Session;
        foreach (var split in session.Splits)
        {
            foreach (var i in new[] { 0, split.ImageCount - 1 })
            {
                var id = split.Scores.ImageIds[i];
                var explanation = await Client.GetJsonAsync($"/api/explain?id={Uri.EscapeDataString(id)}&split={split.Name}");
                Assert.Equal(session.Students.ClassNames[split.GroundTruth![i]], explanation.GetProperty("truth").GetProperty("className").GetString());
                Assert.Equal(split.Name, explanation.GetProperty("split").GetString());
            }
        }
    }

    private async Task<string> PostAsync(string path, string body, HttpStatusCode expected)
    {
        using var response = await Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: expected {expected}, got {response.StatusCode}: {text}");
        return text;
    }
}
