using InFiConD.Students;

namespace InFiConD.Editing.Tests.Sessions;

public sealed class EditSessionTests
{
    private static readonly EditingData Data = EditingData.Default;
    private static readonly int Boat = EditingData.ClassOf("boat");
    private static readonly int Water = EditingData.ConceptOf("water");

    [Fact]
    public async Task Uptune_raises_the_magnitude_within_its_interval()
    {
        using var session = Data.NewSession();
        var w0 = Data.Students.StandardizedWeights(Boat)[Water];
        var result = await session.EditAsync([ConceptEdit.Uptune("boat", "water", 2)], EditRefit.FixedEpochs(5));
        var w = result.Students.StandardizedWeights(Boat)[Water];
        Assert.True(Math.Abs(w) > Math.Abs(w0), $"|{w}| should exceed |{w0}|");
        Assert.InRange(w, w0, (float)(w0 * 2.0));
    }

    [Fact]
    public async Task Downtune_lowers_the_magnitude_within_its_interval()
    {
        using var session = Data.NewSession();
        var w0 = Data.Students.StandardizedWeights(Boat)[Water];
        var result = await session.EditAsync(e => e.ForClass("boat").Downtune("water", factor: 2), EditRefit.FixedEpochs(5));
        var w = result.Students.StandardizedWeights(Boat)[Water];
        Assert.True(Math.Abs(w) < Math.Abs(w0), $"|{w}| should be below |{w0}|");
        Assert.InRange(w, (float)(w0 / 2.0), w0);
    }

    [Fact]
    public async Task Remove_gives_exactly_zero_and_Lock_keeps_the_bits()
    {
        using var session = Data.NewSession();
        var sail = EditingData.ConceptOf("sail");
        var hull = EditingData.ConceptOf("hull");
        var locked = Data.Students.StandardizedWeights(Boat)[hull];
        var result = await session.EditAsync(e => e.ForClass("boat").Remove("sail").Lock("hull").Uptune("water", 3), EditRefit.FixedEpochs(5));
        Assert.Equal(0f, result.Students.StandardizedWeights(Boat)[sail]);
        Assert.Equal(BitConverter.SingleToInt32Bits(locked), BitConverter.SingleToInt32Bits(result.Students.StandardizedWeights(Boat)[hull]));
        // The other weights were free and did move.
        Assert.NotEqual(EditingData.Bits(Data.Students.StandardizedWeights(Boat)), EditingData.Bits(result.Students.StandardizedWeights(Boat)));
    }

    [Fact]
    public async Task Every_active_interval_holds_after_each_refit_until_released()
    {
        using var session = Data.NewSession();
        await session.EditAsync(e => e.ForClass("boat").Downtune("water", 3).ForClass("house").Uptune("roof", 2), EditRefit.FixedEpochs(5));
        await session.EditAsync(e => e.ForClass("boat").Uptune("sail", 4), EditRefit.FixedEpochs(5));
        Assert.Equal(3, session.Current.ActiveBounds.Count);
        AssertBoundsHold(session.Current);

        // A later edit on the same weight replaces its interval; Release lifts it and refits the class freely.
        var replaced = await session.EditAsync([ConceptEdit.Lock("boat", "water")], EditRefit.FixedEpochs(5));
        Assert.Equal(ConceptEditKind.Lock, replaced.Version.ActiveBounds.Single(b => b.ConceptName == "water").Kind);
        AssertBoundsHold(session.Current);
        var lockedBits = BitConverter.SingleToInt32Bits(session.Students.StandardizedWeights(Boat)[Water]);

        var released = await session.EditAsync([ConceptEdit.Release("boat", "water")], EditRefit.FixedEpochs(5));
        Assert.DoesNotContain(released.Version.ActiveBounds, b => b.ConceptName == "water" && b.ClassName == "boat");
        Assert.Equal(2, released.Version.ActiveBounds.Count);
        Assert.Empty(released.Entry.Bounds);
        Assert.Equal([Boat], released.Entry.Changes.Select(c => c.ClassIndex));
        Assert.NotEqual(lockedBits, BitConverter.SingleToInt32Bits(session.Students.StandardizedWeights(Boat)[Water]));
        AssertBoundsHold(session.Current);
    }

