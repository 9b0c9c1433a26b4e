using InFiConD.Analysis;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing.Tests.Diagnosis;

/// <summary>
/// A planted shortcut: on the training images a mark sits on 90 % of class c and 10 % of the others, and the teacher reads
/// it for c; on the shifted images it sits on a third of every class. The students learn the mark, and the diagnosis must
/// name (c, mark) and confirm with real refits that removing it helps on the shifted images.
/// </summary>
public sealed class ConfirmSuspectsTests
{
    private static readonly string[] Concepts = ["shape a", "shape b", "shape c", "mark", "noise", "stamp"];
    private static readonly string[] Classes = ["a", "b", "c"];

    private static readonly EditSessionOptions Options = new()
    {
        Students = new StudentOptions { Solver = new SolverOptions { L1 = 0.005, MaxIterations = 500, MaxDegreeOfParallelism = 2 }, Seed = 3 },
    };

    private static DataSplit Split(string name, int n, int seed, Func<int, int, Random, bool> marked, Func<int, int, Random, bool>? stamped = null)
    {
        var random = new Random(seed);
        var values = new FloatMatrix(n, Concepts.Length);
        var truth = new int[n];
        var logits = new FloatMatrix(n, Classes.Length);
        for (var i = 0; i < n; i++)
        {
            var cls = truth[i] = i % 3;
            for (var j = 0; j < 3; j++)
            {
                values[i, j] = (j == cls ? 0.5f : 0.1f) + (0.25f * random.NextSingle());
            }
            var mark = marked(i, cls, random);
            values[i, 3] = (mark ? 0.7f : 0.05f) + (0.05f * random.NextSingle());
            values[i, 4] = 0.4f * random.NextSingle();
            // A second cue, for class a, when the test plants one.
            var stamp = stamped?.Invoke(i, cls, random) ?? false;
            values[i, 5] = (stamp ? 0.7f : 0.05f) + (0.05f * random.NextSingle());
            for (var k = 0; k < 3; k++)
            {
                logits[i, k] = (8f * values[i, k]) + (k == 2 && mark ? 4f : 0f) + (k == 0 && stamp ? 4f : 0f);
            }
        }
        var ids = Enumerable.Range(0, n).Select(i => $"{name}-{i:D3}").ToArray();
        var scores = ConceptScores.Create(values, ids, Concepts);
        return DataSplit.Create(name, scores, TeacherOutputs.FromLogits(logits, Classes, ids), truth);
    }

    private static EditSession NewSession(bool twoCues = false)
    {
        Func<int, int, Random, bool>? trainStamp = twoCues ? (_, cls, r) => r.NextDouble() < (cls == 0 ? 0.9 : 0.1) : null;
        Func<int, int, Random, bool>? shiftedStamp = twoCues ? (i, _, _) => (i / 3) % 3 == 1 : null;
        var training = Split(DataSplit.TrainingName, 300, 1, (_, cls, r) => r.NextDouble() < (cls == 2 ? 0.9 : 0.1), trainStamp);
        var presence = ConceptPresence.Calibrate(training.Scores);
        var shifted = Split("shifted", 240, 2, (i, _, _) => (i / 3) % 3 == 0, shiftedStamp);
        training = DataSplit.Create(training.Name, training.Scores.WithPresenceThresholds(presence), training.Teacher, training.GroundTruth);
        shifted = DataSplit.Create(shifted.Name, shifted.Scores.WithPresenceThresholds(presence), shifted.Teacher, shifted.GroundTruth);
        var students = StudentEnsemble.Fit(training.Scores, training.Teacher, Options.Students).Ensemble;
        return EditSession.Create(students, training, [shifted], Options);
    }

    private static MisalignmentReport Analyze(EditSession session, string split)
    {
        var data = session.Split(split);
        return MisalignmentAnalyzer.Create(data.Scores, data.Teacher, data.GroundTruth).Analyze(session.Students) with { Split = split, VersionId = session.Current.Id };
    }

