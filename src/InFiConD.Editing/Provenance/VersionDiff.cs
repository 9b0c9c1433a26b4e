using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// What differs between two versions of the students: weights, intercepts, and metrics and predictions on one split
/// (second minus first).
/// </summary>
/// <param name="From">The first version's id.</param>
/// <param name="To">The second version's id.</param>
/// <param name="Weights">Every standardised weight whose value differs (+0 and −0 count as equal), by class then concept.</param>
/// <param name="Biases">Every intercept whose value differs.</param>
/// <param name="Top1AgreementDelta">Change of the fidelity (top-1 agreement).</param>
/// <param name="GroundTruthAccuracyDelta">Change of the ground-truth accuracy; <see langword="null"/> without labels.</param>
/// <param name="PerClass">Per-class metric changes, in class order.</param>
public sealed record VersionDiff(
    string From,
    string To,
    IReadOnlyList<WeightDelta> Weights,
    IReadOnlyList<BiasDelta> Biases,
    double Top1AgreementDelta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? GroundTruthAccuracyDelta,
    IReadOnlyList<ClassMetricsDelta> PerClass)
{
    /// <summary>The split the metric changes and <see cref="Changed"/> are measured on.</summary>
    public string Split { get; init; } = InFiConD.Students.DataSplit.TrainingName;

    /// <summary>The split's images whose student top class differs between the two versions, in the split's order.</summary>
    public IReadOnlyList<PredictionChange> Changed { get; init; } = [];
}
