using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing.Tests.Files;

/// <summary>Format version 2: held-out splits, metadata and the concept bank travel with the session; version 1 still loads.</summary>
public sealed class SessionFileSplitTests
{
    private static readonly EditingData Data = EditingData.Default;

    private static ImageMetadata Sites(int rows, string prefix) => ImageMetadata.Create(rows,
    [
        KeyValuePair.Create("site", (IReadOnlyList<string?>)Enumerable.Range(0, rows).Select(i => i % 3 == 0 ? null : $"{prefix}-{i % 2}").ToArray()),
        KeyValuePair.Create("has_mark", (IReadOnlyList<string?>)Enumerable.Range(0, rows).Select(i => i % 4 == 0 ? "true" : "false").ToArray()),
    ]);

    private static ConceptBank Bank()
    {
        var random = new Random(3);
        var vectors = new FloatMatrix(EditingData.Concepts.Length, 6);
        foreach (ref var v in vectors.AsSpan())
        {
            v = random.NextSingle() - 0.5f;
        }
        return ConceptBank.Create(EditingData.Concepts, vectors, new ConceptBankOrigin(ConceptBankKind.Exemplar, "resnet18/v1", description: "exemplars"));
    }

    private static EditSession NewSession() => EditSession.Create(
        Data.Students,
        DataSplit.Create(DataSplit.TrainingName, Data.Scores, Data.Teacher, Data.GroundTruth, Sites(Data.Scores.ImageCount, "train")),
        [EditingData.HeldOut("test", 40, 31, Sites(40, "test")), DataSplit.Create("shifted", EditingData.HeldOut("shifted", 30, 32).Scores, EditingData.HeldOut("shifted", 30, 32).Teacher)],
        EditingData.Options);

    [Fact]
    public async Task Splits_metadata_and_the_bank_round_trip_bit_for_bit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("splits.infcd");
        using var session = NewSession();
        await session.EditAsync(e => e.ForClass("boat").Downtune("water", 3), EditRefit.FixedEpochs(5));
        var bank = Bank();
        await SessionFile.SaveAsync(path, session, bank: bank);

