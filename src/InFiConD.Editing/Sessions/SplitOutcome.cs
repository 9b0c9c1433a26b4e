namespace InFiConD.Editing;

/// <summary>
/// What an edit did on one split: the metrics of the version it was applied to and of the new version, and the images
/// whose student top class changed (with the teacher's class and, when known, the true class of each).
/// </summary>
/// <param name="Split">The split's name (<see cref="InFiConD.Students.DataSplit.TrainingName"/> for the training images).</param>
/// <param name="Before">Metrics of the version the edit was applied to.</param>
/// <param name="After">Metrics of the new version.</param>
/// <param name="Changed">The images whose student prediction changed, in the split's order.</param>
public sealed record SplitOutcome(string Split, EditMetrics Before, EditMetrics After, IReadOnlyList<PredictionChange> Changed)
{
    /// <summary>Computes <c>After.Top1Agreement − Before.Top1Agreement</c>: the change of fidelity to the teacher.</summary>
    public double AgreementChange => After.Top1Agreement - Before.Top1Agreement;

    /// <summary>Computes the change of accuracy against the ground truth; <see langword="null"/> without labels.</summary>
    public double? AccuracyChange => Before.GroundTruthAccuracy is { } a && After.GroundTruthAccuracy is { } b ? b - a : null;
}
