using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InFiConD.Editing;

namespace InFiConD.Studio.Tests;

/// <summary>The routes that change the session: edits as jobs, undo, redo, checkout, diff, save; and their bad requests.</summary>
[Collection(StudioCollection.Name)]
public sealed class EditRouteTests(StudioHostFixture host)
{
    private HttpClient Client => host.Client;

    [Theory]
    [InlineData("""{"edits":[]}""", "No edits were given")]
    [InlineData("""{}""", "at least one edit")]
    [InlineData("""{"edits":[{"kind":"Downtune","className":"zebra","conceptName":"water","factor":2}]}""", "names the class 'zebra'")]
    [InlineData("""{"edits":[{"kind":"Downtune","className":"boat","conceptName":"plutonium","factor":2}]}""", "names the concept 'plutonium'")]
    [InlineData("""{"edits":[{"kind":"Downtune","className":"boat","conceptName":"water","factor":1}]}""", "the factor must be between 1.01 and 100; got 1.")]
    [InlineData("""{"edits":[{"kind":"Uptune","className":"boat","conceptName":"water","factor":-3}]}""", "the factor must be between 1.01 and 100; got -3.")]
    [InlineData("""{"edits":[{"kind":"Downtune","className":"boat","conceptName":"water"}],"refit":{"epochs":0}}""", "Refit setting \"epochs\" is out of range")]
    [InlineData("""{"edits":[{"kind":"Downtune","className":"boat","conceptName":"water"}],"refit":{"epochs":201}}""", "'refit.epochs' must be between 1 and 200; got 201.")]
    [InlineData("""{"edits":[{"kind":"Downtune","className":"boat","conceptName":"water"}],"refit":{"tolerance":1e-6,"maxIterations":5000}}""", "'refit.maxIterations' must be between 1 and 2000; got 5000.")]
    [InlineData("""{"edits":[{"kind":"Downtune","className":"boat","conceptName":"water"}],"refit":{"epochs":5,"tolerance":1e-6}}""", "both \"epochs\" and \"tolerance\"")]
    [InlineData("""{"edits":[{"kind":"Downtune","className":"boat","conceptName":"water"},{"kind":"Lock","className":"boat","conceptName":"water"}]}""", "both change the weight of 'water' in class 'boat'")]
    [InlineData("""{"edits":[{"kind":"Explode","className":"boat","conceptName":"water"}]}""", "not a valid request")]
    [InlineData("""{"edits":[{"kind":7,"className":"boat","conceptName":"water"}]}""", "has kind 7; use one of")]
    [InlineData("""{"edits":[{"kind":"Release","className":"fish","conceptName":"fin"}]}""", "nothing to release")]
    [InlineData("""{"edits":[null]}""", "Edit 0 is null")]
    [InlineData("""not json""", "not a valid request")]
    [InlineData("""null""", "body is empty")]
    public async Task Bad_edit_requests_are_refused_with_a_message_before_any_refit(string body, string message)
    {
        var version = host.Session.Current.Id;
        using var response = await Client.PostAsync("/api/edits", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = (await JsonReading.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("error").GetString()!;
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(version, host.Session.Current.Id);
    }

    [Fact]
    public async Task Edit_bodies_must_be_json_and_small()
    {
        using var text = await Client.PostAsync("/api/edits", new StringContent("{}", Encoding.UTF8, "text/plain"));
        await JsonReading.ReadAsync(text, HttpStatusCode.UnsupportedMediaType);

        var huge = "{\"edits\":[],\"pad\":\"" + new string('x', 100_000) + "\"}";
        using var large = await Client.PostAsync("/api/edits", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task Downtune_runs_as_a_job_logs_an_entry_within_bounds_and_undo_redo_move_between_versions()
    {
        await host.ResetAsync();
        var before = await Client.GetJsonAsync("/api/fidelity");
        var boat = host.Session.Students.ClassNames.ToList().IndexOf("boat");
        var water = host.Session.Students.ConceptNames.ToList().IndexOf("water");
        var w0 = host.Session.Students.StandardizedWeights(boat)[water];

        var job = await EditAsync(new { kind = "Downtune", className = "boat", conceptName = "water", factor = 4 });
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        var version = job.GetProperty("versionId").GetString()!;
        Assert.Equal(version, host.Session.Current.Id);

        // The new weight lies in [w0/4, w0] (same sign), as the bounds route says.
        var w = host.Session.Students.StandardizedWeights(boat)[water];
        var bound = (await Client.GetJsonAsync("/api/bounds")).EnumerateArray().Single(b => b.GetProperty("conceptName").GetString() == "water");
        Assert.Equal(w0 / 4, bound.GetProperty("lower").GetSingle(), 6);
        Assert.Equal(w0, bound.GetProperty("upper").GetSingle(), 6);
        Assert.InRange(w, Math.Min(w0 / 4, w0), Math.Max(w0 / 4, w0));

        var history = await Client.GetJsonAsync("/api/history");
        Assert.Equal(version, history.GetProperty("currentId").GetString());
        var entry = history.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("id").GetString() == version);
        Assert.Equal("v0", entry.GetProperty("parentId").GetString());
        var logged = JsonSerializer.Deserialize(entry.GetRawText(), EditingJsonContext.Default.ProvenanceEntry)!;
        Assert.Equal(ConceptEdit.Downtune("boat", "water", 4), logged.Edits.Single());

        var after = await Client.GetJsonAsync("/api/fidelity");
        Assert.NotEqual(before.GetProperty("meanKl").GetDouble(), after.GetProperty("meanKl").GetDouble());

        var undone = await PostAsync("/api/undo", new { });
        Assert.Equal("v0", undone.GetProperty("currentId").GetString());
        var back = await Client.GetJsonAsync("/api/fidelity");
        Assert.Equal(before.GetRawText(), back.GetRawText());

        var redone = await PostAsync("/api/redo", new { });
        Assert.Equal(version, redone.GetProperty("currentId").GetString());
        Assert.Equal(after.GetRawText(), (await Client.GetJsonAsync("/api/fidelity")).GetRawText());

        var diff = await Client.GetJsonAsync($"/api/diff?from=v0&to={version}");
        Assert.Contains(diff.GetProperty("weights").EnumerateArray(), d => d.GetProperty("className").GetString() == "boat" && d.GetProperty("conceptName").GetString() == "water");
        Assert.Equal(after.GetProperty("top1Agreement").GetDouble() - before.GetProperty("top1Agreement").GetDouble(), diff.GetProperty("top1AgreementDelta").GetDouble(), 12);
    }

    [Fact]
    public async Task Checkout_then_edit_starts_a_branch()
    {
        await host.ResetAsync();
        var first = (await EditAsync(new { kind = "Remove", className = "car", conceptName = "wheel" })).GetProperty("versionId").GetString()!;
        await PostAsync("/api/checkout", new { versionId = "v0" });
        var second = (await EditAsync(new { kind = "Lock", className = "car", conceptName = "wheel" })).GetProperty("versionId").GetString()!;
        var entries = (await Client.GetJsonAsync("/api/history")).GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("parentId").GetString());
        Assert.Equal("v0", entries[first]);
        Assert.Equal("v0", entries[second]);
        Assert.Equal(0f, host.Session.Editing.StudentsAt(first).StandardizedWeights(1)[host.Session.Scores.IndexOfConcept("wheel")]);
    }

    [Fact]
    public async Task Names_the_library_accepts_are_accepted_and_an_edit_refits_to_convergence_by_default()
    {
        // The Studio checks edits with the library's own validator, so it never refuses what the library accepts.
        await host.ResetAsync();
        var job = await EditAsync(new { kind = "Downtune", className = " BOAT", conceptName = "Water", factor = 4 }, paperEpochs: false);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        var entry = host.Session.History.Entries[^1];
        Assert.NotNull(entry.Refit.Tolerance);
        var bounds = Assert.Single(entry.Bounds);
        Assert.Equal(0f, Math.Min(bounds.Lower, bounds.Upper) * Math.Max(bounds.Lower, bounds.Upper));
        await host.ResetAsync();
    }

    [Fact]
    public async Task Moves_that_cannot_happen_are_refused()
    {
        await host.ResetAsync();
        Assert.Contains("Nothing to undo", await PostErrorAsync("/api/undo", new { }, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("Version 'v99' is not in the provenance log", await PostErrorAsync("/api/checkout", new { versionId = "v99" }, HttpStatusCode.NotFound), StringComparison.Ordinal);
        Assert.Contains("versionId", await PostErrorAsync("/api/checkout", new { }, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("'to' must be a version", await Client.ErrorAsync("/api/diff?from=v0&to=v77", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("'from' must be a version", await Client.ErrorAsync("/api/diff", HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edits_and_moves_made_on_a_version_the_session_has_left_are_409_and_change_nothing()
    {
        await host.ResetAsync();
        var v1 = (await EditAsync(new { kind = "Downtune", className = "boat", conceptName = "water", factor = 2 })).GetProperty("versionId").GetString()!;
        // The page's own moves name the version it shows, and go through.
        Assert.Equal("v0", (await PostAsync("/api/checkout", new { versionId = "v0", expectedVersion = v1 })).GetProperty("currentId").GetString());
        var entries = host.Session.History.Entries.Count;
        var weights = host.Session.Students.StandardizedWeights(0).ToArray();

        // A page still showing v1: its edit, undo, redo and checkout are refused with the library's words.
        var stale = $"The session is at version 'v0', not '{v1}'";
        var edit = new { kind = "Remove", className = "boat", conceptName = "water" };
        Assert.Contains(stale, await PostErrorAsync("/api/edits", new { edits = new[] { edit }, expectedVersion = v1 }, HttpStatusCode.Conflict), StringComparison.Ordinal);
        // Stale first, whatever else is wrong: the person must look at the current version before anything else matters.
        var bad = new { kind = "Uptune", className = "boat", conceptName = "water", factor = 1000 };
        Assert.Contains(stale, await PostErrorAsync("/api/edits", new { edits = new[] { bad }, expectedVersion = v1 }, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains(stale, await PostErrorAsync("/api/undo", new { expectedVersion = v1 }, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains(stale, await PostErrorAsync("/api/redo", new { expectedVersion = v1 }, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains(stale, await PostErrorAsync("/api/checkout", new { versionId = v1, expectedVersion = v1 }, HttpStatusCode.Conflict), StringComparison.Ordinal);

        Assert.Equal("v0", host.Session.Current.Id);
        Assert.Equal(entries, host.Session.History.Entries.Count);
        Assert.Equal(weights, host.Session.Students.StandardizedWeights(0).ToArray());
        Assert.Equal("v0", (await Client.GetJsonAsync("/api/state")).GetProperty("currentVersion").GetString());
    }

    [Fact]
    public async Task Save_writes_a_session_file_that_opens_with_the_library_and_refuses_paths()
    {
        foreach (var bad in new[] { "../escape", "a/b", "", "x.infcd", new string('a', 65) })
        {
            Assert.Contains("'name' must be", await PostErrorAsync("/api/save", new { name = bad }, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }
        var saved = await PostAsync("/api/save", new { name = "saved-by-test" });
        Assert.Equal("saved-by-test.infcd", saved.GetProperty("file").GetString());
        var path = Path.Combine(host.Folder, "saved-by-test.infcd");
        using var reopened = await DistillationSession.LoadAsync(path);
        Assert.Equal(host.Session.Current.Id, reopened.Current.Id);
        Assert.Equal(new FileInfo(path).Length, saved.GetProperty("bytes").GetInt64());
    }

    private async Task<JsonElement> EditAsync(object edit, bool paperEpochs = true)
    {
        using var response = paperEpochs
            ? await Client.PostAsJsonAsync("/api/edits", new { edits = new[] { edit }, refit = new { epochs = 5 } })
            : await Client.PostAsJsonAsync("/api/edits", new { edits = new[] { edit } });
        var job = await JsonReading.ReadAsync(response, HttpStatusCode.Accepted);
        var id = job.GetProperty("id").GetString()!;
        for (var i = 0; i < 600 && job.GetProperty("state").GetString() == "running"; i++)
        {
            await Task.Delay(50);
            job = await Client.GetJsonAsync("/api/jobs/" + id);
        }
        return job;
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await Client.PostAsJsonAsync(path, body);
        return await JsonReading.ReadAsync(response, HttpStatusCode.OK);
    }

    private async Task<string> PostErrorAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await Client.PostAsJsonAsync(path, body);
        return (await JsonReading.ReadAsync(response, expected)).GetProperty("error").GetString()!;
    }
}
