using InFiConD.Analysis;
using InFiConD.Core;
using InFiConD.Editing;
using InFiConD.Embedding;
using InFiConD.Students;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace InFiConD.Tests.Distillation;

public sealed class DistillationSessionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("infcd-session-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task<DistillationSession> RunAsync(int count = 45, int seed = 21) =>
        InFiConD.Distillation.On(ColourWorld.Images(count, seed))
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(new ColourWorld.MeanColourEncoder(), Segmentation.Whole)
            .WithTeacher(new ColourWorld.CountingTeacher().Teacher)
            .WithMetadata("dataset", "colour world")
            .RunAsync();

    [Fact]
    public async Task Analyze_MatchesTheReportBuiltDirectly()
    {
        using var session = await RunAsync();
        var report = session.Analyze();
        var direct = MisalignmentReport.Build(session.Students, session.Scores, session.Teacher, session.GroundTruth);

        Assert.Equal(direct.Agreement, report.Agreement);
        Assert.Equal(direct.Confusion.Select(r => r.ToArray()), report.Confusion.Select(r => r.ToArray()));
        Assert.True(report.HasGroundTruth);
        Assert.Equal(ColourWorld.Classes, report.ClassNames);
    }

    [Fact]
    public async Task Explain_SumsToTheStudentsLogit()
    {
        using var session = await RunAsync();
        var id = session.Scores.ImageIds[7];
        var explanation = session.Explain(id);
        var logits = session.Students.Logits(session.Scores.Values);
        var k = explanation.Student.ClassIndex;
        Assert.Equal(logits[7, k], explanation.Student.Logit, 4);
        Assert.Equal(explanation.Student.Logit, explanation.Student.Bias + explanation.Student.Contributions.Sum(c => c.Contribution), 4);
        Assert.Throws<ArgumentException>(() => session.Explain("nope"));
    }

    [Fact]
    public async Task Changes_ExpectedVersionsAndAsyncMoves_AreForwarded()
    {
        using var session = await RunAsync();
        var seen = new List<(SessionChangeKind Kind, string From, string To)>();
        session.Changed += (_, e) => seen.Add((e.Kind, e.PreviousId, e.CurrentId));

        var result = await session.EditAsync(e => e.ForClass("red").Downtune("red", factor: 4), ProvenanceLog.RootId);
        var stale = await Assert.ThrowsAsync<StaleVersionException>(() => session.EditAsync(e => e.ForClass("red").Remove("red"), ProvenanceLog.RootId));
        Assert.Equal(result.VersionId, stale.ActualVersion);
        await Assert.ThrowsAsync<StaleVersionException>(() => session.PreviewAsync(e => e.ForClass("red").Remove("red"), ProvenanceLog.RootId));
        await session.UndoAsync(result.VersionId);
        Assert.Equal(result.VersionId, session.RedoTarget);
        await session.RedoAsync(ProvenanceLog.RootId);
        await session.CheckoutAsync(ProvenanceLog.RootId, result.VersionId);
        session.Checkout(result.VersionId, ProvenanceLog.RootId);

        Assert.Equal(
        [
            (SessionChangeKind.Edit, ProvenanceLog.RootId, result.VersionId),
            (SessionChangeKind.Undo, result.VersionId, ProvenanceLog.RootId),
            (SessionChangeKind.Redo, ProvenanceLog.RootId, result.VersionId),
            (SessionChangeKind.Checkout, result.VersionId, ProvenanceLog.RootId),
            (SessionChangeKind.Checkout, ProvenanceLog.RootId, result.VersionId),
        ], seen);
    }

    [Fact]
    public async Task Edit_ThenUndoRedo_MovesBetweenExactVersions()
    {
        using var session = await RunAsync();
        var before = session.Students.CopyStandardizedWeights().AsSpan().ToArray();
        var red = session.Students.StandardizedWeights(0)[0];
        Assert.True(red > 0, "red's own concept supports red");

        var result = await session.EditAsync(e => e.ForClass("red").Downtune("red", factor: 4));
        Assert.True(Math.Abs(session.Students.StandardizedWeights(0)[0]) < Math.Abs(red));
        Assert.Equal(result.VersionId, session.Current.Id);
        Assert.Single(session.History.Entries);
        // Untouched classes keep their bits.
        Assert.Equal(before.AsSpan(4, 8).ToArray(), session.Students.CopyStandardizedWeights().AsSpan().Slice(4, 8).ToArray());
        var edited = session.Students.CopyStandardizedWeights().AsSpan().ToArray();

        Assert.True(session.CanUndo);
        session.Undo();
        Assert.Equal(before, session.Students.CopyStandardizedWeights().AsSpan().ToArray());
        Assert.True(session.CanRedo);
        session.Redo();
        Assert.Equal(edited, session.Students.CopyStandardizedWeights().AsSpan().ToArray());
    }

    [Fact]
    public async Task UnknownConcept_IsRefusedAndLeavesTheSessionAsItWas()
    {
        using var session = await RunAsync();
        var version = session.Current.Id;
        var error = await Assert.ThrowsAsync<InvalidEditException>(() => session.EditAsync(e => e.ForClass("red").Remove("rde")));
        Assert.Contains("rde", error.Message, StringComparison.Ordinal);
        Assert.Equal(version, session.Current.Id);
        Assert.Empty(session.History.Entries);
    }

    [Fact]
    public async Task SaveAndLoad_KeepCurrentVersionHistoryAndMetadata()
    {
        var path = Path.Combine(_directory, "colour.infcd");
        using var session = await RunAsync();
        await session.EditAsync(e => e.ForClass("blue").Uptune("grey"));
        await session.SaveAsync(path);

        using var loaded = await DistillationSession.LoadAsync(path);
        Assert.Equal(session.Current.Id, loaded.Current.Id);
        Assert.Equal(session.Students.CopyStandardizedWeights().AsSpan().ToArray(), loaded.Students.CopyStandardizedWeights().AsSpan().ToArray());
        Assert.Equal(session.GroundTruth, loaded.GroundTruth);
        Assert.Equal("colour world", loaded.Metadata["dataset"]);
        Assert.Single(loaded.History.Entries);
        // The bank travels with the session, so a reloaded session can score new images.
        Assert.Equal(session.Bank!.Names, loaded.Bank!.Names);
        Assert.Equal(session.Bank.Vectors.AsSpan().ToArray(), loaded.Bank.Vectors.AsSpan().ToArray());
        Assert.Equal(session.Bank.Origin.Description, loaded.Bank.Origin.Description);
        Assert.Equal(session.Analyze().Agreement, loaded.Analyze().Agreement);
        loaded.Undo();
        Assert.Equal(loaded.Editing.BaseStudents.CopyStandardizedWeights().AsSpan().ToArray(), loaded.Students.CopyStandardizedWeights().AsSpan().ToArray());
    }

    [Fact]
    public async Task ExportOnnx_PredictsWhatTheStudentsPredict()
    {
        var path = Path.Combine(_directory, "students.onnx");
        using var session = await RunAsync();
        await session.EditAsync(e => e.ForClass("green").Remove("grey"));
        session.ExportOnnx(path);

        var expected = session.Students.PredictProbabilities(session.Scores);
        using var onnx = new InferenceSession(path);
        var input = new DenseTensor<float>(session.Scores.Values.AsSpan().ToArray(), [session.Scores.ImageCount, session.Scores.ConceptCount]);
        using var outputs = onnx.Run([NamedOnnxValue.CreateFromTensor(onnx.InputMetadata.Keys.Single(), input)]);
        var probabilities = outputs.Single(o => o.Name == StudentOnnxExporter.ProbabilitiesName).AsTensor<float>();
        for (var n = 0; n < expected.Rows; n++)
        {
            for (var k = 0; k < expected.Columns; k++)
            {
                Assert.Equal(expected[n, k], probabilities[n, k], 1e-5f); // a tolerance, not rounding to 5 decimals (which splits 0.002575003 and 0.002574980)
            }
        }
    }
}
