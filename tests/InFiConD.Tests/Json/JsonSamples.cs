using InFiConD.Analysis;
using InFiConD.Concepts;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Tests.Json;

/// <summary>One real instance per type registered on <see cref="InFiConDJsonContext"/>, taken from <see cref="JsonWorld"/>.</summary>
internal static class JsonSamples
{
    /// <summary>Types only a session makes: written, never read back.</summary>
    internal static readonly Type[] WriteOnly = [typeof(SessionVersion), typeof(EditResult), typeof(ReportComparison)];

    internal static Dictionary<Type, object> From(JsonWorld world)
    {
        var session = world.Session;
        var metrics = world.Edit.Version.MetricsBySplit["held-out"];
        var changes = world.Edit.Splits.SelectMany(s => s.Changed).ToArray();
        return new()
        {
            [typeof(SessionVersion)] = session.Current,
            [typeof(ProvenanceEntry)] = world.Edit.Entry,
            [typeof(IReadOnlyList<ProvenanceEntry>)] = session.Log.Entries,
            [typeof(ProvenanceEntrySummary)] = session.HistorySummary()[1],
            [typeof(IReadOnlyList<ProvenanceEntrySummary>)] = session.HistorySummary(),
            [typeof(HistoryNode)] = session.HistoryTree(),
            [typeof(VersionDiff)] = world.Diff,
            [typeof(ReplayResult)] = new ReplayResult("v2", 2, ["row 1 differs"]),
            [typeof(EditRequest)] = new EditRequest(world.Edit.Entry.Edits) { ExpectedVersion = "v1", Refit = EditRefit.FixedEpochs(3) },
            [typeof(ConceptLocations)] = new ConceptLocations
            {
                ImageId = "img7", Split = "held-out", Segments = [new Embedding.SegmentBox(0, 0, 16, 16), new Embedding.SegmentBox(8, 0, 8, 8)],
                Concepts = [new ConceptLocation("water", 0.61f, 0.4f, true, 1, new Embedding.SegmentBox(8, 0, 8, 8)), new ConceptLocation("sail", 0.1f, null, false, null, null)],
                SegmentScores = Core.FloatMatrix.FromRows([[0.5f, 0.1f], [0.61f, 0f]]),
            },
            [typeof(ConceptEdit)] = world.Edit.Entry.Edits[0],
            [typeof(IReadOnlyList<ConceptEdit>)] = world.Edit.Entry.Edits,
            [typeof(ConceptEditKind)] = ConceptEditKind.Downtune,
            [typeof(ZeroWeightSign)] = ZeroWeightSign.Negative,
            [typeof(EditRefit)] = EditRefit.ToTolerance(1e-5, 500),
            [typeof(EditProblem)] = new EditProblem(1, "factor", "The factor must be > 1."),
            [typeof(IReadOnlyList<EditProblem>)] = new[] { new EditProblem(0, "className", "No class 'bot'.") },
            [typeof(EditResult)] = world.Edit,
            [typeof(EditPreview)] = world.Preview,
            [typeof(EditProgress)] = new EditProgress(3, 20, 0.25, 1e-4) { Tolerance = 1e-6 },
            [typeof(SplitOutcome)] = world.Edit.Splits[^1],
            [typeof(IReadOnlyList<SplitOutcome>)] = world.Edit.Splits,
            [typeof(PredictionChange)] = changes.Length > 0 ? changes[0] : new PredictionChange("img-0001", "boat", "car", "car", null),
            [typeof(EditMetrics)] = metrics,
            [typeof(IReadOnlyDictionary<string, EditMetrics>)] = world.Edit.Version.MetricsBySplit,
            [typeof(AttributeGroupMetrics)] = new AttributeGroupMetrics("weather", null, metrics),
            [typeof(IReadOnlyList<AttributeGroupMetrics>)] = new[] { new AttributeGroupMetrics("weather", "rain", metrics) },
            [typeof(WeightBounds)] = world.Edit.Entry.Bounds[0],
            [typeof(IReadOnlyList<WeightBounds>)] = session.Current.ActiveBounds,
            [typeof(RefitRecord)] = world.Edit.Entry.Refit,
            [typeof(MisalignmentReport)] = world.Report,
            [typeof(ReportComparison)] = ReportComparison.Of(world.Report, world.Report),
            [typeof(MisalignmentOptions)] = world.Report.Options,
            [typeof(ShortcutDiagnosis)] = world.Diagnosis,
            [typeof(DiagnosisOptions)] = new DiagnosisOptions(),
            [typeof(DiagnosisProgress)] = new DiagnosisProgress(1, 4, "boat/water"),
            [typeof(InstanceExplanation)] = world.Explanation,
            [typeof(ConceptExamples)] = world.Examples[0],
            [typeof(IReadOnlyList<ConceptExamples>)] = world.Examples,
            [typeof(ConceptExampleOptions)] = new ConceptExampleOptions(),
            [typeof(Fidelity)] = world.Fidelity,
            [typeof(RegularizationPath)] = new RegularizationPath(
                [new RegularizationPathPoint(0.5, 0, new Dictionary<string, Fidelity> { ["train"] = world.Fidelity }), new RegularizationPathPoint(0.05, 4, new Dictionary<string, Fidelity> { ["train"] = world.Fidelity })],
                0.001, "train", 1),
            [typeof(StudentEnsemble)] = session.Current.Students,
            [typeof(WeightSpread)] = session.Current.Students.Spread!,
            [typeof(ConceptBankSummary)] = ConceptBankSummary.From(world.Bank),
            [typeof(ConceptQuality)] = world.Bank.Quality![0]!,
            [typeof(ConceptBankOrigin)] = world.Bank.Origin,
        };
    }
}
