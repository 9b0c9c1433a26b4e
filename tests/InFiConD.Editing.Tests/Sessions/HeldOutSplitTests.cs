using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing.Tests.Sessions;

/// <summary>Sessions with held-out splits: every version measured on every split, each number checked against a second computation.</summary>
public sealed class HeldOutSplitTests
{
    private static readonly EditingData Data = EditingData.Default;

    private static EditSession NewSession() =>
        EditSession.Create(Data.Students, DataSplit.Create(DataSplit.TrainingName, Data.Scores, Data.Teacher, Data.GroundTruth),
            [EditingData.HeldOut("test", 150, seed: 21), EditingData.HeldOut("shifted", 90, seed: 22)], EditingData.Options);

    /// <summary>Student top class per image by a plain double-precision loop over the raw weights.</summary>
    private static int[] TopClasses(StudentEnsemble students, DataSplit split)
    {
        var top = new int[split.ImageCount];
        var raw = Enumerable.Range(0, students.ClassCount).Select(students.RawWeights).ToArray();
        for (var n = 0; n < split.ImageCount; n++)
        {
            var (best, bestLogit) = (0, double.NegativeInfinity);
            for (var k = 0; k < students.ClassCount; k++)
            {
                double logit = students.RawBias(k);
                for (var j = 0; j < students.ConceptCount; j++)
                {
                    logit += (double)raw[k][j] * split.Scores[n, j];
                }
                if (logit > bestLogit)
                {
                    (best, bestLogit) = (k, logit);
                }
            }
            top[n] = best;
        }
        return top;
    }

    private static void AssertMetricsMatch(StudentEnsemble students, DataSplit split, EditMetrics metrics)
    {
        var top = TopClasses(students, split);
        var teacher = split.Teacher.PredictedLabels;
        Assert.Equal(split.ImageCount, metrics.ImageCount);
        Assert.Equal(Enumerable.Range(0, top.Length).Count(n => top[n] == teacher[n]) / (double)top.Length, metrics.Top1Agreement, 12);
        Assert.Equal(Enumerable.Range(0, top.Length).Count(n => top[n] == split.GroundTruth![n]) / (double)top.Length, metrics.GroundTruthAccuracy!.Value, 12);
        for (var k = 0; k < students.ClassCount; k++)
        {
            var c = metrics.PerClass[k];
            Assert.Equal(teacher.Count(t => t == k), c.Support);
            Assert.Equal(top.Count(s => s == k), c.StudentCount);
            Assert.Equal(Enumerable.Range(0, top.Length).Count(n => top[n] == k && teacher[n] == k), c.Agreed);
        }
        // A third computation: the library's own fidelity.
        var fidelity = Fidelity.Measure(students, split.Scores, split.Teacher, split.GroundTruth);
        Assert.Equal(fidelity.Top1Agreement, metrics.Top1Agreement, 12);
    }

    [Fact]
    public void Every_split_of_the_base_version_is_measured_and_the_training_split_comes_first()
    {
        using var session = NewSession();
        Assert.Equal(["train", "test", "shifted"], session.Splits.Select(s => s.Name));
        Assert.Equal(["shifted", "test", "train"], session.Current.MetricsBySplit.Keys.Order(StringComparer.Ordinal));
        foreach (var split in session.Splits)
        {
            AssertMetricsMatch(session.Students, split, session.Current.MetricsOn(split.Name));
        }
        Assert.Same(session.Current.Metrics, session.Current.MetricsOn("train"));
        Assert.Equal(150 * 3, session.Current.LogitValuesOn("test").Length);
        var error = Assert.Throws<ArgumentException>(() => session.Current.MetricsOn("validation"));
        Assert.Contains("'validation'", error.Message);
        Assert.Contains("'shifted'", error.Message);
    }

