using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace InFiConD.Studio.Tests;

/// <summary>
/// Holes found under load and bad input: simultaneous undos or redos (the library checks and moves under its lock; the
/// losers are answered 409 with a JSON body, never 500: nowhere to go, or a stale expected version), save names ending in
/// a newline, and factors beyond the limits the page shows.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class RaceAndLimitTests(StudioHostFixture host)
{
    private const int Simultaneous = 8;

    private HttpClient Client => host.Client;

    [Fact]
    public async Task Simultaneous_undos_and_redos_move_exactly_as_far_as_they_can_and_the_rest_get_409()
    {
        await host.ResetAsync();
        var chain = new List<string>();
        foreach (var concept in new[] { "water", "road", "grass" })
        {
            chain.Add(await EditAsync(new { kind = "Downtune", className = "boat", conceptName = concept, factor = 2 }));
        }
        for (var round = 0; round < 3; round++)
        {
            var undos = await BurstAsync("/api/undo");
            Assert.Equal(chain.Count, undos.Count(r => r.Status == HttpStatusCode.OK));
            Assert.All(undos.Where(r => r.Status != HttpStatusCode.OK), r => AssertConflict(r, "Nothing to undo"));
            Assert.Equal("v0", host.Session.Current.Id);

            var redos = await BurstAsync("/api/redo");
            Assert.Equal(chain.Count, redos.Count(r => r.Status == HttpStatusCode.OK));
            Assert.All(redos.Where(r => r.Status != HttpStatusCode.OK), r => AssertConflict(r, "Nothing to redo"));
            Assert.Equal(chain[^1], host.Session.Current.Id);
        }
        // Every successful answer is the history after its own move: each version on the way appears exactly once.
        var seen = (await BurstAsync("/api/undo")).Where(r => r.Status == HttpStatusCode.OK)
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("currentId").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "v0" }.Concat(chain[..^1]).Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Of_simultaneous_undos_from_the_version_a_page_shows_one_moves_and_the_rest_are_stale()
    {
        await host.ResetAsync();
        var first = await EditAsync(new { kind = "Downtune", className = "boat", conceptName = "water", factor = 2 });
        var second = await EditAsync(new { kind = "Downtune", className = "boat", conceptName = "road", factor = 2 });
        // Eight pages that all show the second version: the library lets the first undo through and refuses the rest.
        var undos = await BurstAsync("/api/undo", $$"""{"expectedVersion":"{{second}}"}""");
        var moved = Assert.Single(undos, r => r.Status == HttpStatusCode.OK);
        Assert.Equal(first, JsonDocument.Parse(moved.Body).RootElement.GetProperty("currentId").GetString());
        Assert.All(undos.Where(r => r.Status != HttpStatusCode.OK), r => AssertConflict(r, $"The session is at version '{first}', not '{second}'"));
        Assert.Equal(first, host.Session.Current.Id);
        await host.ResetAsync();
    }

    [Theory]
    [InlineData("ok\n")]
    [InlineData("ok\r\n")]
    [InlineData("\nok")]
    [InlineData("ok\u2028")]
    public async Task A_save_name_with_a_line_break_is_refused_and_writes_nothing(string name)
    {
        var before = Directory.Exists(host.Folder) ? Directory.GetFiles(host.Folder).Length : 0;
        using var response = await Client.PostAsJsonAsync("/api/save", new { name });
        var error = (await JsonReading.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("error").GetString()!;
        Assert.Contains("'name' must be 1 to 64 letters", error, StringComparison.Ordinal);
        Assert.Equal(before, Directory.Exists(host.Folder) ? Directory.GetFiles(host.Folder).Length : 0);
    }

    [Theory]
    [InlineData("1000")]
    [InlineData("1e300")]
    [InlineData("100.5")]
    [InlineData("1.005")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"NaN\"")]
    public async Task A_factor_outside_the_pages_limits_is_refused_with_a_plain_message(string factor)
    {
        var version = host.Session.Current.Id;
        var body = $$$"""{"edits":[{"kind":"Uptune","className":"boat","conceptName":"water","factor":{{{factor}}}}],"refit":{"epochs":5}}""";
        using var response = await Client.PostAsync("/api/edits", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = (await JsonReading.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("error").GetString()!;
        Assert.Contains("the factor must be between 1.01 and 100", error, StringComparison.Ordinal);
        Assert.Contains("Edit 0 (Uptune boat/water)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value", error, StringComparison.Ordinal);
        Assert.DoesNotContain("E+", error, StringComparison.Ordinal);
        Assert.Equal(version, host.Session.Current.Id);
    }

    [Fact]
    public async Task The_limits_the_server_checks_are_the_ones_the_page_shows()
    {
        var limits = (await Client.GetJsonAsync("/api/config")).GetProperty("limits");
        Assert.Equal(EditValidation.MinFactor, limits.GetProperty("minFactor").GetDouble());
        Assert.Equal(EditValidation.MaxFactor, limits.GetProperty("maxFactor").GetDouble());
        Assert.Equal(EditValidation.MaxEpochs, limits.GetProperty("maxEpochs").GetInt32());
        Assert.Equal(EditValidation.MaxEdits, limits.GetProperty("maxEdits").GetInt32());
        Assert.Equal(1.01, EditValidation.MinFactor);
        Assert.Equal(100, EditValidation.MaxFactor);

        // The page has no limits of its own: it takes them from /api/config when the session is ready.
        var page = await Client.GetStringAsync("/");
        foreach (var input in new[] { "factor", "epochs" })
        {
            var tag = page[page.IndexOf($"<input id=\"{input}\"", StringComparison.Ordinal)..];
            tag = tag[..(tag.IndexOf('>', StringComparison.Ordinal) + 1)];
            Assert.DoesNotContain(" min=", tag, StringComparison.Ordinal);
            Assert.DoesNotContain(" max=", tag, StringComparison.Ordinal);
        }
        Assert.Contains("limits.maxFactor", await Client.GetStringAsync("/js/config.js"), StringComparison.Ordinal);
    }

    private static void AssertConflict((HttpStatusCode Status, string? MediaType, string Body) response, string message)
    {
        Assert.True(response.Status == HttpStatusCode.Conflict, $"expected 409, got {(int)response.Status}: '{response.Body}'");
        Assert.Equal("application/json", response.MediaType);
        Assert.Contains(message, JsonDocument.Parse(response.Body).RootElement.GetProperty("error").GetString()!, StringComparison.Ordinal);
    }

    /// <summary>Sends <see cref="Simultaneous"/> POSTs at once (released together) and collects the answers.</summary>
    private async Task<(HttpStatusCode Status, string? MediaType, string Body)[]> BurstAsync(string path, string body = "{}")
    {
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, Simultaneous).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }).ToArray();
        start.Release(Simultaneous);
        return await Task.WhenAll(requests);
    }

    private async Task<string> EditAsync(object edit)
    {
        using var response = await Client.PostAsJsonAsync("/api/edits", new { edits = new[] { edit }, refit = new { epochs = 5 } });
        var job = await JsonReading.ReadAsync(response, HttpStatusCode.Accepted);
        var id = job.GetProperty("id").GetString()!;
        for (var i = 0; i < 600 && job.GetProperty("state").GetString() == "running"; i++)
        {
            await Task.Delay(50);
            job = await Client.GetJsonAsync("/api/jobs/" + id);
        }
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        return job.GetProperty("versionId").GetString()!;
    }
}
