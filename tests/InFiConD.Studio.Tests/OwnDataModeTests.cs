using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Studio.Tests;

/// <summary>
/// The Studio over a user's folders and ONNX teacher (<c>--train --eval --teacher --concepts</c>): the splits and their
/// ground truth come from the labelled folders, the page opens on the held-out split, the folder images are served as
/// PNG by split and id only, and locations, edits and undo work as on ConceptWorld.
/// </summary>
[Collection(OwnDataCollection.Name)]
public sealed class OwnDataModeTests(OwnDataHostFixture host)
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task State_is_ready_in_folders_mode_with_images()
    {
        var state = await Client.GetJsonAsync("/api/state");
        Assert.Equal("ready", state.GetProperty("status").GetString());
        Assert.Equal("folders", state.GetProperty("mode").GetString());
        Assert.True(state.GetProperty("hasImages").GetBoolean());
    }

    [Fact]
    public async Task Config_lists_the_folders_splits_with_their_counts_and_ground_truth_and_opens_on_the_held_out_one()
    {
        var config = await Client.GetJsonAsync("/api/config");
        Assert.Equal("folders", config.GetProperty("mode").GetString());
        Assert.Equal("shifted", config.GetProperty("defaultSplit").GetString());
        Assert.Equal(OwnDataset.Classes, config.GetProperty("classNames").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal(OwnDataset.Concepts, config.GetProperty("conceptNames").EnumerateArray().Select(c => c.GetString()!));
        Assert.Contains("the model's metadata", config.GetProperty("metadata").GetProperty("teacher").GetString(), StringComparison.Ordinal);
        var splits = config.GetProperty("splits").EnumerateArray().ToList();
        Assert.Equal(["train", "shifted"], splits.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal([3 * OwnDataset.TrainPerClass, 3 * OwnDataset.ShiftedPerClass], splits.Select(s => s.GetProperty("imageCount").GetInt32()));
        Assert.All(splits, s => Assert.True(s.GetProperty("hasLabels").GetBoolean() && s.GetProperty("hasImages").GetBoolean()));
        Assert.Equal([true, false], splits.Select(s => s.GetProperty("isTraining").GetBoolean()));

        foreach (var (split, perClass, teacherAccuracy) in new[] { ("train", OwnDataset.TrainPerClass, 1.0), ("shifted", OwnDataset.ShiftedPerClass, 2.0 / 3) })
        {
            var on = await Client.GetJsonAsync("/api/config?split=" + split);
            Assert.Equal(3 * perClass, on.GetProperty("imageCount").GetInt32());
            Assert.All(on.GetProperty("classes").EnumerateArray(), c => Assert.Equal(perClass, c.GetProperty("groundTruth").GetInt32()));
            // The tiny teacher says the strongest colour: right on every training image, wrong on the recoloured third.
            Assert.Equal(teacherAccuracy, on.GetProperty("teacherAccuracy").GetDouble(), 12);
        }
    }

    [Fact]
    public async Task Images_are_the_folder_files_as_png_by_split_and_id_only()
    {
        var id = "leaf/1.png";
        using (var response = await Client.GetAsync("/api/image?split=shifted&id=" + Uri.EscapeDataString(id)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            using var served = Image.Load<Rgb24>(await response.Content.ReadAsByteArrayAsync());
            using var file = Image.Load<Rgb24>(Path.Combine(host.Data, "shifted", "leaf", "1.png"));
            Assert.Equal((OwnDataset.Width, OwnDataset.Height), (served.Width, served.Height));
            for (var y = 0; y < file.Height; y++)
            {
                for (var x = 0; x < file.Width; x++)
                {
                    Assert.Equal(file[x, y], served[x, y]);
                }
            }
        }
        using (var train = await Client.GetAsync("/api/image?split=train&id=" + Uri.EscapeDataString("apple/5.png")))
        {
            Assert.Equal(HttpStatusCode.OK, train.StatusCode);
        }
        // apple/5.png is a training image only; paths, relative or absolute, are never ids.
        foreach (var bad in new[] { "apple/5.png", "../train/apple/0.png", Path.Combine(host.Data, "shifted", "leaf", "1.png"), "../../../../etc/passwd" })
        {
            Assert.Contains("There is no image", await Client.ErrorAsync("/api/image?split=shifted&id=" + Uri.EscapeDataString(bad), HttpStatusCode.NotFound), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Segments_are_the_librarys_locations_with_the_whole_image_first()
    {
        var id = "sea/2.png";
        using var response = await Client.GetAsync("/api/segments?split=shifted&id=" + Uri.EscapeDataString(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var located = host.Session.Locate(id, "shifted");
        Assert.Equal(JsonSerializer.Serialize(located, InFiConDJsonContext.Default.ConceptLocations), await response.Content.ReadAsStringAsync());
        // The page scales boxes by the whole-image segment, the image's own size.
        Assert.Equal(5, located.Segments.Count);
        Assert.Equal((0, 0, OwnDataset.Width, OwnDataset.Height), (located.Segments[0].X, located.Segments[0].Y, located.Segments[0].Width, located.Segments[0].Height));
    }

    [Fact]
    public async Task An_edit_runs_as_a_job_and_undo_brings_the_metrics_back()
    {
        var students = host.Session.Students;
        var (className, conceptName, weight) = Enumerable.Range(0, students.ClassNames.Count)
            .SelectMany(k => students.ConceptNames.Select((c, j) => (students.ClassNames[k], c, students.StandardizedWeights(k)[j])))
            .MaxBy(w => Math.Abs(w.Item3));
        Assert.NotEqual(0, weight);
        var before = (await Client.GetJsonAsync("/api/fidelity?split=shifted")).GetRawText();

        using var posted = await Client.PostAsJsonAsync("/api/edits", new
        {
            edits = new[] { new { kind = "Downtune", className, conceptName, factor = 4 } },
            expectedVersion = "v0",
            refit = new { epochs = 5 },
        });
        var job = await JsonReading.ReadAsync(posted, HttpStatusCode.Accepted);
        for (var i = 0; i < 600 && job.GetProperty("state").GetString() == "running"; i++)
        {
            await Task.Delay(50);
            job = await Client.GetJsonAsync("/api/jobs/" + job.GetProperty("id").GetString());
        }
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        var version = job.GetProperty("versionId").GetString()!;
        Assert.Equal(version, host.Session.Current.Id);
        var entry = (await Client.GetJsonAsync("/api/history")).GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("id").GetString() == version);
        Assert.Equal("v0", entry.GetProperty("parentId").GetString());

        using var undo = await Client.PostAsJsonAsync("/api/undo", new { expectedVersion = version });
        Assert.Equal("v0", (await JsonReading.ReadAsync(undo, HttpStatusCode.OK)).GetProperty("currentId").GetString());
        Assert.Equal(before, (await Client.GetJsonAsync("/api/fidelity?split=shifted")).GetRawText());
    }
}
