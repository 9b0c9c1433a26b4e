namespace InFiConD.Students;

/// <summary>A progress report of a running fit.</summary>
/// <param name="Iteration">Iterations done.</param>
/// <param name="Objective">Total objective over all classes at the current iterate.</param>
/// <param name="RelativeChange">Relative objective change of the last iteration.</param>
public sealed record SolverProgress(int Iteration, double Objective, double RelativeChange);
