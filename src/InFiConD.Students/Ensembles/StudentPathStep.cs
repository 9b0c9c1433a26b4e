namespace InFiConD.Students;

/// <summary>One step of a regularisation path (<see cref="StudentEnsemble.FitPath"/>): the students fitted at one L1 strength.</summary>
/// <param name="Lambda">The L1 strength λ.</param>
/// <param name="Students">The students fitted at it (no bootstrap spread).</param>
/// <param name="Fit">The solver's report.</param>
public sealed record StudentPathStep(double Lambda, StudentEnsemble Students, SolverResult Fit)
{
    /// <summary>How many weights are not 0, over every class: the students' size.</summary>
    public int NonZeroWeights => Fit.NonZeroCounts().Sum();
}
