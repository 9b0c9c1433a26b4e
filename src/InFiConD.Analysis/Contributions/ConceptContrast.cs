namespace InFiConD.Analysis;

/// <summary>
/// How much more (or less) one concept pushes a class's logit in a misaligned subset than in its aligned counterpart.
/// The contribution of concept j to class k on image n is <c>w_kj · z_nj</c> (standardised weight times standardised
/// score), so the difference of its means is <c>w_kj · (mean_subset z_j − mean_counterpart z_j)</c>.
/// </summary>
/// <param name="ConceptIndex">Column j of the concept scores.</param>
/// <param name="ConceptName">The concept.</param>
/// <param name="Weight">The class's standardised weight <c>w_kj</c>.</param>
/// <param name="SubsetMean">Mean contribution over the misaligned subset.</param>
/// <param name="CounterpartMean">Mean contribution over the aligned counterpart.</param>
/// <param name="Difference">Computes <c>SubsetMean − CounterpartMean</c>: negative when the concept lowers the logit in the
/// subset (explains <see cref="SubsetKind.TeacherOnly"/>), positive when it raises it (explains <see cref="SubsetKind.StudentOnly"/>).</param>
public sealed record ConceptContrast(int ConceptIndex, string ConceptName, float Weight, double SubsetMean, double CounterpartMean, double Difference);