        var loaded = await SessionFile.LoadAsync(path);
        using var copy = loaded.Session;
        Assert.Equal(session.Splits.Select(s => s.Name), copy.Splits.Select(s => s.Name));
        foreach (var (a, b) in session.Splits.Zip(copy.Splits))
        {
            Assert.Equal(a.ImageIds, b.ImageIds);
            Assert.Equal(EditingData.Bits(a.Scores.Values.AsSpan()), EditingData.Bits(b.Scores.Values.AsSpan()));
            Assert.Equal(EditingData.Bits(a.Teacher.Probabilities.AsSpan()), EditingData.Bits(b.Teacher.Probabilities.AsSpan()));
            Assert.Equal(a.GroundTruth, b.GroundTruth);
            Assert.Equal(a.Metadata.Columns, b.Metadata.Columns);
            foreach (var column in a.Metadata.Columns)
            {
                Assert.Equal(a.Metadata.Column(column), b.Metadata.Column(column));
            }
            Assert.Equal(session.Current.MetricsOn(a.Name), copy.Current.MetricsOn(b.Name));
        }
        Assert.Null(copy.Split("shifted").GroundTruth);
        Assert.Empty(copy.Split("shifted").Metadata.Columns);
        Assert.Equal(bank.Names, loaded.Bank!.Names);
        Assert.Equal(EditingData.Bits(bank.Vectors.AsSpan()), EditingData.Bits(loaded.Bank.Vectors.AsSpan()));
        Assert.Equal(bank.Origin, loaded.Bank.Origin with { Templates = bank.Origin.Templates });
        Assert.Equal(session.Log.Entries[0].Evaluation!.Select(e => e.After), copy.Log.Entries[0].Evaluation!.Select(e => e.After));
    }

    [Fact]
    public async Task Presence_thresholds_are_saved_once_and_shared_by_every_split()
    {
        using var dir = new TempDirectory();
        var path = dir.File("presence.infcd");
        var presence = ConceptPresence.Calibrate(Data.Scores);
        presence[0] = float.PositiveInfinity; // "never present" survives too
        DataSplit With(DataSplit s) => DataSplit.Create(s.Name, s.Scores.WithPresenceThresholds(presence), s.Teacher, s.GroundTruth, s.Metadata);
        using var session = EditSession.Create(Data.Students, With(DataSplit.Create(DataSplit.TrainingName, Data.Scores, Data.Teacher, Data.GroundTruth)),
            [With(EditingData.HeldOut("shifted", 30, 32))], EditingData.Options);
        await SessionFile.SaveAsync(path, session);

        var loaded = await SessionFile.LoadAsync(path);
        using var copy = loaded.Session;
        Assert.All(copy.Splits, s => Assert.Equal(EditingData.Bits(presence), EditingData.Bits(s.Scores.PresenceThresholds.Span)));
    }

    [Fact]
    public async Task A_session_without_ground_truth_reloads_after_an_edit()
    {
        // Regression: metrics without an accuracy were written without the field, which the reader requires.
        using var dir = new TempDirectory();
        var path = dir.File("unlabelled.infcd");
        using var session = EditSession.Create(Data.Students, Data.Scores, Data.Teacher, groundTruth: null, EditingData.Options);
        await session.EditAsync(e => e.ForClass("car").Remove("road"), EditRefit.FixedEpochs(5));
        await SessionFile.SaveAsync(path, session);
        using var copy = (await SessionFile.LoadAsync(path)).Session;
        Assert.Null(copy.Current.Metrics.GroundTruthAccuracy);
        Assert.Equal(session.Current.Metrics, copy.Current.Metrics);
    }

    [Fact]
    public async Task A_bank_of_other_concepts_is_refused_when_saving()
    {
        using var dir = new TempDirectory();
        using var session = NewSession();
        var other = ConceptBank.Create(["a", "b"], FloatMatrix.FromRows([[1, 0], [0, 1]]), new ConceptBankOrigin(ConceptBankKind.Imported));
        await Assert.ThrowsAsync<ArgumentException>(() => SessionFile.SaveAsync(dir.File("x.infcd"), session, bank: other));
        Assert.False(File.Exists(dir.File("x.infcd")));
    }

    [Fact]
    public async Task A_file_written_by_format_version_1_still_loads()
    {
        // Written by the library before splits existed (EditingData, two edits, one undone), checked in unchanged.
        var path = Path.Combine(AppContext.BaseDirectory, "Files", "Fixtures", "session-v1.infcd");
        var loaded = await SessionFile.LoadAsync(path);
        using var session = loaded.Session;
        Assert.Empty(loaded.Warnings);
        Assert.Null(loaded.Bank);
        Assert.Equal("EditingData 360 seed 5", loaded.Metadata["dataset"]);
        Assert.Equal(["train"], session.Splits.Select(s => s.Name));
        Assert.Empty(session.Training.Metadata.Columns);
        Assert.Equal(360, session.Scores.ImageCount);
        Assert.Equal(["v1", "v2"], session.Log.Entries.Select(e => e.Id));
        Assert.All(session.Log.Entries, e => Assert.Null(e.Evaluation));
        // No presence thresholds were saved then: they are calibrated on the training images, as a distillation does.
        Assert.Equal(ConceptPresence.Calibrate(session.Scores), session.Scores.PresenceThresholds.ToArray());
        Assert.Equal("v1", session.Current.Id);
        Assert.Equal(session.Log.Find("v1")!.MetricsAfter, session.Current.Metrics);
        Assert.True((await session.ReplayAsync("v2")).Identical);
    }

    [Fact]
    public async Task A_held_out_split_that_does_not_match_its_manifest_is_named()
    {
        using var dir = new TempDirectory();
        var path = dir.File("splits.infcd");
        using (var session = NewSession())
        {
            await SessionFile.SaveAsync(path, session);
        }
        var shrunk = dir.File("shrunk.infcd");
        File.Copy(path, shrunk);
        SessionFileTests.EditManifest(shrunk, m => m["splits"]![0]!["images"] = 39);
        var error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(shrunk));
        Assert.Equal("splits/1/scores.npy", error.Field);

        var dropped = dir.File("dropped.infcd");
        File.Copy(path, dropped);
        SessionFileTests.EditManifest(dropped, m => m["splits"]!.AsArray().RemoveAt(1));
        error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(dropped));
        Assert.Equal("splits.json", error.Field);

        var renamed = dir.File("renamed.infcd");
        File.Copy(path, renamed);
        SessionFileTests.EditManifest(renamed, m => m["splits"]![1]!["name"] = "test");
        error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(renamed));
        Assert.Contains("'test'", error.Message);
    }
}
