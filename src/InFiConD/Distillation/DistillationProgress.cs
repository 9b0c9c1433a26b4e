using InFiConD.Students;

namespace InFiConD;

/// <summary>Progress of a distillation run: the stage and how far it has come.</summary>
/// <param name="Stage">The stage running now.</param>
/// <param name="Done">Items of the stage done (images, concepts or solver iterations).</param>
/// <param name="Total">Items of the stage in all; 0 when unknown.</param>
/// <param name="Failed">Items of the stage that failed so far (images that did not decode).</param>
public sealed record DistillationProgress(DistillationStage Stage, int Done, int Total, int Failed = 0)
{
    /// <summary>The split the stage works on: <c>train</c> for the training images (and the bank and student stages), else an evaluation split's name.</summary>
    public string Split { get; init; } = DataSplit.TrainingName;

    /// <summary>The fraction of the stage done, in [0, 1]; 0 when the total is unknown.</summary>
    public double Fraction => Total > 0 ? Math.Clamp((double)Done / Total, 0, 1) : 0;
}