    [Fact]
    public async Task PlantedMark_IsConfirmed_AndTheProposalIsWhatApplyingItDoes()
    {
        using var session = NewSession();
        var (version, logged) = (session.Current.Id, session.Log.Entries.Count);
        var report = Analyze(session, "shifted");
        var progress = new List<DiagnosisProgress>();

        var diagnosis = await session.ConfirmSuspectsAsync(report, progress: new SyncProgress<DiagnosisProgress>(progress.Add));

        var top = diagnosis.Confirmed[0];
        Assert.Equal(("c", "mark", true), (top.Suspect.ClassName, top.Suspect.ConceptName, top.Suspect.IsSignificant));
        Assert.True(top.FixHelps);
        Assert.Equal("shifted", top.ProposedFix.Split);
        Assert.StartsWith("Suspected shortcut on shifted: The student relies on mark for c", diagnosis.Headline, StringComparison.Ordinal);
        Assert.Contains("Proposed: remove mark from", top.Sentence, StringComparison.Ordinal);
        // One confirmation per concept, in ranking order.
        Assert.Equal(report.Suspects.DistinctBy(s => s.ConceptName).Take(3).ToArray(), diagnosis.Confirmed.Select(c => c.Suspect).ToArray());
        // Each distinct fix is refit once.
        Assert.Equal(diagnosis.Confirmed.SelectMany(c => c.Fixes).Select(f => f.Edits[0]).Distinct().Count(), progress[^1].Done);
        Assert.Null(progress[^1].Current);

        // Nothing was kept.
        Assert.Equal(version, session.Current.Id);
        Assert.Equal(logged, session.Log.Entries.Count);

        // Applying the proposed edits gives exactly the measured outcome on every split.
        var applied = await session.EditAsync(top.ProposedFix.Edits);
        foreach (var outcome in top.ProposedFix.Splits)
        {
            Assert.Equal(outcome.After, applied.On(outcome.Split).After);
        }
        Assert.True(applied.On("shifted").AccuracyChange > 0.05, $"accuracy change {applied.On("shifted").AccuracyChange}");
    }

    [Fact]
    public async Task StaleOrUnnamedReports_AreRefused()
    {
        using var session = NewSession();
        var report = Analyze(session, "shifted");
        var unnamed = report with { Split = null };
        await Assert.ThrowsAsync<ArgumentException>(() => session.ConfirmSuspectsAsync(unnamed));
        await Assert.ThrowsAsync<ArgumentException>(() => session.ConfirmSuspectsAsync(report with { Split = "nowhere" }));

        await session.EditAsync(e => e.ForClass("a").Downtune("noise", 2));
        var stale = await Assert.ThrowsAsync<InvalidOperationException>(() => session.ConfirmSuspectsAsync(report));
        Assert.Contains("analyse the current version again", stale.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiagnosisOptions { Confirm = -1 }.Validate());
    }

    [Fact]
    public async Task ConfirmZero_KeepsTheRankingAndMeasuresNothing_AndTheHeadlineStillNamesTheSuspect()
    {
        using var session = NewSession();
        var diagnosis = await session.ConfirmSuspectsAsync(Analyze(session, "shifted"), new DiagnosisOptions { Confirm = 0 });
        Assert.Empty(diagnosis.Confirmed);
        Assert.NotEmpty(diagnosis.Report.Suspects);
        Assert.StartsWith("Suspected shortcut on shifted: The student relies on mark for c", diagnosis.Headline, StringComparison.Ordinal);
        Assert.DoesNotContain("Proposed", diagnosis.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoPlantedCues_AreFixedTogether_AndTheCombinationIsWhatApplyingItDoes()
    {
        using var session = NewSession(twoCues: true);
        var diagnosis = await session.ConfirmSuspectsAsync(Analyze(session, "shifted"));

        var findings = diagnosis.Confirmed.Where(c => c.Suspect.IsSignificant && c.FixHelps).ToArray();
        Assert.Contains(findings, c => (c.Suspect.ClassName, c.Suspect.ConceptName) == ("c", "mark"));
        Assert.Contains(findings, c => (c.Suspect.ClassName, c.Suspect.ConceptName) == ("a", "stamp"));
        var combined = Assert.IsType<CombinedFix>(diagnosis.CombinedFix);
        Assert.Equal(findings.SelectMany(c => c.ProposedFix.Edits).Distinct(), combined.Edits);
        Assert.StartsWith($"All {combined.Edits.Count} fixes together (", combined.Sentence, StringComparison.Ordinal);
        Assert.Contains(combined.Sentence, diagnosis.Headline, StringComparison.Ordinal);
        // Together they do better on the shifted images than either alone.
        Assert.True(combined.Gain > findings.Max(c => c.ProposedFix.Gain), $"together {combined.Gain}, alone {findings.Max(c => c.ProposedFix.Gain)}");

        var applied = await session.EditAsync(combined.Edits);
        foreach (var outcome in combined.Splits)
        {
            Assert.Equal(outcome.After, applied.On(outcome.Split).After);
        }
    }

    [Fact]
    public async Task OneFinding_HasNoCombination()
    {
        using var session = NewSession();
        Assert.Null((await session.ConfirmSuspectsAsync(Analyze(session, "shifted"))).CombinedFix);
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
