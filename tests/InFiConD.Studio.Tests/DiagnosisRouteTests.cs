using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InFiConD.Analysis;
using InFiConD.Editing;

namespace InFiConD.Studio.Tests;

/// <summary>
/// The diagnosis routes: "Check fixes" as a job that measures the suspects' fixes (the library's <see cref="ShortcutDiagnosis"/>
/// unchanged), answered per version and split; applying a proposal through the edit route; stale versions refused;
/// jobs cancelled.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class DiagnosisRouteTests(StudioHostFixture host)
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task Check_fixes_runs_as_a_job_and_answers_the_library_s_diagnosis_of_the_current_version()
    {
        await host.ResetAsync();
        var split = host.Session.DiagnosisSplit;
        var job = await Client.RunJobAsync("/api/diagnosis", new { split, versionId = "v0" });
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal("v0", job.GetProperty("versionId").GetString());
        Assert.Equal($"Check fixes on {split}", job.GetProperty("kind").GetString());
        Assert.Equal("v0", host.Session.Current.Id);

        var json = await Client.GetJsonAsync("/api/diagnosis?split=" + split);
        foreach (var name in new[] { "split", "versionId", "report", "confirmed", "headline" })
        {
            Assert.True(json.TryGetProperty(name, out _), $"the diagnosis has no '{name}': {json}");
        }
        var diagnosis = JsonSerializer.Deserialize(json.GetRawText(), EditingJsonContext.Default.ShortcutDiagnosis)!;
        Assert.Equal((split, "v0"), (diagnosis.Split, diagnosis.VersionId));
        // The suspects are the ones the page shows: the report route's, with the Studio's analysis options.
        var report = JsonSerializer.Deserialize((await Client.GetJsonAsync("/api/report?split=" + split)).GetRawText(), AnalysisJsonContext.Default.MisalignmentReport)!;
        Assert.Equal(report.Suspects.Select(s => (s.ClassName, s.ConceptName, s.AdjustedPValue)), diagnosis.Report.Suspects.Select(s => (s.ClassName, s.ConceptName, s.AdjustedPValue)));
        Assert.Equal(Math.Min(StudioWorkspace.Diagnosis.Confirm, report.Suspects.Count), diagnosis.Confirmed.Count);
        foreach (var confirmed in diagnosis.Confirmed)
        {
            Assert.Equal(confirmed.Suspect.Fixes.Count, confirmed.Fixes.Count);
            foreach (var fix in confirmed.Fixes)
            {
                // Before → after on every split of the session, the training images first.
                Assert.Equal(host.Session.Splits.Select(s => s.Name), fix.Splits.Select(o => o.Split));
                Assert.All(fix.Edits, e => Assert.Equal(ConceptEditKind.Remove, e.Kind));
            }
        }
        Assert.Equal(JsonSerializer.Serialize(host.Workspace.DiagnosisOf("v0", split), EditingJsonContext.Default.ShortcutDiagnosis), json.GetRawText());
    }

    [Fact]
    public async Task Without_a_split_the_diagnosis_reads_the_library_s_diagnosis_split()
    {
        await host.ResetAsync();
        var job = await Client.RunJobAsync("/api/diagnosis", new { });
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal($"Check fixes on {host.Session.DiagnosisSplit}", job.GetProperty("kind").GetString());
        Assert.Equal(host.Session.DiagnosisSplit, (await Client.GetJsonAsync("/api/diagnosis")).GetProperty("split").GetString());
    }

    [Fact]
    public async Task Applying_a_proposal_posts_its_edits_and_the_diagnosed_version_to_the_edit_route()
    {
        await host.ResetAsync();
        var split = host.Session.DiagnosisSplit;
        Assert.Equal("succeeded", (await Client.RunJobAsync("/api/diagnosis", new { split, versionId = "v0" })).GetProperty("state").GetString());
        var json = await Client.GetJsonAsync("/api/diagnosis?split=" + split);
        var confirmed = json.GetProperty("confirmed");
        Assert.True(confirmed.GetArrayLength() > 0, $"the test session has no suspect on {split}: {json.GetProperty("headline")}");
        // As the page does: the proposal's edits exactly as the diagnosis sent them.
        var proposal = confirmed[0].GetProperty("proposedFix");
        var body = $$"""{"edits":{{proposal.GetProperty("edits").GetRawText()}},"expectedVersion":"v0"}""";
        using var response = await Client.PostAsync("/api/edits", new StringContent(body, Encoding.UTF8, "application/json"));
        var job = await Client.FollowJobAsync(await JsonReading.ReadAsync(response, HttpStatusCode.Accepted));
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        var version = job.GetProperty("versionId").GetString()!;
        Assert.Equal(version, host.Session.Current.Id);

        // The concept is out of every class the proposal named, and the logged edits are the proposal's.
        var fix = JsonSerializer.Deserialize(proposal.GetRawText(), EditingJsonContext.Default.MeasuredFix)!;
        var concept = host.Session.Scores.IndexOfConcept(fix.ConceptName);
        foreach (var cls in fix.ClassNames)
        {
            Assert.Equal(0f, host.Session.Students.StandardizedWeights(host.Session.Students.ClassNames.ToList().IndexOf(cls))[concept]);
        }
        Assert.Equal(fix.Edits, host.Session.History.Find(version)!.Edits);
        // The measured outcome is what the edit did: the diagnosis was a preview of this very refit.
        var measured = fix.On(split).After;
        var logged = host.Session.History.Find(version)!.Evaluation!.Single(e => e.Split == split).After;
        Assert.Equal(measured.Top1Agreement, logged.Top1Agreement, 12);

        // The new version has no diagnosis yet: "not checked" is an answer (204), not an error.
        using var after = await Client.GetAsync("/api/diagnosis?split=" + split);
        Assert.Equal(HttpStatusCode.NoContent, after.StatusCode);
        await host.ResetAsync();
    }

    [Fact]
    public async Task Requests_made_on_a_version_the_session_has_left_are_refused()
    {
        await host.ResetAsync();
        var stale = await Client.RunJobAsync("/api/edits", new { edits = new[] { new { kind = "Downtune", className = "boat", conceptName = "water", factor = 2 } }, refit = new { epochs = 3 } });
        var version = stale.GetProperty("versionId").GetString()!;
        await Client.PostJsonAsync("/api/checkout", new { versionId = "v0" }, HttpStatusCode.OK);

        var diagnosis = await Client.PostJsonAsync("/api/diagnosis", new { versionId = version }, HttpStatusCode.Conflict);
        // One wording for both: the library's, whose diagnosis takes no expected version (the Studio checks that one).
        Assert.Contains($"The session is at version 'v0', not '{version}'", diagnosis.GetProperty("error").GetString(), StringComparison.Ordinal);
        var edit = await Client.PostJsonAsync("/api/edits", new { edits = new[] { new { kind = "Remove", className = "boat", conceptName = "water" } }, expectedVersion = version }, HttpStatusCode.Conflict);
        Assert.Contains($"The session is at version 'v0', not '{version}'", edit.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("v0", host.Session.Current.Id);
    }

    [Fact]
    public async Task Bad_diagnosis_requests_are_refused_with_a_message()
    {
        Assert.Contains("no split", (await Client.ErrorAsync("/api/diagnosis?split=zebra", HttpStatusCode.BadRequest)), StringComparison.OrdinalIgnoreCase);
        var unknown = await Client.PostJsonAsync("/api/diagnosis", new { split = "zebra" }, HttpStatusCode.BadRequest);
        Assert.Contains("zebra", unknown.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var text = await Client.PostAsync("/api/diagnosis", new StringContent("{}", Encoding.UTF8, "text/plain"));
        await JsonReading.ReadAsync(text, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Jobs_can_be_cancelled_while_they_run_and_only_then()
    {
        await host.ResetAsync();
        Assert.Contains("no job 'job999'", (await Client.PostJsonAsync("/api/jobs/job999/cancel", new { }, HttpStatusCode.NotFound)).GetProperty("error").GetString(), StringComparison.Ordinal);

        using var started = await Client.PostAsJsonAsync("/api/diagnosis", new { versionId = "v0" });
        var job = await JsonReading.ReadAsync(started, HttpStatusCode.Accepted);
        var id = job.GetProperty("id").GetString()!;
        using var cancel = await Client.PostAsJsonAsync($"/api/jobs/{id}/cancel", new { });
        var final = await Client.FollowJobAsync(job);
        // A job can finish before the request reaches it; either way it ends cleanly and nothing changed.
        if (cancel.StatusCode == HttpStatusCode.Accepted)
        {
            Assert.Equal("cancelled", final.GetProperty("state").GetString());
        }
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        }
        Assert.Equal("v0", host.Session.Current.Id);
        Assert.Contains("is not running", (await Client.PostJsonAsync($"/api/jobs/{id}/cancel", new { }, HttpStatusCode.Conflict)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
