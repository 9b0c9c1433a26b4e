namespace InFiConD.Editing;

/// <summary>
/// Progress of an edit: one <see cref="EditStage.Queued"/> report, one <see cref="EditStage.Planning"/>, one
/// <see cref="EditStage.Refitting"/> report per solver iteration (one epoch: a pass over all N images) and, once the
/// entry is logged, one <see cref="EditStage.Committed"/>. A converged refit ends when <see cref="RelativeChange"/>
/// falls below <see cref="Tolerance"/>; <see cref="Epochs"/> is then only its safety cap, so show the change against the
/// tolerance rather than a fraction of the cap.
/// </summary>
/// <param name="Epoch">Iterations done (0 before the refit; the refit's iterations once committed).</param>
/// <param name="Epochs">The budget: the paper mode's epochs, or a converged refit's cap.</param>
/// <param name="Objective">The refit classes' total objective at the current iterate (the final one once committed; 0 before the refit).</param>
/// <param name="RelativeChange">Relative objective change of the last iteration (0 outside <see cref="EditStage.Refitting"/> reports).</param>
public sealed record EditProgress(int Epoch, int Epochs, double Objective, double RelativeChange)
{
    /// <summary>The tolerance a converged refit stops at; <see langword="null"/> in the paper's fixed-epoch mode.</summary>
    public double? Tolerance { get; init; }

    /// <summary>Where the edit is; <see cref="EditStage.Refitting"/> for the solver's reports (and for a replay's).</summary>
    public EditStage Stage { get; init; } = EditStage.Refitting;
}
