using System.Net;
using System.Text.Json;
using InFiConD.Editing;

namespace InFiConD.UiAuthor.Tests;

/// <summary>Every route answers what the library says, in the library's JSON, and refuses what the library refuses.</summary>
[Collection(UiAuthorCollection.Name)]
public sealed class UiAuthorAppTests(UiAuthorFixture fixture)
{
    private static readonly InFiConDJsonContext Json = InFiConDJsonContext.Default;

    private DistillationSession Session => fixture.Session;

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Reads_AnswerTheLibrarysJson()
    {
        await fixture.ResetAsync();

        Http.AssertSameJson(JsonSerializer.Serialize(Session.Students, Json.StudentEnsemble), await Client.GetStringAsync("/classes"));
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Analyze("train", "v0"), Json.MisalignmentReport), await Client.GetStringAsync("/report"));
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Analyze("held-out", "v0"), Json.MisalignmentReport), await Client.GetStringAsync("/report?split=held-out"));
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Explain("img003", "held-out", "v0"), Json.InstanceExplanation), await Client.GetStringAsync("/explain?id=img003&split=held-out"));
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Locate("img004"), Json.ConceptLocations), await Client.GetStringAsync("/locate?id=img004"));
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Locate("img005", "held-out"), Json.ConceptLocations), await Client.GetStringAsync("/locate?id=img005&split=held-out"));
        Http.AssertSameJson(JsonSerializer.Serialize(Session.HistoryTree(), Json.HistoryNode), await Client.GetStringAsync("/history"));
        var current = Http.Parse(await Client.GetStringAsync("/current"));
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Current, Json.SessionVersion), current.GetProperty("version").GetRawText());
        Assert.Equal(Session.RedoTarget, current.TryGetProperty("redoTarget", out var redo) ? redo.GetString() : null);
    }

    [Fact]
    public async Task Classes_CarryTheBootstrapSpread_StaleForTheClassesAnEditRefit()
    {
        await fixture.ResetAsync();
        var spread = Http.Parse(await Client.GetStringAsync("/classes")).GetProperty("spread");
        Assert.Equal(4, spread.GetProperty("members").GetInt32());
        Assert.False(spread.TryGetProperty("staleClasses", out _)); // written only when some class is stale

        await Session.EditAsync(Http.Downtune("v0"));

        var classes = await Client.GetStringAsync("/classes");
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Students, Json.StudentEnsemble), classes);
        Assert.Equal([0], Http.Parse(classes).GetProperty("spread").GetProperty("staleClasses").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task OtherVersions_AreReadWhileTheSessionStaysWhereItIs()
    {
        await fixture.ResetAsync();
        var edited = (await Session.EditAsync(Http.Downtune("v0"))).VersionId;

        Http.AssertSameJson(JsonSerializer.Serialize(Session.Diff("v0", edited, "held-out"), Json.VersionDiff), await Client.GetStringAsync($"/compare?from=v0&to={edited}&split=held-out"));
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Analyze("held-out", "v0"), Json.MisalignmentReport), await Client.GetStringAsync("/report?split=held-out&version=v0"));
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Explain("img000", "train", "v0"), Json.InstanceExplanation), await Client.GetStringAsync("/explain?id=img000&version=v0"));
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Explain("img000", "train", edited), Json.InstanceExplanation), await Client.GetStringAsync("/explain?id=img000"));
        Assert.Equal(edited, Session.Current.Id);

        await Session.UndoAsync();
        Assert.Equal(edited, Http.Parse(await Client.GetStringAsync("/current")).GetProperty("redoTarget").GetString());
    }

    [Fact]
    public async Task Validate_ListsTheLibrarysProblems_AStaleVersionFirst()
    {
        await fixture.ResetAsync();
        var request = new EditRequest([ConceptEdit.Downtune("red", "purple"), ConceptEdit.Uptune("teal", "red")]) { ExpectedVersion = "v9" };

        using var response = await Client.PostAsync("/validate", Http.Body(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Validate(request), Json.IReadOnlyListEditProblem), body);
        var problems = Http.Parse(body).EnumerateArray().ToArray();
        Assert.Equal("expectedVersion", problems[0].GetProperty("field").GetString());
        Assert.True(problems.Length >= 3, body);
    }

    [Fact]
    public async Task Preview_IsTheLibrarysPreview_AndKeepsNothing()
    {
        await fixture.ResetAsync();
        var request = Http.Downtune("v0");

        using var response = await Client.PostAsync("/preview", Http.Body(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Http.AssertSameJson(JsonSerializer.Serialize(await Session.PreviewAsync(request), Json.EditPreview), await response.Content.ReadAsStringAsync());
        Assert.Equal("v0", Session.Current.Id);
    }

    [Fact]
    public async Task Edits_StreamEveryProgressLineBeforeTheResult_WhoseVersionIsThenCurrent()
    {
        await fixture.ResetAsync();

        using var response = await Client.PostAsync("/edits", Http.Body(Http.Downtune("v0")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var progress = lines[..^1].Select(line => JsonSerializer.Deserialize(line, Json.EditProgress)!).ToArray();
        Assert.Equal(EditStage.Queued, progress[0].Stage);
        Assert.Equal(EditStage.Planning, progress[1].Stage);
        Assert.Equal(EditStage.Committed, progress[^1].Stage);
        Assert.All(progress[2..^1], p => Assert.Equal(EditStage.Refitting, p.Stage));
        Assert.True(progress[^1].Epoch > 0);
        Assert.Equal(progress[^1].Epoch, progress.Length - 3); // one line per solver iteration
        var result = Http.Parse(lines[^1]);
        Assert.Equal(Session.Current.Id, result.GetProperty("version").GetProperty("id").GetString());
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Current, Json.SessionVersion), result.GetProperty("version").GetRawText());
        Assert.False(result.GetProperty("cancellationTooLate").GetBoolean());
        Assert.Equal(["train", "held-out"], result.GetProperty("splits").EnumerateArray().Select(s => s.GetProperty("split").GetString()));
    }

    [Fact]
    public async Task Moves_AnswerTheVersionTheyMadeCurrent()
    {
        await fixture.ResetAsync();
        var edited = (await Session.EditAsync(Http.Downtune("v0"))).VersionId;

        Assert.Equal("v0", await MoveAsync("/undo", $$"""{"expectedVersion":"{{edited}}"}"""));
        Assert.Equal(edited, await MoveAsync("/redo", """{"expectedVersion":"v0"}"""));
        Assert.Equal("v0", await MoveAsync("/checkout", """{"versionId":"v0"}"""));
    }

    [Fact]
    public async Task AStaleExpectedVersion_Answers409_AndChangesNothing()
    {
        await fixture.ResetAsync();
        var edited = (await Session.EditAsync(Http.Downtune("v0"))).VersionId;
        var entries = Session.History.Entries.Count;

        foreach (var (route, body) in new[]
        {
            ("/edits", JsonSerializer.Serialize(Http.Downtune("v0"), Json.EditRequest)),
            ("/preview", JsonSerializer.Serialize(Http.Downtune("v0"), Json.EditRequest)),
            ("/undo", """{"expectedVersion":"v0"}"""),
            ("/redo", """{"expectedVersion":"v0"}"""),
            ("/checkout", """{"versionId":"v0","expectedVersion":"v0"}"""),
        })
        {
            using var response = await Client.PostAsync(route, Http.Body(body));
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var error = Http.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(new StaleVersionException("v0", edited).Message, error.GetProperty("error").GetString());
            Assert.Equal(edited, error.GetProperty("currentVersion").GetString());
        }
        Assert.Equal(edited, Session.Current.Id);
        Assert.Equal(entries, Session.History.Entries.Count);
    }

    [Fact]
    public async Task AnInvalidEdit_Answers400_WithEveryProblem_AndChangesNothing()
    {
        await fixture.ResetAsync();
        var request = new EditRequest([ConceptEdit.Downtune("red", "purple"), ConceptEdit.Uptune("teal", "red")]);

        using var response = await Client.PostAsync("/edits", Http.Body(request));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Http.Parse(await response.Content.ReadAsStringAsync());
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Validate(request), Json.IReadOnlyListEditProblem), error.GetProperty("problems").GetRawText());
        Assert.Equal("v0", Session.Current.Id);
    }

    [Fact]
    public async Task ABodyWithoutKind_Answers400_NamingIt()
    {
        await fixture.ResetAsync();
        foreach (var route in new[] { "/validate", "/preview", "/edits" })
        {
            using var response = await Client.PostAsync(route, Http.Body("""{"edits":[{"className":"red","conceptName":"grey"}]}"""));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("'kind'", Http.Parse(await response.Content.ReadAsStringAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal("v0", Session.Current.Id);
    }

    [Fact]
    public async Task UnknownNames_Answer404_AndAMoveWithNowhereToGo409_WithTheLibrarysMessage()
    {
        await fixture.ResetAsync();
        await AssertErrorAsync(HttpStatusCode.NotFound, Client.GetAsync("/locate?id=nope"), Assert.ThrowsAny<ArgumentException>(() => Session.Locate("nope")).Message);
        await AssertErrorAsync(HttpStatusCode.NotFound, Client.GetAsync("/report?split=nowhere"), Assert.ThrowsAny<ArgumentException>(() => Session.Analyze("nowhere", "v0")).Message);
        await AssertErrorAsync(HttpStatusCode.NotFound, Client.GetAsync("/compare?from=v0&to=v99"), Assert.ThrowsAny<ArgumentException>(() => Session.Diff("v0", "v99")).Message);
        await AssertErrorAsync(HttpStatusCode.Conflict, Client.PostAsync("/undo", Http.Body("{}")), Assert.ThrowsAny<InvalidOperationException>(() => Session.Undo()).Message);
    }

    private async Task<string?> MoveAsync(string route, string body)
    {
        using var response = await Client.PostAsync(route, Http.Body(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Http.AssertSameJson(JsonSerializer.Serialize(Session.Current, Json.SessionVersion), await response.Content.ReadAsStringAsync());
        return Session.Current.Id;
    }

    private static async Task AssertErrorAsync(HttpStatusCode status, Task<HttpResponseMessage> request, string message)
    {
        using var response = await request;
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(message, Http.Parse(await response.Content.ReadAsStringAsync()).GetProperty("error").GetString());
    }
}
