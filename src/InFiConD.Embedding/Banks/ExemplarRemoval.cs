namespace InFiConD.Embedding;

/// <summary>A concept left out of an exemplar bank because its detector is not reliable enough (<see cref="ExemplarBankOptions.MinimumAuc"/>).</summary>
/// <param name="Fit">How its vector was fitted, with the cross-validated AUC that decided.</param>
/// <param name="Reason">Why, in words, e.g. "cross-validated AUC 0.412 is below the minimum 0.6".</param>
public sealed record ExemplarRemoval(ExemplarFit Fit, string Reason)
{
    /// <summary>The concept name.</summary>
    public string Concept => Fit.Concept;
}