    [Fact]
    public async Task An_edit_reports_metrics_and_changed_predictions_on_every_split()
    {
        using var session = NewSession();
        var before = session.Students;
        var result = await session.EditAsync(e => e.ForClass("boat").Remove("water"), EditRefit.FixedEpochs(20));
        var after = result.Students;

        Assert.Equal(["train", "test", "shifted"], result.Splits.Select(s => s.Split));
        Assert.Equal(result.Before, result.On("train").Before);
        Assert.Equal(result.After, result.On("train").After);
        foreach (var split in session.Splits)
        {
            var outcome = result.On(split.Name);
            AssertMetricsMatch(before, split, outcome.Before);
            AssertMetricsMatch(after, split, outcome.After);
            Assert.Same(outcome.After, result.Version.MetricsOn(split.Name));
            // Changed predictions against the brute-force top classes before and after.
            var (a, b) = (TopClasses(before, split), TopClasses(after, split));
            var expected = Enumerable.Range(0, a.Length).Where(n => a[n] != b[n]).ToArray();
            Assert.Equal(expected.Select(n => split.ImageIds[n]), outcome.Changed.Select(c => c.ImageId));
            foreach (var change in outcome.Changed)
            {
                var n = split.Scores.IndexOfImage(change.ImageId);
                Assert.Equal((EditingData.Classes[a[n]], EditingData.Classes[b[n]]), (change.Before, change.After));
                Assert.Equal(EditingData.Classes[split.Teacher.PredictedLabels[n]], change.Teacher);
                Assert.Equal(EditingData.Classes[split.GroundTruth![n]], change.Truth);
            }
            Assert.Equal(outcome.After.Top1Agreement - outcome.Before.Top1Agreement, outcome.AgreementChange);
        }
        // Removing a concept the teacher relies on moves predictions on the held-out splits too.
        Assert.NotEmpty(result.On("shifted").Changed);
        Assert.Throws<ArgumentException>(() => result.On("nope"));
    }

    [Fact]
    public async Task Held_out_logits_after_an_edit_have_the_bits_of_a_full_recomputation()
    {
        using var session = NewSession();
        var result = await session.EditAsync(e => e.ForClass("car").Downtune("road", 3), EditRefit.FixedEpochs(10));
        foreach (var split in session.Splits)
        {
            var full = result.Students.Logits(split.Scores.Values);
            Assert.Equal(EditingData.Bits(full.AsSpan()), EditingData.Bits(result.Version.LogitValuesOn(split.Name)));
        }
    }

    [Fact]
    public async Task The_log_records_each_held_out_split_and_moves_keep_every_splits_metrics()
    {
        using var session = NewSession();
        var first = await session.EditAsync(e => e.ForClass("boat").Downtune("water", 4), EditRefit.FixedEpochs(10));
        var second = await session.EditAsync(e => e.ForClass("house").Remove("grass"), EditRefit.FixedEpochs(10));

        var logged = session.Log.Find(second.VersionId)!.Evaluation!;
        Assert.Equal(["test", "shifted"], logged.Select(e => e.Split));
        Assert.Equal(second.On("shifted").Before, logged[1].Before);
        Assert.Equal(second.On("shifted").After, logged[1].After);

        session.Undo();
        Assert.Equal(first.Version.MetricsOn("shifted"), session.Current.MetricsOn("shifted"));
        session.Redo();
        Assert.Equal(second.Version.MetricsOn("test"), session.Current.MetricsOn("test"));
        session.Checkout(ProvenanceLog.RootId);
        Assert.Equal(first.On("shifted").Before, session.Current.MetricsOn("shifted"));
        // Any version's metrics on any split, without moving to it.
        Assert.Equal(second.On("shifted").After, session.MetricsAt(second.VersionId, "shifted"));
        Assert.Equal(first.On("test").After, session.MetricsAt(first.VersionId, "test"));
        Assert.Equal(ProvenanceLog.RootId, session.Current.Id);
        Assert.Throws<ArgumentException>(() => session.MetricsAt("v9", "test"));
    }

    [Fact]
    public async Task Diff_on_a_split_gives_the_edits_metric_changes_and_changed_images()
    {
        using var session = NewSession();
        var result = await session.EditAsync(e => e.ForClass("boat").Remove("water"), EditRefit.FixedEpochs(20));
        session.Undo();

        var diff = session.Diff(ProvenanceLog.RootId, result.VersionId, "shifted");
        var outcome = result.On("shifted");
        Assert.Equal("shifted", diff.Split);
        Assert.Equal(outcome.Changed, diff.Changed);
        Assert.Equal(outcome.AgreementChange, diff.Top1AgreementDelta, 12);
        Assert.Equal(outcome.AccuracyChange!.Value, diff.GroundTruthAccuracyDelta!.Value, 12);
        Assert.Equal("train", session.Diff(ProvenanceLog.RootId, result.VersionId).Split);
        // Reversed, every change is mirrored.
        var back = session.Diff(result.VersionId, ProvenanceLog.RootId, "shifted");
        Assert.Equal(diff.Changed.Select(c => (c.ImageId, c.Before, c.After)), back.Changed.Select(c => (c.ImageId, c.After, c.Before)));
        Assert.Throws<ArgumentException>(() => session.Diff(ProvenanceLog.RootId, result.VersionId, "shifted "));
    }

