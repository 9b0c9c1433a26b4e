using System.Text.Json.Serialization;

namespace InFiConD.Concepts;

/// <summary>
/// How reliably one concept's detector recognises the concept, measured on the evidence it was made from: the
/// held-out ROC AUC of the detector (cosine to the concept vector; for segment exemplars the largest cosine over an
/// image's segments) by stratified k-fold cross-validation, where each fold's images are scored by a detector refitted
/// without them. A UI shows it next to the concept and flags concepts that are not <see cref="IsReliable"/>.
/// </summary>
public sealed record ConceptQuality
{
    /// <summary>The held-out AUC from which a concept counts as reliably detected (0.7): below it, at least 30 % of
    /// (positive, negative) exemplar pairs are ranked the wrong way round.</summary>
    public const double ReliableAuc = 0.7;

    /// <summary>Creates a quality record.</summary>
    /// <param name="auc">The held-out AUC, in [0, 1] (0.5 is chance).</param>
    /// <param name="positives">Positive exemplar images it was measured on, ≥ 1.</param>
    /// <param name="negatives">Negative exemplar images it was measured on, ≥ 1.</param>
    /// <param name="folds">Cross-validation folds, ≥ 2.</param>
    /// <param name="method">How the detector was made and measured (e.g. <c>cav</c>, <c>prototype</c>); not empty.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="auc"/> is NaN or outside [0, 1]; a count is below its minimum.</exception>
    /// <exception cref="ArgumentException"><paramref name="method"/> is null, empty or white space.</exception>
    [JsonConstructor]
    public ConceptQuality(double auc, int positives, int negatives, int folds, string method)
    {
        if (!(auc >= 0 && auc <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(auc), auc, "A concept's AUC must be a number in [0, 1].");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(positives, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(negatives, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        Auc = auc;
        Positives = positives;
        Negatives = negatives;
        Folds = folds;
        Method = method;
    }

    /// <summary>The held-out (cross-validated) AUC in [0, 1].</summary>
    public double Auc { get; }

    /// <summary>Positive exemplar images it was measured on.</summary>
    public int Positives { get; }

    /// <summary>Negative exemplar images it was measured on.</summary>
    public int Negatives { get; }

    /// <summary>Cross-validation folds.</summary>
    public int Folds { get; }

    /// <summary>How the detector was made and measured.</summary>
    public string Method { get; }

    /// <summary>Whether <see cref="Auc"/> is at least <see cref="ReliableAuc"/>.</summary>
    public bool IsReliable => Auc >= ReliableAuc;
}
