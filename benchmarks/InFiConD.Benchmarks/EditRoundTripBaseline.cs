using InFiConD.Analysis;
using InFiConD.Editing;

namespace InFiConD.Benchmarks;

/// <summary>
/// The baseline of <see cref="EditRoundTripBenchmarks"/>: the session's own planner, refit, metrics and the analyzer's
/// report, but with every class in the refit and all N × K logits recomputed, as an editor that ignores one-vs-rest
/// decoupling would do.
/// </summary>
internal static class EditRoundTripBaseline
{
    internal static (EditMetrics Metrics, MisalignmentReport Report) Run(EditSession session, MisalignmentAnalyzer analyzer, IReadOnlyList<ConceptEdit> edits, int epochs)
    {
        var engine = session.Engine;
        var current = session.Current;
        var plan = EditPlanner.Plan(current.Students, current.Active, edits, engine.Options.ZeroWeightFloor, converged: false, everyClass: false, engine.Covariance);
        var everyClass = plan with { Classes = Enumerable.Range(0, current.Students.ClassCount).ToArray() };
        var outcome = engine.Refit(current.Students, everyClass, EditRefit.FixedEpochs(epochs), current.Lambda, progress: null, CancellationToken.None);
        var logits = engine.Logits(outcome.Students);
        return (engine.Measure(logits), analyzer.Analyze(outcome.Students, logits));
    }
}
