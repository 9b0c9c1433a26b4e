namespace InFiConD.Analysis;

/// <summary>What one concept adds to one class's logit on one image.</summary>
/// <param name="ConceptIndex">Column j of the concept scores.</param>
/// <param name="ConceptName">The concept.</param>
/// <param name="Score">The raw concept score <c>x_nj</c>.</param>
/// <param name="Standardized">The standardised score <c>z_nj = (x_nj − μ_j) · (1 / s_j)</c> in float, exactly as the students compute it (0 for a constant concept).</param>
/// <param name="Weight">The class's standardised weight <c>w_kj</c>.</param>
/// <param name="Contribution">Computes <c>w_kj · z_nj</c> in double (exact: the product of two floats fits a double).</param>
public sealed record ConceptContribution(int ConceptIndex, string ConceptName, float Score, float Standardized, float Weight, double Contribution);