    [Fact]
    public async Task Untouched_classes_keep_their_bits()
    {
        using var session = Data.NewSession();
        var result = await session.EditAsync([ConceptEdit.Downtune("boat", "water")], EditRefit.FixedEpochs(5));
        for (var k = 0; k < EditingData.Classes.Length; k++)
        {
            var same = EditingData.Bits(Data.Students.StandardizedWeights(k)).SequenceEqual(EditingData.Bits(result.Students.StandardizedWeights(k)))
                && BitConverter.SingleToInt32Bits(Data.Students.Bias(k)) == BitConverter.SingleToInt32Bits(result.Students.Bias(k));
            Assert.Equal(k != Boat, same);
        }
        Assert.Equal([Boat], result.Entry.Changes.Select(c => c.ClassIndex));
    }

    [Fact]
    public async Task Several_edits_on_several_classes_refit_exactly_those_classes()
    {
        using var session = Data.NewSession();
        var house = EditingData.ClassOf("house");
        var result = await session.EditAsync(e => e.ForClass("house").Remove("grass").ForClass("boat").Uptune("hull"), EditRefit.FixedEpochs(5));
        Assert.Equal([Boat, house], result.Entry.Changes.Select(c => c.ClassIndex));
        Assert.Equal(0f, result.Students.StandardizedWeights(house)[EditingData.ConceptOf("grass")]);
        var car = EditingData.ClassOf("car");
        Assert.Equal(EditingData.Bits(Data.Students.StandardizedWeights(car)), EditingData.Bits(result.Students.StandardizedWeights(car)));
        // The logged rows are the ensemble's rows, bit for bit.
        foreach (var change in result.Entry.Changes)
        {
            Assert.Equal(EditingData.Bits(Data.Students.StandardizedWeights(change.ClassIndex)), EditingData.Bits(change.WeightsBefore));
            Assert.Equal(EditingData.Bits(result.Students.StandardizedWeights(change.ClassIndex)), EditingData.Bits(change.WeightsAfter));
        }
    }

    [Fact]
    public async Task Refit_matches_a_direct_bounded_solver_call_and_reports_epochs()
    {
        using var session = Data.NewSession();
        var reports = new List<EditProgress>();
        var result = await session.EditAsync([ConceptEdit.Uptune("boat", "water", 2)], EditRefit.FixedEpochs(3), progress: new SyncProgress(reports));

        // The same refit written out by hand against the solver.
        var w0 = Data.Students.StandardizedWeights(Boat)[Water];
        var z = Data.Students.Standardize(Data.Scores.Values);
        var problem = LogisticProblem.Create(z, Data.Teacher.Probabilities, 2).ForClasses([Boat]);
        var lower = new Core.FloatMatrix(1, EditingData.Concepts.Length);
        var upper = new Core.FloatMatrix(1, EditingData.Concepts.Length);
        lower.AsSpan().Fill(float.NegativeInfinity);
        upper.AsSpan().Fill(float.PositiveInfinity);
        lower[0, Water] = w0;
        upper[0, Water] = (float)(w0 * 2.0);
        var start = Core.FloatMatrix.FromValues(Data.Students.StandardizedWeights(Boat), 1, EditingData.Concepts.Length);
        start[0, Water] = (float)(w0 * 2.0);
        var fit = SparseLogisticSolver.Fit(problem, EditingData.Options.Students.Solver with { MaxIterations = 3 }, SolverConstraints.Create(lower, upper), new SolverStart(start, [Data.Students.Bias(Boat)]));

        Assert.Equal(EditingData.Bits(fit.Weights.Row(0)), EditingData.Bits(result.Students.StandardizedWeights(Boat)));
        Assert.Equal(fit.Bias[0], result.Students.Bias(Boat));
        Assert.Equal(fit.Iterations, result.Entry.Refit.Iterations);
        Assert.InRange(result.Entry.Refit.Iterations, 1, 3);
        // Around the solver's one report per epoch: Queued and Planning before, Committed after.
        Assert.Equal([EditStage.Queued, EditStage.Planning], reports.Take(2).Select(r => r.Stage));
        Assert.Equal(EditStage.Committed, reports[^1].Stage);
        reports = reports.Where(r => r.Stage == EditStage.Refitting).ToList();
        Assert.Equal(Enumerable.Range(1, result.Entry.Refit.Iterations), reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(3, r.Epochs));
    }

