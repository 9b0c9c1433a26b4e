using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// How one version of the students agrees with the teacher on the session's images: the paper's fidelity (top-1
/// agreement), per-class agreement and the per-class misaligned subsets, and accuracy against ground truth when the
/// session has labels. The decisions follow <see cref="InFiConD.Students.Fidelity"/>: the top class (first on ties)
/// for single-label teachers; probability ≥ 0.5 (logit ≥ 0 for the student) for multi-label teachers.
/// </summary>
/// <param name="ImageCount">Images measured N.</param>
/// <param name="Top1Agreement">Fraction of images whose student top class is the teacher's top class.</param>
/// <param name="GroundTruthAccuracy">Fraction of images whose student top class is the true label; <see langword="null"/> without labels.</param>
/// <param name="PerClass">One entry per class, in class order.</param>
public sealed record EditMetrics(int ImageCount, double Top1Agreement, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? GroundTruthAccuracy, IReadOnlyList<ClassEditMetrics> PerClass)
{
    /// <summary>Value equality, including the per-class entries element by element.</summary>
    /// <param name="other">Metrics to compare with.</param>
    public bool Equals(EditMetrics? other) =>
        other is not null && ImageCount == other.ImageCount && Top1Agreement.Equals(other.Top1Agreement)
        && Nullable.Equals(GroundTruthAccuracy, other.GroundTruthAccuracy) && PerClass.SequenceEqual(other.PerClass);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ImageCount, Top1Agreement, GroundTruthAccuracy, PerClass.Count);
}
