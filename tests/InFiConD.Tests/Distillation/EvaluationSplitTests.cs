using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Editing;
using InFiConD.Embedding;
using InFiConD.Students;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Tests.Distillation;

/// <summary>
/// The verify step through the front door alone: labelled folders on disk, a held-out split, per-split metrics and
/// changed images before and after an edit, a reloaded session that scores new images.
/// </summary>
public sealed class EvaluationSplitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("infcd-splits-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Writes ColourWorld images as PNGs into <c>folder/&lt;class&gt;/&lt;id&gt;.png</c>.</summary>
    private string WriteFolder(string name, int count, int seed)
    {
        var root = Path.Combine(_directory, name);
        foreach (var item in ColourWorld.Images(count, seed))
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, item.Label!)).FullName;
            var decoded = item.Decoded!;
            using var image = Image.LoadPixelData<Rgb24>(decoded.Rgb.ToArray(), decoded.Width, decoded.Height);
            image.SaveAsPng(Path.Combine(folder, $"{item.Id}.png"));
        }
        return root;
    }

    private static DistillationBuilder Configured(ImageSource images) =>
        InFiConD.Distillation.On(images)
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(new ColourWorld.MeanColourEncoder(), Segmentation.Whole)
            .WithTeacher(new ColourWorld.CountingTeacher().Teacher);

    /// <summary>The stages by hand on one folder: scores and teacher outputs aligned to them.</summary>
    private static async Task<(ConceptScores Scores, TeacherOutputs Teacher)> ByHandAsync(ImageSource images)
    {
        var encoder = CroppedSegmentEncoder.Create(new ColourWorld.MeanColourEncoder(), Segmentation.Whole);
        var segments = await EmbeddingRunner.EncodeAsync(images, encoder, new EncodeOptions());
        var scores = ConceptScorer.Score(segments, ColourWorld.Bank());
        var teacher = await new ColourWorld.CountingTeacher().Teacher.PredictAsync(images);
        return (scores, teacher.Outputs.AlignTo(scores.ImageIds));
    }

    [Fact]
    public async Task Labelled_folders_with_a_held_out_split_give_per_split_metrics_and_changed_images_before_and_after_an_edit()
    {
        var train = ImageSource.FromFolder(WriteFolder("train", 45, seed: 1));
        var heldOutFolder = WriteFolder("held-out", 30, seed: 2);
        File.WriteAllBytes(Path.Combine(heldOutFolder, "red", "broken.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        var heldOut = ImageSource.FromFolder(heldOutFolder);
        var reports = new List<DistillationProgress>();

        using var session = await Configured(train).WithEvaluation("held-out", heldOut).RunAsync(new ListProgress(reports));

        Assert.Equal(["train", "held-out"], session.Splits.Select(s => s.Name));
        var split = session.Split("held-out");
        Assert.Equal(30, split.ImageCount);
        // The broken image is reported for its split, and the split goes on without it.
        Assert.Equal(["red/broken.png"], session.FailuresBySplit["held-out"].Select(f => f.Id));
        Assert.Empty(session.FailuresBySplit["train"]);
        // Ground truth from the sub-folder names, as class indices of the teacher.
        Assert.Equal(split.ImageIds.Select(id => Array.IndexOf(ColourWorld.Classes, id.Split('/')[0])), split.GroundTruth!);
        // Each split's stages are reported under its name.
        foreach (var stage in new[] { DistillationStage.Encoding, DistillationStage.Scoring, DistillationStage.Teacher })
        {
            Assert.Contains(reports, r => r.Stage == stage && r.Split == "held-out");
            Assert.Contains(reports, r => r.Stage == stage && r.Split == "train");
        }
        Assert.Contains(reports, r => r.Stage == DistillationStage.Encoding && r.Split == "held-out" && r.Failed == 1);

        // The split's scores and teacher outputs are the stages' own, run by hand.
        var (scores, teacher) = await ByHandAsync(ImageSource.FromItems(heldOut.Where(i => i.Id != "red/broken.png"), "by hand"));
        Assert.Equal(scores.ImageIds, split.ImageIds);
        Assert.Equal(scores.Values.AsSpan().ToArray(), split.Scores.Values.AsSpan().ToArray());
        Assert.Equal(teacher.Probabilities.AsSpan().ToArray(), split.Teacher.Probabilities.AsSpan().ToArray());

        // Per-split metrics against a count over the students' own predictions.
        var predicted = session.Students.PredictLabels(split.Scores);
        var fidelity = session.MeasureFidelity("held-out", topK: 2);
        Assert.Equal(predicted.Where((p, n) => p == teacher.PredictedLabels[n]).Count() / 30.0, fidelity.Top1Agreement, 12);
        Assert.Equal(predicted.Where((p, n) => p == split.GroundTruth![n]).Count() / 30.0, fidelity.GroundTruthAccuracy!.Value, 12);
        Assert.Equal(fidelity.Top1Agreement, session.Current.MetricsOn("held-out").Top1Agreement, 12);

        // Green and blue students left with no concept at all are two constants: one of them takes the other's images.
        var result = await session.EditAsync(e => new[] { "green", "blue" }.Aggregate(e, (b, c) => b.ForClass(c).Remove("red").Remove("green").Remove("blue").Remove("grey")), EditRefit.FixedEpochs(50));
        var outcome = result.On("held-out");
        var after = result.Students.PredictLabels(split.Scores);
        Assert.Equal(fidelity.Top1Agreement, outcome.Before.Top1Agreement, 12);
        Assert.Equal(after.Where((p, n) => p == split.GroundTruth![n]).Count() / 30.0, outcome.After.GroundTruthAccuracy!.Value, 12);
        var changed = Enumerable.Range(0, 30).Where(n => predicted[n] != after[n]).ToArray();
        Assert.NotEmpty(changed);
        Assert.Equal(changed.Select(n => split.ImageIds[n]), outcome.Changed.Select(c => c.ImageId));
        Assert.Equal(changed.Select(n => ColourWorld.Classes[after[n]]), outcome.Changed.Select(c => c.After));
        Assert.Equal(outcome.AccuracyChange!.Value, session.Diff("v0", result.VersionId, "held-out").GroundTruthAccuracyDelta!.Value, 12);

        var report = session.Analyze("held-out");
        Assert.Equal(("held-out", result.VersionId, 30), (report.Split, report.VersionId, report.ImageCount));
        Assert.Equal(("train", 45), (session.Analyze().Split, session.Analyze().ImageCount));
        // Ids repeat across these folders: Explain looks in the training images first unless told the split.
        var id = split.ImageIds[0];
        var heldOutIndex = split.Scores.IndexOfImage(id);
        Assert.Equal(heldOutIndex, session.Explain(id, "held-out").ImageIndex);
        Assert.Equal(session.Scores.IndexOfImage(id), session.Explain(id).ImageIndex);
        var explanation = session.Explain(id, "held-out");
        Assert.Equal(session.Current.LogitValuesOn("held-out")[(heldOutIndex * 3) + explanation.Student.ClassIndex], explanation.Student.Logit, 5);

        // Any version's report and explanation, the session staying at the edit; reports of past versions are kept once made.
        var rootReport = session.Analyze("held-out", ProvenanceLog.RootId);
        Assert.Equal(("held-out", ProvenanceLog.RootId), (rootReport.Split, rootReport.VersionId));
        Assert.Equal(fidelity.Top1Agreement, rootReport.Agreement, 12);
        Assert.Same(rootReport, session.Analyze("held-out", ProvenanceLog.RootId));
        Assert.Equal(report.Agreement, session.Analyze("held-out", result.VersionId).Agreement);
        Assert.Equal(result.VersionId, session.Current.Id);
        Assert.Equal(predicted[heldOutIndex], session.Explain(id, "held-out", ProvenanceLog.RootId).Student.ClassIndex);
        Assert.Equal(explanation.Student.Logit, session.Explain(id, "held-out", result.VersionId).Student.Logit);
        Assert.Throws<ArgumentException>(() => session.Analyze("held-out", "v9"));
        Assert.Throws<ArgumentException>(() => session.Analyze("nowhere", ProvenanceLog.RootId));

        // The loop's first step on the user's own folders: the diagnosis reads the held-out split, with no glue.
        var diagnosis = await session.DiagnoseAsync();
        Assert.Equal(("held-out", result.VersionId), (diagnosis.Split, diagnosis.VersionId));
        Assert.Equal(session.Analyze("held-out").SuspectTests, diagnosis.Report.SuspectTests);
    }

    [Fact]
    public async Task A_reloaded_session_keeps_its_splits_and_scores_new_images_with_its_bank()
    {
        var train = ImageSource.FromFolder(WriteFolder("train", 30, seed: 3));
        var heldOut = ImageSource.FromFolder(WriteFolder("shifted", 15, seed: 4));
        var path = Path.Combine(_directory, "run.infcd");
        using (var session = await Configured(train).WithEvaluation("shifted", heldOut).RunAsync())
        {
            await session.EditAsync(e => e.ForClass("blue").Downtune("blue", 2));
            await session.SaveAsync(path);
        }

        using var loaded = await DistillationSession.LoadAsync(path);
        Assert.Equal(["train", "shifted"], loaded.Splits.Select(s => s.Name));
        Assert.Equal("v1", loaded.Current.Id);
        Assert.NotNull(loaded.Current.Entry!.Evaluation);
        Assert.Equal(loaded.Current.Entry.Evaluation![0].After, loaded.Current.MetricsOn("shifted"));

        // New images, scored with the reloaded bank, get the scores the original bank gives them.
        var fresh = ImageSource.FromFolder(WriteFolder("new", 9, seed: 5));
        var encoder = CroppedSegmentEncoder.Create(new ColourWorld.MeanColourEncoder(), Segmentation.Whole);
        var segments = await EmbeddingRunner.EncodeAsync(fresh, encoder, new EncodeOptions());
        var scores = ConceptScorer.Score(segments, loaded.Bank!);
        Assert.Equal(ConceptScorer.Score(segments, ColourWorld.Bank()).Values.AsSpan().ToArray(), scores.Values.AsSpan().ToArray());
        var labels = loaded.Students.PredictLabels(scores);
        Assert.Equal(9, labels.Length);
    }

    [Fact]
    public async Task Manifest_columns_become_split_metadata_and_unknown_labels_name_the_manifest_row()
    {
        var train = ImageSource.FromFolder(WriteFolder("train", 30, seed: 6));
        var folder = WriteFolder("site", 12, seed: 7);
        var rows = Directory.EnumerateFiles(folder, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select((file, i) => $"{Path.GetRelativePath(folder, file)},{Path.GetFileName(Path.GetDirectoryName(file))},{(i % 2 == 0 ? "north" : "south")}").ToList();
        var manifest = Path.Combine(folder, "list.csv");
        File.WriteAllLines(manifest, ["path,label,site", .. rows]);

        using (var session = await Configured(train).WithEvaluation("by site", ImageSource.FromManifest(manifest)).RunAsync())
        {
            var split = session.Split("by site");
            Assert.Equal(["site"], split.Metadata.Columns);
            Assert.Equal(Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? "north" : "south"), split.Metadata.Column("site"));
            Assert.Empty(session.Split("train").Metadata.Columns);
        }

        rows[4] = rows[4].Replace(",green,", ",purple,", StringComparison.Ordinal).Replace(",red,", ",purple,", StringComparison.Ordinal).Replace(",blue,", ",purple,", StringComparison.Ordinal);
        File.WriteAllLines(manifest, ["path,label,site", .. rows]);
        var error = await Assert.ThrowsAsync<InvalidFileException>(() => Configured(train).WithEvaluation("by site", ImageSource.FromManifest(manifest)).RunAsync());
        Assert.Equal((manifest, "label", 6L), (error.FilePath, error.Field, error.Position));
        Assert.Contains("'purple'", error.Message);
        Assert.Contains("'by site'", error.Message);
    }

    [Fact]
    public async Task A_folder_label_that_is_not_a_class_names_the_file_and_how_to_opt_out()
    {
        var train = WriteFolder("train", 9, seed: 8);
        Directory.Move(Path.Combine(train, "blue"), Path.Combine(train, "azure"));
        var error = await Assert.ThrowsAsync<InvalidFileException>(() => Configured(ImageSource.FromFolder(train)).RunAsync());
        Assert.Equal("label", error.Field);
        Assert.Contains("azure", error.FilePath);
        Assert.Contains("LabelFromFolder = false", error.Message);

        // Opting out: no ground truth, no error.
        using var session = await Configured(ImageSource.FromFolder(train, new FolderSourceOptions { LabelFromFolder = false })).RunAsync();
        Assert.Null(session.GroundTruth);
    }

    [Fact]
    public async Task Split_configuration_errors_are_reported_together()
    {
        var images = ColourWorld.Images(9, seed: 9);
        var empty = ImageSource.FromItems([], "nothing");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Configured(images)
            .WithEvaluation("test", images).WithEvaluation("test", images).WithEvaluation("train", images).WithEvaluation("void", empty).RunAsync());
        Assert.Contains("two evaluation splits are named 'test'", error.Message);
        Assert.Contains("named 'train'", error.Message);
        Assert.Contains("'void'", error.Message);
        Assert.Throws<ArgumentException>(() => Configured(images).WithEvaluation(" test", images));

        var outputs = (await new ColourWorld.CountingTeacher().Teacher.PredictAsync(images)).Outputs;
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => Configured(images).WithTeacher(outputs).WithEvaluation("test", images).RunAsync());
        Assert.Contains("'test' has no teacher outputs", missing.Message);
        using var given = await Configured(images).WithTeacher(outputs).WithEvaluation("test", images, outputs).RunAsync();
        Assert.Equal(given.Teacher.Probabilities.AsSpan().ToArray(), given.Split("test").Teacher.Probabilities.AsSpan().ToArray());
    }

    private sealed class ListProgress(List<DistillationProgress> target) : IProgress<DistillationProgress>
    {
        public void Report(DistillationProgress value)
        {
            lock (target)
            {
                target.Add(value);
            }
        }
    }
}