    [Fact]
    public async Task Metrics_match_a_brute_force_recount_and_the_students_fidelity()
    {
        using var session = Data.NewSession();
        var result = await session.EditAsync(e => e.ForClass("boat").Remove("water").Remove("sail"), EditRefit.FixedEpochs(5));
        AssertMetrics(Data.Students, result.Before);
        AssertMetrics(result.Students, result.After);
        Assert.NotEqual(result.Before.Top1Agreement, result.After.Top1Agreement);
    }

    [Fact]
    public async Task A_reader_sees_either_the_old_or_the_new_version_never_a_mix()
    {
        using var session = Data.NewSession();
        var old = session.Current;
        var seen = new HashSet<string>();
        var apply = session.EditAsync(e => e.ForClass("boat").Downtune("water", 3).ForClass("car").Uptune("wheel"), EditRefit.FixedEpochs(20));
        var observed = 0;
        while (!apply.IsCompleted || observed < 100)
        {
            var v = session.Current;
            seen.Add(v.Id);
            // Students, metrics and intervals of one version always belong together.
            Assert.Equal(v.Id == old.Id ? 0 : 2, v.ActiveBounds.Count);
            Assert.Equal(v.Id == old.Id ? old.Metrics : v.Entry!.MetricsAfter, v.Metrics);
            observed++;
        }
        var result = await apply;
        Assert.Subset(new HashSet<string> { old.Id, result.VersionId }, seen);
        AssertMetrics(result.Students, session.Current.Metrics);
    }

    [Fact]
    public async Task Concurrent_edits_are_applied_one_after_the_other()
    {
        using var session = Data.NewSession();
        var edits = new[] { "water", "sail", "hull", "road" }.Select(c => session.EditAsync([ConceptEdit.Lock("boat", c)], EditRefit.FixedEpochs(5))).ToArray();
        var results = await Task.WhenAll(edits);
        Assert.Equal(["v1", "v2", "v3", "v4"], results.Select(r => r.VersionId).Order());
        Assert.Equal([ProvenanceLog.RootId, "v1", "v2", "v3"], session.Log.Entries.Select(e => e.ParentId));
        Assert.Equal(4, session.Current.ActiveBounds.Count);
    }

