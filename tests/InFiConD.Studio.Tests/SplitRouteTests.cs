using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InFiConD.Analysis;
using InFiConD.Editing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Studio.Tests;

/// <summary>
/// The split parameter: the default session holds ConceptWorld's test and shifted splits, and every read that describes
/// images answers on the split it names with exactly what the library computes on the same session.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class SplitRouteTests(StudioHostFixture host)
{
    private const string Shifted = "shifted";

    private HttpClient Client => host.Client;

    [Fact]
    public async Task The_default_session_holds_test_and_shifted_splits_labelled_from_the_images_and_opens_on_the_diagnosis_split()
    {
        var session = host.Session;
        var world = host.Workspace.World!;
        Assert.Equal(new[] { "train", "test", "shifted" }, session.Splits.Select(s => s.Name));
        foreach (var (split, scenes) in session.Splits.Zip(new[] { world.Train, world.Test, world.Shifted }))
        {
            // Ground truth from the scenes' own labels (no hand-made dictionary): image by image, the world's class.
            var byId = Enumerable.Range(0, scenes.Count).ToDictionary(i => scenes.Source[i].Id, i => scenes.Labels[i]);
            Assert.Equal(split.ImageIds.Select(id => byId[id]), split.GroundTruth!);
        }
        Assert.Equal(24, session.Split(Shifted).ImageCount);

        var config = await Client.GetJsonAsync("/api/config");
        // The page opens where a diagnosis looks by default: the held-out split where the students do worst.
        Assert.Equal(session.DiagnosisSplit, config.GetProperty("defaultSplit").GetString());
        Assert.NotEqual("train", session.DiagnosisSplit);
        Assert.Equal("train", config.GetProperty("split").GetString());
        var splits = config.GetProperty("splits").EnumerateArray().ToList();
        Assert.Equal(session.Splits.Select(s => (s.Name, s.ImageCount, true, s.IsTraining, true)),
            splits.Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("imageCount").GetInt32(), s.GetProperty("hasLabels").GetBoolean(),
                s.GetProperty("isTraining").GetBoolean(), s.GetProperty("hasImages").GetBoolean())));
    }

    [Theory]
    [InlineData("/api/config?split=nowhere")]
    [InlineData("/api/fidelity?split=nowhere")]
    [InlineData("/api/report?split=nowhere")]
    [InlineData("/api/history?split=nowhere")]
    [InlineData("/api/explain?id=shifted%2F000000&split=nowhere")]
    [InlineData("/api/examples?concept=water&split=nowhere")]
    [InlineData("/api/segments?id=shifted%2F000000&split=nowhere")]
    [InlineData("/api/image?id=shifted%2F000000&split=nowhere")]
    [InlineData("/api/diff?from=v0&to=v0&split=nowhere")]
    public async Task An_unknown_split_is_a_400_with_the_librarys_message_listing_the_splits(string path)
    {
        var expected = ErrorText.Of(Assert.ThrowsAny<ArgumentException>(() => host.Session.Split("nowhere")));
        Assert.Contains("'train', 'test', 'shifted'", expected, StringComparison.Ordinal);
        Assert.Equal(expected, await Client.ErrorAsync(path, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_move_naming_an_unknown_split_is_refused_before_anything_moves()
    {
        await host.ResetAsync();
        using var response = await Client.PostAsJsonAsync("/api/checkout?split=nowhere", new { versionId = "v0" });
        Assert.Contains("no split 'nowhere'", (await JsonReading.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("v0", host.Session.Current.Id);
    }

    [Fact]
    public async Task Metrics_report_and_class_balance_on_the_shifted_split_are_the_librarys()
    {
        await host.ResetAsync();
        var session = host.Session;
        var split = session.Split(Shifted);

        var fidelity = await RawAsync("/api/fidelity?split=shifted");
        Assert.Equal(JsonSerializer.Serialize(session.MeasureFidelity(Shifted), InFiConDJsonContext.Default.Fidelity), fidelity);
        Assert.NotEqual(await RawAsync("/api/fidelity"), fidelity);

        var report = await RawAsync("/api/report?split=shifted");
        Assert.Equal(JsonSerializer.Serialize(session.Analyze(Shifted, StudioWorkspace.Analysis), AnalysisJsonContext.Default.MisalignmentReport), report);
        var parsed = JsonSerializer.Deserialize(report, AnalysisJsonContext.Default.MisalignmentReport)!;
        Assert.Equal((Shifted, "v0", split.ImageCount), (parsed.Split, parsed.VersionId, parsed.ImageCount));

        // The configuration's split-dependent numbers, recounted from the split's labels and the teacher's argmax.
        var config = await Client.GetJsonAsync("/api/config?split=shifted");
        Assert.Equal(Shifted, config.GetProperty("split").GetString());
        Assert.Equal(split.ImageCount, config.GetProperty("imageCount").GetInt32());
        var teacher = split.Teacher.PredictedLabels;
        var truth = split.GroundTruth!;
        Assert.Equal((double)teacher.Where((t, n) => t == truth[n]).Count() / split.ImageCount, config.GetProperty("teacherAccuracy").GetDouble(), 12);
        var student = session.Students.PredictLabels(split.Scores);
        var balance = config.GetProperty("classes").EnumerateArray().ToList();
        for (var k = 0; k < balance.Count; k++)
        {
            Assert.Equal(truth.Count(t => t == k), balance[k].GetProperty("groundTruth").GetInt32());
            Assert.Equal(teacher.Count(t => t == k), balance[k].GetProperty("teacher").GetInt32());
            Assert.Equal(student.Count(s => s == k), balance[k].GetProperty("student").GetInt32());
        }
    }

    [Fact]
    public async Task Held_out_images_are_explained_located_pictured_and_ranked_on_their_own_split()
    {
        var session = host.Session;
        var world = host.Workspace.World!;
        var split = session.Split(Shifted);
        var id = split.ImageIds[2];
        var q = "id=" + Uri.EscapeDataString(id) + "&split=shifted";

        Assert.Equal(JsonSerializer.Serialize(session.Explain(id, Shifted), AnalysisJsonContext.Default.InstanceExplanation), await RawAsync("/api/explain?" + q));
        // An id is looked up in the named split only: a shifted id is not a training image, nor a training id a shifted one.
        Assert.Contains("no image", await Client.ErrorAsync("/api/explain?id=" + Uri.EscapeDataString(id), HttpStatusCode.NotFound), StringComparison.Ordinal);
        await Client.ErrorAsync("/api/image?split=shifted&id=" + Uri.EscapeDataString(session.Scores.ImageIds[0]), HttpStatusCode.NotFound);

        Assert.Equal(JsonSerializer.Serialize(session.Locate(id, Shifted), InFiConDJsonContext.Default.ConceptLocations), await RawAsync("/api/segments?" + q));
        await Client.ErrorAsync("/api/segments?id=" + Uri.EscapeDataString(id), HttpStatusCode.NotFound);

        using var response = await Client.GetAsync("/api/image?" + q);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var png = Image.Load<Rgb24>(await response.Content.ReadAsByteArrayAsync());
        var expected = world.Shifted.RenderImage(Enumerable.Range(0, world.Shifted.Count).Single(i => world.Shifted.Source[i].Id == id));
        var pixels = new byte[expected.Rgb.Length];
        png.CopyPixelDataTo(pixels);
        Assert.Equal(expected.Rgb, pixels);

        var examples = ConceptExamples.ForAll(split.Scores, new ConceptExampleOptions { Top = 12 }).Single(e => e.ConceptName == "water");
        Assert.Equal(JsonSerializer.Serialize(examples, AnalysisJsonContext.Default.ConceptExamples), await RawAsync("/api/examples?concept=water&split=shifted"));
        Assert.All(examples.TopImages, e => Assert.StartsWith("shifted/", e.ImageId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_and_diff_give_an_edits_effect_on_the_held_out_split_as_the_library_logged_it()
    {
        await host.ResetAsync();
        var session = host.Session;
        var v0Shifted = session.Current.MetricsOn(Shifted);
        using (var post = await Client.PostAsJsonAsync("/api/edits", new { edits = new[] { new { kind = "Downtune", className = "boat", conceptName = "water", factor = 4 } }, refit = new { epochs = 5 } }))
        {
            var job = await JsonReading.ReadAsync(post, HttpStatusCode.Accepted);
            for (var i = 0; i < 600 && job.GetProperty("state").GetString() == "running"; i++)
            {
                await Task.Delay(50);
                job = await Client.GetJsonAsync("/api/jobs/" + job.GetProperty("id").GetString());
            }
            Assert.Equal("succeeded", job.GetProperty("state").GetString());
        }
        var version = session.Current.Id;
        var entry = session.History.Find(version)!;
        var logged = entry.Evaluation!.Single(e => e.Split == Shifted);

        var history = await Client.GetJsonAsync("/api/history?split=shifted");
        Assert.Equal(Shifted, history.GetProperty("split").GetString());
        Assert.Equal(v0Shifted, Metrics(history.GetProperty("baseMetrics")));
        Assert.Equal(session.Current.MetricsOn(Shifted), Metrics(history.GetProperty("currentMetrics")));
        var effect = history.GetProperty("effects").EnumerateArray().Single(e => e.GetProperty("id").GetString() == version);
        Assert.Equal(logged.Before, Metrics(effect.GetProperty("before")));
        Assert.Equal(logged.After, Metrics(effect.GetProperty("after")));
        Assert.Equal(v0Shifted, logged.Before);

        var train = (await Client.GetJsonAsync("/api/history")).GetProperty("effects").EnumerateArray().Single(e => e.GetProperty("id").GetString() == version);
        Assert.Equal(entry.MetricsAfter, Metrics(train.GetProperty("after")));

        var diff = await RawAsync($"/api/diff?from=v0&to={version}&split=shifted");
        var expected = session.Diff("v0", version, Shifted);
        Assert.Equal(JsonSerializer.Serialize(expected, EditingJsonContext.Default.VersionDiff), diff);
        Assert.Equal(Shifted, expected.Split);
        await host.ResetAsync();
    }

    private static EditMetrics Metrics(JsonElement json) => JsonSerializer.Deserialize(json.GetRawText(), EditingJsonContext.Default.EditMetrics)!;

    private async Task<string> RawAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}: {text}");
        return text;
    }
}
