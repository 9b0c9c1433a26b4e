namespace InFiConD.Editing.Tests.Sessions;

public sealed class EditHistoryTests
{
    private static readonly EditingData Data = EditingData.Default;
    private static readonly int Boat = EditingData.ClassOf("boat");

    [Fact]
    public async Task Undo_and_redo_restore_the_exact_versions()
    {
        using var session = Data.NewSession();
        Assert.False(session.CanUndo);
        var v1 = await session.EditAsync([ConceptEdit.Downtune("boat", "water")], EditRefit.FixedEpochs(5));
        var v2 = await session.EditAsync([ConceptEdit.Remove("car", "road")], EditRefit.FixedEpochs(5));

        Assert.Equal("v1", session.Undo().Id);
        AssertSameStudents(v1.Students, session.Students);
        Assert.Equal(v1.After, session.Current.Metrics);
        Assert.Single(session.Current.ActiveBounds);
        Assert.Equal(ProvenanceLog.RootId, session.Undo().Id);
        AssertSameStudents(Data.Students, session.Students);
        Assert.Empty(session.Current.ActiveBounds);
        Assert.Throws<InvalidOperationException>(() => session.Undo());

        Assert.Equal("v1", session.Redo().Id);
        Assert.Equal("v2", session.Redo().Id);
        AssertSameStudents(v2.Students, session.Students);
        Assert.Equal(v2.After.Top1Agreement, session.Current.Metrics.Top1Agreement);
        Assert.False(session.CanRedo);
        Assert.Throws<InvalidOperationException>(() => session.Redo());
    }

    [Fact]
    public async Task An_edit_after_undo_starts_a_branch_and_nothing_is_deleted()
    {
        using var session = Data.NewSession();
        await session.EditAsync([ConceptEdit.Downtune("boat", "water")], EditRefit.FixedEpochs(5));
        var v2 = await session.EditAsync([ConceptEdit.Uptune("boat", "sail")], EditRefit.FixedEpochs(5));
        session.Undo();
        var v3 = await session.EditAsync([ConceptEdit.Remove("boat", "hull")], EditRefit.FixedEpochs(5));

        Assert.Equal("v1", v3.Entry.ParentId);
        Assert.Equal(["v2", "v3"], session.Log.ChildrenOf("v1").Select(e => e.Id));
        Assert.Equal(["v1", "v3"], session.Log.PathTo("v3").Select(e => e.Id));
        // v3 sees v1's interval on water, not v2's on sail.
        Assert.Equal(["water", "hull"], session.Current.ActiveBounds.Select(b => b.ConceptName));

        // Undo then redo returns to the branch last visited; checkout reaches the other one.
        session.Undo();
        Assert.Equal("v3", session.Redo().Id);
        var checkedOut = session.Checkout("v2");
        AssertSameStudents(v2.Students, checkedOut.Students);
        Assert.Equal(v2.After, checkedOut.Metrics);
        Assert.Throws<ArgumentException>(() => session.Checkout("v9"));

        var v4 = await session.EditAsync([ConceptEdit.Lock("car", "wheel")], EditRefit.FixedEpochs(5));
        Assert.Equal("v2", v4.Entry.ParentId);
        Assert.Equal(4, session.Log.Entries.Count);
    }

    [Fact]
    public async Task Replay_from_the_base_reproduces_every_logged_bit()
    {
        using var session = Data.NewSession();
        await session.EditAsync(e => e.ForClass("boat").Downtune("water", 3).ForClass("house").Remove("grass"), EditRefit.FixedEpochs(5));
        await session.EditAsync([ConceptEdit.Uptune("boat", "sail", 2)], EditRefit.FixedEpochs(7));
        session.Undo();
        await session.EditAsync(e => e.ForClass("boat").Release("water").Uptune("noise a"), EditRefit.FixedEpochs(5));
        var last = await session.EditAsync([ConceptEdit.Lock("car", "road")], EditRefit.FixedEpochs(2));

        foreach (var id in new[] { "v2", last.VersionId })
        {
            var replay = await session.ReplayAsync(id);
            Assert.True(replay.Identical, string.Join("; ", replay.Mismatches));
            Assert.Equal(session.Log.PathTo(id).Count, replay.Entries);
        }

        // A fresh session on the same inputs replays the same log to the same bits.
        using var fresh = EditSession.Create(Data.Students, Data.Scores, Data.Teacher, Data.GroundTruth, EditingData.Options, CopyOf(session.Log));
        var again = await fresh.ReplayAsync(last.VersionId);
        Assert.True(again.Identical, string.Join("; ", again.Mismatches));
        AssertSameStudents(last.Students, fresh.StudentsAt(last.VersionId));
    }