    [Fact]
    public async Task A_cancelled_edit_leaves_the_session_unchanged()
    {
        using var session = Data.NewSession();
        var before = session.Current;
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.EditAsync([ConceptEdit.Remove("boat", "water")], EditRefit.FixedEpochs(5), cancellationToken: cancel.Token));
        Assert.Same(before, session.Current);
        Assert.Empty(session.Log.Entries);
    }

    [Fact]
    public async Task CopyLogits_and_LogitValues_are_the_students_logits_bit_for_bit_and_give_the_same_report()
    {
        using var session = Data.NewSession();
        var analyzer = Analysis.MisalignmentAnalyzer.Create(Data.Scores, Data.Teacher, Data.GroundTruth);
        var versions = new List<SessionVersion> { session.Current };
        // Versions made by edits hold incrementally updated logits (only the refit classes' columns recomputed); the one
        // undo returns to is rebuilt from the log with a full product.
        versions.Add((await session.EditAsync(e => e.ForClass("boat").Downtune("water", 3), EditRefit.FixedEpochs(5))).Version);
        versions.Add((await session.EditAsync(e => e.ForClass("car").Remove("wheel").ForClass("house").Uptune("roof"), EditRefit.FixedEpochs(5))).Version);
        versions.Add(session.Undo());
        foreach (var version in versions)
        {
            var expected = EditingData.Bits(version.Students.Logits(Data.Scores.Values).AsSpan());
            var logits = version.CopyLogits();
            Assert.Equal(expected, EditingData.Bits(logits.AsSpan()));
            Assert.Equal(JsonOf(analyzer.Analyze(version.Students)), JsonOf(analyzer.Analyze(version.Students, logits)));
            // The read-only view holds the same bits and gives the same report without a copy.
            Assert.Equal(expected, EditingData.Bits(version.LogitValues));
            Assert.Equal(JsonOf(analyzer.Analyze(version.Students)), JsonOf(analyzer.Analyze(version.Students, version.LogitValues)));

            // A copy: writing into it changes neither the version nor the next copy.
            logits.AsSpan().Fill(float.NaN);
            Assert.Equal(expected, EditingData.Bits(version.CopyLogits().AsSpan()));
        }

        static string JsonOf(Analysis.MisalignmentReport report) =>
            System.Text.Json.JsonSerializer.Serialize(report, Analysis.AnalysisJsonContext.Default.MisalignmentReport);
    }

    [Fact]
    public void Mismatched_inputs_are_rejected_with_clear_messages()
    {
        var wrongConcepts = Data.Scores.Select(EditingData.Concepts.Reverse());
        Assert.Contains("concepts differ", Assert.Throws<ArgumentException>(() => EditSession.Create(Data.Students, wrongConcepts, Data.Teacher)).Message);
        Assert.Throws<Core.ShapeMismatchException>(() => EditSession.Create(Data.Students, Data.Scores, Data.Teacher, groundTruth: [0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EditSession.Create(Data.Students, Data.Scores, Data.Teacher, options: new EditSessionOptions { ZeroWeightFloor = 0 }));
    }

    internal static void AssertBoundsHold(SessionVersion version)
    {
        foreach (var b in version.ActiveBounds)
        {
            var w = version.Students.StandardizedWeights(b.ClassIndex)[b.ConceptIndex];
            Assert.True(b.Contains(w), $"{b.ClassName}/{b.ConceptName} = {w} outside [{b.Lower}, {b.Upper}]");
        }
    }

    /// <summary>Recounts every metric from the ensemble's own predictions, and checks against <see cref="Fidelity"/>.</summary>
    internal static void AssertMetrics(StudentEnsemble students, EditMetrics metrics)
    {
        var predicted = students.PredictLabels(Data.Scores);
        var teacher = Data.Teacher.PredictedLabels;
        var n = predicted.Length;
        Assert.Equal(n, metrics.ImageCount);
        Assert.Equal(Enumerable.Range(0, n).Count(i => predicted[i] == teacher[i]) / (double)n, metrics.Top1Agreement);
        Assert.Equal(Enumerable.Range(0, n).Count(i => predicted[i] == Data.GroundTruth[i]) / (double)n, metrics.GroundTruthAccuracy);
        for (var k = 0; k < EditingData.Classes.Length; k++)
        {
            var m = metrics.PerClass[k];
            var teacherOnly = Enumerable.Range(0, n).Count(i => teacher[i] == k && predicted[i] != k);
            var studentOnly = Enumerable.Range(0, n).Count(i => teacher[i] != k && predicted[i] == k);
            var support = teacher.Count(t => t == k);
            Assert.Equal(EditingData.Classes[k], m.ClassName);
            Assert.Equal((support, teacherOnly, studentOnly, predicted.Count(p => p == k)), (m.Support, m.TeacherOnly, m.StudentOnly, m.StudentCount));
            Assert.Equal(support == 0 ? 0 : (support - teacherOnly) / (double)support, m.Agreement);
        }
        var fidelity = Fidelity.Measure(students, Data.Scores, Data.Teacher, Data.GroundTruth);
        Assert.Equal(fidelity.Top1Agreement, metrics.Top1Agreement);
        Assert.Equal(fidelity.PerClass.Select(c => c.Agreement), metrics.PerClass.Select(c => c.Agreement));
    }

    private sealed class SyncProgress(List<EditProgress> reports) : IProgress<EditProgress>
    {
        public void Report(EditProgress value) => reports.Add(value);
    }
}
