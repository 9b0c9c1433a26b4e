namespace InFiConD.Studio;

/// <summary>One step of building the session: its name and how far it is (total 0 when unknown).</summary>
/// <param name="Step">What is running.</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units in all, or 0.</param>
internal sealed record BuildProgress(string Step, int Done, int Total)
{
    /// <summary>A distillation run's report, in the page's words.</summary>
    public static BuildProgress Of(DistillationProgress progress) => new(progress.Stage switch
    {
        DistillationStage.ConceptBank => "Concept bank from exemplars",
        DistillationStage.Encoding => $"Encoding {progress.Split} segments",
        DistillationStage.Scoring => $"Scoring concepts on {progress.Split}",
        DistillationStage.Teacher => $"Teacher on {progress.Split}",
        DistillationStage.Students => "Fitting students",
        _ => "Distilled",
    }, progress.Done, progress.Total);
}
