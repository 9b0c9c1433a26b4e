using InFiConD.Analysis;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Tests.Json;

/// <summary>
/// One small session run through every step a UI shows, so each JSON type is tested on a real instance: three classes,
/// eight concepts, a planted sparse teacher, bootstrap students (so a spread exists), a held-out split, two edits.
/// </summary>
public sealed class JsonWorld : IAsyncLifetime
{
    internal static readonly string[] Concepts = ["water", "sail", "hull", "wheel", "road", "window", "roof", "noise"];
    internal static readonly string[] Classes = ["boat", "car", "house"];

    private EditSession? _session;

    internal EditSession Session => _session!;
    internal DataSplit Training { get; private set; } = null!;
    internal EditResult Edit { get; private set; } = null!;
    internal EditPreview Preview { get; private set; } = null!;
    internal VersionDiff Diff { get; private set; } = null!;
    internal MisalignmentReport Report { get; private set; } = null!;
    internal ShortcutDiagnosis Diagnosis { get; private set; } = null!;
    internal InstanceExplanation Explanation { get; private set; } = null!;
    internal Fidelity Fidelity { get; private set; } = null!;
    internal ConceptBank Bank { get; private set; } = null!;
    internal IReadOnlyList<ConceptExamples> Examples { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (scores, teacher, truth) = Generate(160, seed: 3, "img");
        var options = new EditSessionOptions
        {
            Students = new StudentOptions { Solver = new SolverOptions { L1 = 0.01, MaxIterations = 300, MaxDegreeOfParallelism = 2 }, Seed = 7, BootstrapMembers = 3 },
        };
        var students = StudentEnsemble.Fit(scores, teacher, options.Students).Ensemble;
        Training = DataSplit.Create(DataSplit.TrainingName, scores, teacher, truth);
        var (heldScores, heldTeacher, heldTruth) = Generate(60, seed: 4, "held");
        _session = EditSession.Create(students, Training, [DataSplit.Create("held-out", heldScores, heldTeacher, heldTruth)], options);
        Edit = await Session.EditAsync([ConceptEdit.Downtune("boat", "water", 4), ConceptEdit.Remove("car", "noise")]);
        await Session.EditAsync([ConceptEdit.Bound("house", "roof", 0.5, 3)], EditRefit.FixedEpochs(20));
        Preview = await Session.PreviewAsync([ConceptEdit.Uptune("house", "window")], EditRefit.ToTolerance(1e-5, 500));
        Diff = Session.Diff(ProvenanceLog.RootId, Session.Current.Id, "held-out");
        Report = MisalignmentAnalyzer.Create(Training).Analyze(Session.Current.Students) with { Split = Training.Name, VersionId = Session.Current.Id };
        Diagnosis = await Session.ConfirmSuspectsAsync(Report);
        Explanation = InstanceExplanation.For(Session.Current.Students, scores, teacher, 5);
        Fidelity = Fidelity.Measure(Session.Current.Students, scores, teacher, truth);
        Examples = ConceptExamples.ForAll(scores);
        var random = new Random(9);
        var vectors = new FloatMatrix(Concepts.Length, 16);
        foreach (ref var v in vectors.AsSpan())
        {
            v = random.NextSingle() - 0.5f;
        }
        Bank = ConceptBank.Create(Concepts, vectors, new ConceptBankOrigin(ConceptBankKind.Exemplar, "resnet18/v1", description: "exemplars"))
            .WithQuality([.. Concepts.Select((_, i) => i == 7 ? null : new ConceptQuality(0.6 + 0.05 * i, 10, 30, 5, "exemplar-cv"))])
            .WithPresenceThresholds([.. Concepts.Select((_, i) => 0.1f + 0.01f * i)]);
    }

    public Task DisposeAsync()
    {
        _session?.Dispose();
        return Task.CompletedTask;
    }

    private static (ConceptScores Scores, TeacherOutputs Teacher, int[] Truth) Generate(int n, int seed, string prefix)
    {
        var random = new Random(seed);
        var values = new FloatMatrix(n, Concepts.Length);
        foreach (ref var v in values.AsSpan())
        {
            v = 0.4f * random.NextSingle();
        }
        float[][] planted = [[9, 6, 5, 0, -4, 0, 0, 0], [-3, 0, 0, 8, 7, 0, 0, 0], [0, 0, 0, 0, 0, 6, 7, 0]];
        var logits = new FloatMatrix(n, Classes.Length);
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < Classes.Length; k++)
            {
                double sum = k == 0 ? -2 : 0;
                for (var j = 0; j < Concepts.Length; j++)
                {
                    sum += planted[k][j] * (values[i, j] - 0.2);
                }
                logits[i, k] = (float)(sum + 0.3 * (random.NextDouble() - 0.5));
            }
        }
        var ids = Enumerable.Range(0, n).Select(i => $"{prefix}-{i:D4}").ToArray();
        var teacher = TeacherOutputs.FromLogits(logits, Classes, ids);
        var truth = Enumerable.Range(0, n).Select(i => (teacher.PredictedLabels[i] + (i % 7 == 0 ? 1 : 0)) % Classes.Length).ToArray();
        return (ConceptScores.Create(values, ids, Concepts), teacher, truth);
    }
}
