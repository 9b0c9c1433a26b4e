namespace InFiConD.Analysis;

/// <summary>The distribution of one concept's raw scores over the images.</summary>
/// <param name="Count">Images N.</param>
/// <param name="Mean">Computes <c>Σ x / N</c> in double.</param>
/// <param name="StandardDeviation">Computes the population deviation <c>√(Σ (x − mean)² / N)</c> in double (as the students standardise).</param>
/// <param name="Minimum">The smallest score.</param>
/// <param name="Maximum">The largest score.</param>
/// <param name="FractionPositive">Fraction of images with a score &gt; 0 (the concept is detected at all).</param>
/// <param name="Quantiles">The requested quantiles, in the order requested.</param>
public sealed record ConceptStatistics(int Count, double Mean, double StandardDeviation, float Minimum, float Maximum, double FractionPositive, IReadOnlyList<QuantileValue> Quantiles);
