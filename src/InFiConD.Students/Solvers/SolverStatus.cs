namespace InFiConD.Students;

/// <summary>How a solver run ended.</summary>
public enum SolverStatus
{
    /// <summary>The relative objective change stayed within the tolerance.</summary>
    Converged,

    /// <summary>The iteration cap was reached first; the weights are the best iterate so far.</summary>
    IterationLimit,
}