    [Fact]
    public async Task Replay_reports_a_different_objective_as_a_mismatch()
    {
        using var session = Data.NewSession();
        var result = await session.EditAsync([ConceptEdit.Downtune("boat", "water")], EditRefit.FixedEpochs(5));
        var options = EditingData.Options with { Students = EditingData.Options.Students with { Solver = EditingData.Options.Students.Solver with { L1 = 0.02 } } };
        using var other = EditSession.Create(Data.Students, Data.Scores, Data.Teacher, Data.GroundTruth, options, CopyOf(session.Log));
        var replay = await other.ReplayAsync(result.VersionId);
        Assert.False(replay.Identical);
        Assert.Contains(replay.Mismatches, m => m.Contains("λ = 0.01", StringComparison.Ordinal));
        Assert.Contains(replay.Mismatches, m => m.Contains("weights of class 'boat'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Diff_lists_changed_weights_and_metric_deltas()
    {
        using var session = Data.NewSession();
        var v1 = await session.EditAsync(e => e.ForClass("boat").Remove("water"), EditRefit.FixedEpochs(5));
        var v2 = await session.EditAsync(e => e.ForClass("car").Remove("wheel"), EditRefit.FixedEpochs(5));

        var diff = session.Diff(ProvenanceLog.RootId, "v2");
        var expected = new List<(int, int)>();
        for (var k = 0; k < EditingData.Classes.Length; k++)
        {
            for (var j = 0; j < EditingData.Concepts.Length; j++)
            {
                if (Data.Students.StandardizedWeights(k)[j] != v2.Students.StandardizedWeights(k)[j])
                {
                    expected.Add((k, j));
                }
            }
        }
        Assert.Equal(expected, diff.Weights.Select(w => (w.ClassIndex, w.ConceptIndex)));
        // Values, not bits: +0 against −0 is no change.
        Assert.DoesNotContain(diff.Weights, w => w.From == w.To);
        Assert.Contains(diff.Weights, w => w.ClassName == "boat" && w.ConceptName == "water" && w.To == 0f && w.Delta == -w.From);
        Assert.DoesNotContain(diff.Weights, w => w.ClassName == "house");
        Assert.Equal(v2.After.Top1Agreement - session.BaseMetrics.Top1Agreement, diff.Top1AgreementDelta);
        Assert.Equal(v2.After.GroundTruthAccuracy - session.BaseMetrics.GroundTruthAccuracy, diff.GroundTruthAccuracyDelta);
        Assert.Equal(v2.After.PerClass[Boat].TeacherOnly - session.BaseMetrics.PerClass[Boat].TeacherOnly, diff.PerClass[Boat].TeacherOnlyDelta);

        var back = session.Diff("v2", "v1");
        Assert.All(back.Weights, w => Assert.Equal("car", w.ClassName));
        Assert.Equal(v1.After.Top1Agreement - v2.After.Top1Agreement, back.Top1AgreementDelta);
        Assert.Empty(session.Diff("v1", "v1").Weights);
    }

    [Fact]
    public async Task A_log_from_other_students_is_rejected()
    {
        using var session = Data.NewSession();
        await session.EditAsync([ConceptEdit.Downtune("boat", "water")], EditRefit.FixedEpochs(5));
        var edited = session.Students;
        var error = Assert.Throws<Core.InvalidFileException>(() => EditSession.Create(edited, Data.Scores, Data.Teacher, log: CopyOf(session.Log)));
        Assert.Equal("weightsBefore", error.Field);
        Assert.Equal(2, error.Position);
    }

    internal static ProvenanceLog CopyOf(ProvenanceLog log)
    {
        var buffer = new MemoryStream();
        log.WriteTo(buffer);
        buffer.Position = 0;
        var result = ProvenanceLog.Read(buffer, "copy");
        Assert.Empty(result.Warnings);
        return result.Log;
    }

    internal static void AssertSameStudents(InFiConD.Students.StudentEnsemble expected, InFiConD.Students.StudentEnsemble actual)
    {
        Assert.Equal(EditingData.Bits(expected.CopyStandardizedWeights().AsSpan()), EditingData.Bits(actual.CopyStandardizedWeights().AsSpan()));
        Assert.Equal(EditingData.Bits(expected.Biases), EditingData.Bits(actual.Biases));
    }
}