    [Fact]
    public void Splits_must_have_unique_names_and_the_students_concepts_and_classes()
    {
        var training = DataSplit.Create(DataSplit.TrainingName, Data.Scores, Data.Teacher, Data.GroundTruth);
        var twice = Assert.Throws<ArgumentException>(() => EditSession.Create(Data.Students, training,
            [EditingData.HeldOut("test", 20, 1), EditingData.HeldOut("test", 20, 2)], EditingData.Options));
        Assert.Contains("'test'", twice.Message);
        Assert.Throws<ArgumentException>(() => EditSession.Create(Data.Students, training, [EditingData.HeldOut("train", 20, 1)], EditingData.Options));

        var split = EditingData.HeldOut("fewer concepts", 20, 3);
        var fewer = DataSplit.Create("fewer concepts", split.Scores.Select(EditingData.Concepts[..9]), split.Teacher);
        var error = Assert.Throws<ArgumentException>(() => EditSession.Create(Data.Students, training, [fewer], EditingData.Options));
        Assert.Contains("split 'fewer concepts'", error.Message);
    }

    [Fact]
    public async Task Metrics_by_attribute_count_each_group_of_images_alone()
    {
        var rows = 120;
        var site = Enumerable.Range(0, rows).Select(n => n % 5 == 0 ? null : n % 2 == 0 ? "north" : "south").ToArray();
        var split = EditingData.HeldOut("sites", rows, 41, ImageMetadata.Create(rows, [KeyValuePair.Create("site", (IReadOnlyList<string?>)site)]));
        using var session = EditSession.Create(Data.Students, DataSplit.Create(DataSplit.TrainingName, Data.Scores, Data.Teacher, Data.GroundTruth), [split], EditingData.Options);
        await session.EditAsync(e => e.ForClass("boat").Remove("water"), EditRefit.FixedEpochs(10));

        var groups = session.MetricsByAttribute("sites", "site");
        Assert.Equal(["north", "south", null], groups.Select(g => g.Value));
        var top = TopClasses(session.Students, split);
        foreach (var group in groups)
        {
            var members = Enumerable.Range(0, rows).Where(n => site[n] == group.Value).ToArray();
            Assert.Equal(members.Length, group.Metrics.ImageCount);
            Assert.Equal(members.Count(n => top[n] == split.Teacher.PredictedLabels[n]) / (double)members.Length, group.Metrics.Top1Agreement, 12);
            Assert.Equal(members.Count(n => top[n] == split.GroundTruth![n]) / (double)members.Length, group.Metrics.GroundTruthAccuracy!.Value, 12);
        }
        Assert.Equal(rows, groups.Sum(g => g.Metrics.ImageCount));
        var error = Assert.Throws<ArgumentException>(() => session.MetricsByAttribute("sites", "camera"));
        Assert.Contains("'site'", error.Message);
        Assert.Throws<ArgumentException>(() => session.MetricsByAttribute("train", "site"));
    }

    [Fact]
    public void Data_splits_check_names_labels_and_metadata()
    {
        var split = EditingData.HeldOut("x", 10, 4);
        Assert.Throws<ArgumentException>(() => DataSplit.Create("", split.Scores, split.Teacher));
        Assert.Throws<ArgumentException>(() => DataSplit.Create(" padded", split.Scores, split.Teacher));
        Assert.Throws<ArgumentException>(() => DataSplit.Create("line\nbreak", split.Scores, split.Teacher));
        var label = Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Create("x", split.Scores, split.Teacher, Enumerable.Repeat(3, 10).ToArray()));
        Assert.Contains("'x-0000'", label.Message);
        Assert.Throws<ShapeMismatchException>(() => DataSplit.Create("x", split.Scores, split.Teacher, new int[9]));
        Assert.Throws<ShapeMismatchException>(() => DataSplit.Create("x", split.Scores, split.Teacher, (IReadOnlyList<int>?)null, ImageMetadata.Empty(9)));
        var names = Enumerable.Repeat("car", 10).ToArray();
        names[6] = "plane";
        var unknown = Assert.Throws<ArgumentException>(() => DataSplit.Create("x", split.Scores, split.Teacher, names));
        Assert.Contains("'x-0006'", unknown.Message);
        Assert.Contains("'plane'", unknown.Message);
        Assert.Equal(Enumerable.Repeat(1, 10), DataSplit.Create("x", split.Scores, split.Teacher, Enumerable.Repeat("car", 10).ToArray()).GroundTruth!);
    }
}
