using System.Net;
using System.Text.Json;
using InFiConD.Analysis;
using InFiConD.Students;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Studio.Tests;

/// <summary>The read routes against the session underneath, recounted independently where the route computes.</summary>
[Collection(StudioCollection.Name)]
public sealed class ReadRouteTests(StudioHostFixture host)
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task State_reports_a_ready_world_session_with_images()
    {
        var state = await Client.GetJsonAsync("/api/state");
        Assert.Equal("ready", state.GetProperty("status").GetString());
        Assert.Equal("world", state.GetProperty("mode").GetString());
        Assert.True(state.GetProperty("hasImages").GetBoolean());
        Assert.Equal(host.Session.Current.Id, state.GetProperty("currentVersion").GetString());
    }

    [Fact]
    public async Task Config_counts_class_balance_and_teacher_accuracy_by_recount()
    {
        var config = await Client.GetJsonAsync("/api/config");
        var session = host.Session;
        var world = host.Workspace.World!;
        Assert.Equal(world.Train.Count, config.GetProperty("imageCount").GetInt32());
        Assert.Equal(world.ClassNames, config.GetProperty("classNames").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal(37, config.GetProperty("conceptNames").GetArrayLength());

        // Recount from the world's own labels and the teacher's probabilities, by id.
        var truth = Enumerable.Range(0, world.Train.Count).ToDictionary(i => world.Train.Source[i].Id, i => world.Train.Labels[i]);
        var teacher = session.Teacher.AlignTo(session.Scores.ImageIds);
        var right = 0;
        var predicted = new int[world.ClassNames.Count];
        for (var n = 0; n < session.Scores.ImageCount; n++)
        {
            var row = teacher.Probabilities.Row(n).ToArray();
            var top = Array.IndexOf(row, row.Max());
            predicted[top]++;
            right += top == truth[session.Scores.ImageIds[n]] ? 1 : 0;
        }
        Assert.Equal((double)right / session.Scores.ImageCount, config.GetProperty("teacherAccuracy").GetDouble(), 12);
        var balance = config.GetProperty("classes").EnumerateArray().ToList();
        for (var k = 0; k < balance.Count; k++)
        {
            Assert.Equal(8, balance[k].GetProperty("groundTruth").GetInt32());
            Assert.Equal(predicted[k], balance[k].GetProperty("teacher").GetInt32());
        }
        Assert.Equal(session.Scores.ImageCount, balance.Sum(b => b.GetProperty("student").GetInt32()));
        // Boxes are the library's, per image (/api/segments): the configuration no longer carries a copy.
        Assert.False(config.TryGetProperty("segmentBoxes", out _));
        Assert.Equal(3, config.GetProperty("bootstrapMembers").GetInt32());
    }

    [Fact]
    public async Task Config_carries_each_concepts_detection_quality_from_the_bank()
    {
        var quality = (await Client.GetJsonAsync("/api/config")).GetProperty("conceptQuality").EnumerateArray().ToList();
        var bank = host.Session.Bank!;
        Assert.Equal(bank.Count, quality.Count);
        for (var c = 0; c < bank.Count; c++)
        {
            var expected = bank.Quality![c]!;
            Assert.Equal(expected.Auc, quality[c].GetProperty("auc").GetDouble(), 12);
            Assert.Equal(expected.IsReliable, quality[c].GetProperty("isReliable").GetBoolean());
            Assert.Equal(expected.Auc >= 0.7, expected.IsReliable);
        }
    }

    [Fact]
    public async Task Report_is_the_librarys_record_for_the_current_version()
    {
        using var response = await Client.GetAsync("/api/report");
        var report = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), AnalysisJsonContext.Default.MisalignmentReport)!;
        var expected = host.Session.Analyze();
        Assert.Equal(expected.Agreement, report.Agreement);
        Assert.Equal(expected.Classes.Select(c => (c.TeacherOnly.Count, c.StudentOnly.Count)), report.Classes.Select(c => (c.TeacherOnly.Count, c.StudentOnly.Count)));
        Assert.True(report.Agreement < 1, "The test session should have disagreements to show.");

        // Agreement by brute force: argmax of the students' logits against the teacher's argmax.
        var logits = host.Session.Students.Logits(host.Session.Scores.Values);
        var teacher = host.Session.Teacher.AlignTo(host.Session.Scores.ImageIds).Probabilities;
        var agree = Enumerable.Range(0, logits.Rows).Count(n => ArgMax(logits.Row(n)) == ArgMax(teacher.Row(n)));
        Assert.Equal((double)agree / logits.Rows, report.Agreement, 12);

        var fidelity = await Client.GetJsonAsync("/api/fidelity");
        Assert.Equal(report.Agreement, fidelity.GetProperty("top1Agreement").GetDouble(), 12);
    }

    [Fact]
    public async Task Students_route_is_the_librarys_weight_table_and_reads_back_to_the_same_weights()
    {
        using var response = await Client.GetAsync("/api/students");
        var table = StudentTable.FromJson(await response.Content.ReadAsStringAsync());
        var students = host.Session.Students;
        for (var k = 0; k < students.ClassCount; k++)
        {
            Assert.Equal(students.StandardizedWeights(k).ToArray(), table.StandardizedWeights(k).ToArray());
        }
        var bounds = await Client.GetJsonAsync("/api/bounds");
        Assert.Equal(JsonValueKind.Array, bounds.ValueKind);
    }

    [Fact]
    public async Task Explain_adds_up_to_the_logit_and_refuses_unknown_or_missing_ids()
    {
        var id = host.Session.Scores.ImageIds[3];
        var x = await Client.GetJsonAsync("/api/explain?id=" + Uri.EscapeDataString(id));
        var student = x.GetProperty("student");
        var sum = student.GetProperty("bias").GetDouble() + student.GetProperty("contributions").EnumerateArray().Sum(c => c.GetProperty("contribution").GetDouble());
        Assert.Equal(student.GetProperty("logit").GetDouble(), sum, 9);
        Assert.Equal(id, x.GetProperty("imageId").GetString());

        Assert.Contains("no image 'nope'", await Client.ErrorAsync("/api/explain?id=nope", HttpStatusCode.NotFound), StringComparison.Ordinal);
        Assert.Contains("?id=", await Client.ErrorAsync("/api/explain", HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Examples_list_the_top_images_of_a_concept_highest_first()
    {
        var x = await Client.GetJsonAsync("/api/examples?concept=water");
        var top = x.GetProperty("topImages").EnumerateArray().ToList();
        Assert.NotEmpty(top);
        var scores = host.Session.Scores;
        var j = scores.IndexOfConcept("water");
        var best = Enumerable.Range(0, scores.ImageCount).Max(n => scores[n, j]);
        Assert.Equal(best, top[0].GetProperty("score").GetSingle());
        Assert.True(top.Zip(top.Skip(1)).All(p => p.First.GetProperty("score").GetSingle() >= p.Second.GetProperty("score").GetSingle()));

        await Client.ErrorAsync("/api/examples?concept=unicorn", HttpStatusCode.NotFound);
        await Client.ErrorAsync("/api/examples", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Segments_are_the_librarys_locations_and_an_absent_concept_has_no_box()
    {
        var session = host.Session;
        var id = session.Scores.ImageIds[0];
        using (var response = await Client.GetAsync("/api/segments?id=" + Uri.EscapeDataString(id)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(JsonSerializer.Serialize(session.Locate(id), InFiConDJsonContext.Default.ConceptLocations), await response.Content.ReadAsStringAsync());
        }
        var layout = await Client.GetJsonAsync("/api/segments?id=" + Uri.EscapeDataString(id));
        var boxes = layout.GetProperty("segments").EnumerateArray().Select(b => (b.GetProperty("x").GetInt32(), b.GetProperty("y").GetInt32(), b.GetProperty("width").GetInt32())).ToList();
        Assert.Equal([(0, 0, 224), (0, 0, 112), (112, 0, 112), (0, 112, 112), (112, 112, 112)], boxes);
        Assert.Equal(session.Scores.ConceptNames, layout.GetProperty("concepts").EnumerateArray().Select(c => c.GetProperty("concept").GetString()!));

        // An image with a concept the library finds absent: that concept has neither a best segment nor a box, so a page
        // has nothing to draw; a present one's box is its best segment's.
        var (image, absent) = session.Scores.ImageIds.SelectMany(i => session.Locate(i).Concepts.Where(c => !c.Present).Select(c => (i, c.Concept))).First();
        var concepts = (await Client.GetJsonAsync("/api/segments?id=" + Uri.EscapeDataString(image))).GetProperty("concepts").EnumerateArray().ToList();
        var missing = concepts.Single(c => c.GetProperty("concept").GetString() == absent);
        Assert.False(missing.GetProperty("present").GetBoolean());
        Assert.False(missing.TryGetProperty("box", out _));
        Assert.False(missing.TryGetProperty("bestSegment", out _));
        var segments = (await Client.GetJsonAsync("/api/segments?id=" + Uri.EscapeDataString(image))).GetProperty("segments");
        Assert.All(concepts.Where(c => c.GetProperty("present").GetBoolean()), c =>
            Assert.Equal(segments[c.GetProperty("bestSegment").GetInt32()].GetRawText(), c.GetProperty("box").GetRawText()));

        Assert.Contains("no image 'nope'", await Client.ErrorAsync("/api/segments?id=nope", HttpStatusCode.NotFound), StringComparison.Ordinal);
        Assert.Contains("?id=", await Client.ErrorAsync("/api/segments", HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_are_the_worlds_pixels_as_png_and_only_the_sessions_ids_are_served()
    {
        var world = host.Workspace.World!;
        var id = world.Train.Source[5].Id;
        using var response = await Client.GetAsync("/api/image?id=" + Uri.EscapeDataString(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var png = Image.Load<Rgb24>(await response.Content.ReadAsByteArrayAsync());
        var expected = world.Train.RenderImage(5);
        Assert.Equal((expected.Width, expected.Height), (png.Width, png.Height));
        var pixels = new byte[expected.Rgb.Length];
        png.CopyPixelDataTo(pixels);
        Assert.Equal(expected.Rgb, pixels);

        foreach (var bad in new[] { "../../etc/passwd", "/etc/passwd", world.Test.Source[0].Id, "train/999999", "train%2F..%2F..%2Fetc" })
        {
            await Client.ErrorAsync("/api/image?id=" + Uri.EscapeDataString(bad), HttpStatusCode.NotFound);
        }
        await Client.ErrorAsync("/api/image", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Page_and_assets_are_served_with_a_policy_that_keeps_them_off_the_network()
    {
        using var page = await Client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var view in new[] { "config", "performance", "influence", "instances", "examples", "provenance" })
        {
            Assert.Contains($"<section id=\"{view}\"", html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        // Every script and style sheet the page loads (the entry module imports the others from js/).
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var assets = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".js", StringComparison.Ordinal) || f.EndsWith(".css", StringComparison.Ordinal))
            .Select(f => "/" + Path.GetRelativePath(root, f).Replace('\\', '/')).ToList();
        Assert.Contains("/studio.js", assets);
        Assert.Contains("/js/detail.js", assets);
        foreach (var asset in assets)
        {
            using var response = await Client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_routes_and_foreign_host_names_are_refused()
    {
        Assert.Contains("no such API route", await Client.ErrorAsync("/api/nothing-here", HttpStatusCode.NotFound), StringComparison.Ordinal);
        await Client.ErrorAsync("/api/jobs/job999", HttpStatusCode.NotFound);

        // DNS rebinding: a request naming another host is not served while the Studio listens on loopback.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/state");
        request.Headers.Host = "attacker.example";
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            best = row[i] > row[best] ? i : best;
        }
        return best;
    }
}
