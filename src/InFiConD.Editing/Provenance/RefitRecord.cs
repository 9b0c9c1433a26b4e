using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>How an edit's refit ran: the settings that define its result and what the solver reported.</summary>
/// <param name="Epochs">The epoch budget (FISTA iterations, each one pass over all N images).</param>
/// <param name="Iterations">Epochs the solver ran (fewer when the objective settled first).</param>
/// <param name="Status">Whether the solver's tolerance was reached within the budget.</param>
/// <param name="Objective">The refit classes' total objective at the result.</param>
/// <param name="Lambda">The L1 strength λ.</param>
/// <param name="L2">The L2 strength.</param>
/// <param name="Targets">Soft or hard targets.</param>
/// <param name="ZeroWeightFloor">The floor ε used for uptunes of (nearly) zero weights.</param>
public sealed record RefitRecord(int Epochs, int Iterations, SolverStatus Status, double Objective, double Lambda, double L2, StudentTargets Targets, float ZeroWeightFloor);
