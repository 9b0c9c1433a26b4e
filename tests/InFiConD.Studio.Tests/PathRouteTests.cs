using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace InFiConD.Studio.Tests;

/// <summary>
/// "Simpler students": the λ path fitted as a job and answered per version (the library's <see cref="RegularizationPath"/>),
/// a point previewed and applied through the edit routes as <c>{"edits":[],"lambda":…}</c>, and bad requests refused.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class PathRouteTests(StudioHostFixture host)
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task The_path_is_the_library_s_of_the_current_version_and_a_point_is_previewed_then_applied_as_a_version()
    {
        await host.ResetAsync();
        var job = await Client.RunJobAsync("/api/path", new { versionId = "v0" });
        Assert.Equal(("succeeded", "Find simpler students", "v0"), (job.GetProperty("state").GetString(), job.GetProperty("kind").GetString(), job.GetProperty("versionId").GetString()));
        var json = await Client.GetJsonAsync("/api/path");
        Assert.Equal(JsonSerializer.Serialize(host.Workspace.PathOf("v0"), InFiConDJsonContext.Default.RegularizationPath), json.GetRawText());
        var path = JsonSerializer.Deserialize(json.GetRawText(), InFiConDJsonContext.Default.RegularizationPath)!;
        Assert.Equal(12, path.Points.Count);
        Assert.Equal(host.Session.Current.Lambda, path.SessionLambda);
        Assert.Equal(host.Session.Splits.Select(s => s.Name).Order(), path.Points[0].Fidelity.Keys.Order());
        Assert.Equal("v0", host.Session.Current.Id);

        // As the page does: the suggested point's λ, with no edits, on the version shown.
        var lambda = path.SuggestedPoint.Lambda;
        var body = new { edits = Array.Empty<object>(), lambda, expectedVersion = "v0" };
        var preview = await Client.PostJsonAsync("/api/preview", body, HttpStatusCode.OK);
        Assert.Equal(host.Session.Students.ClassCount, preview.GetProperty("changes").GetArrayLength());
        Assert.Equal("v0", host.Session.Current.Id);

        var applied = await Client.RunJobAsync("/api/edits", body);
        Assert.Equal("succeeded", applied.GetProperty("state").GetString());
        Assert.Equal("refit at λ = " + lambda.ToString("G4", CultureInfo.InvariantCulture), applied.GetProperty("kind").GetString());
        var version = applied.GetProperty("versionId").GetString()!;
        Assert.Equal((version, lambda), (host.Session.Current.Id, host.Session.Current.Lambda));
        Assert.Equal(path.SessionLambda, host.Session.History.Find(version)!.PreviousLambda);
        // The preview was this very refit: the same weights, bit for bit.
        var previewed = JsonSerializer.Deserialize(preview.GetRawText(), InFiConDJsonContext.Default.EditPreview)!;
        Assert.Equal(previewed.Students.CopyStandardizedWeights().AsSpan().ToArray(), host.Session.Students.CopyStandardizedWeights().AsSpan().ToArray());
        var entry = (await Client.GetJsonAsync("/api/history")).GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("id").GetString() == version);
        Assert.Equal(path.SessionLambda, entry.GetProperty("previousLambda").GetDouble());

        // The new version has no path yet.
        using (var after = await Client.GetAsync("/api/path"))
        {
            Assert.Equal(HttpStatusCode.NoContent, after.StatusCode);
        }
        await host.ResetAsync();
    }

    [Fact]
    public async Task Bad_lambdas_and_stale_versions_are_refused_by_name()
    {
        await host.ResetAsync();
        var negative = await Client.PostJsonAsync("/api/preview", new { edits = Array.Empty<object>(), lambda = -1 }, HttpStatusCode.BadRequest);
        Assert.Contains("finite and ≥ 0", negative.GetProperty("error").GetString(), StringComparison.Ordinal);
        var same = await Client.PostJsonAsync("/api/edits", new { edits = Array.Empty<object>(), lambda = host.Session.Current.Lambda }, HttpStatusCode.BadRequest);
        Assert.Contains("nothing to do", same.GetProperty("error").GetString(), StringComparison.Ordinal);
        var stale = await Client.PostJsonAsync("/api/path", new { versionId = "v9" }, HttpStatusCode.Conflict);
        Assert.Contains("v9", stale.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("v0", host.Session.Current.Id);
    }
}
