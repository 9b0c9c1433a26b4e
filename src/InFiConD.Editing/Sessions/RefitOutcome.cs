using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>The new students after a bounded refit of <see cref="EditPlan.Classes"/>, and the solver's report.</summary>
internal sealed record RefitOutcome(StudentEnsemble Students, SolverResult Fit);
