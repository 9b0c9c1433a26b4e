namespace InFiConD.Analysis;

/// <summary>
/// One class's logit on one image, decomposed into its concepts: <c>Logit = Bias + Σ Contributions[i].Contribution</c>,
/// summed left to right in double in the order of <paramref name="Contributions"/> (concept order), so the sum reproduces
/// <paramref name="Logit"/> exactly. Concepts with a zero weight contribute exactly 0 and are left out.
/// </summary>
/// <param name="ClassIndex">Class k.</param>
/// <param name="ClassName">The class.</param>
/// <param name="Bias">The student's intercept <c>b_k</c> (standardised units).</param>
/// <param name="Logit">Computes <c>b_k + Σ_j w_kj · z_nj</c> in double; equals the student's float logit to float rounding.</param>
/// <param name="StudentProbability">Computes <c>σ(Logit)</c>.</param>
/// <param name="TeacherProbability">The teacher's probability of the class on the image.</param>
/// <param name="Contributions">The concepts with a non-zero weight, in concept order.</param>
public sealed record ClassExplanation(int ClassIndex, string ClassName, double Bias, double Logit, double StudentProbability, double TeacherProbability, IReadOnlyList<ConceptContribution> Contributions)
{
    /// <summary>The <paramref name="count"/> contributions of largest magnitude, largest first (ties by concept index).</summary>
    /// <param name="count">How many (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IReadOnlyList<ConceptContribution> Top(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Contributions
            .OrderByDescending(c => Math.Abs(c.Contribution))
            .ThenBy(c => c.ConceptIndex)
            .Take(count)
            .ToArray();
    }
}
