namespace InFiConD.Editing;

/// <summary>
/// Progress of a refit: one report per solver iteration (one epoch: a pass over all N images). A converged refit
/// ends when <see cref="RelativeChange"/> falls below <see cref="Tolerance"/>; <see cref="Epochs"/> is then only its
/// safety cap, so show the change against the tolerance rather than a fraction of the cap.
/// </summary>
/// <param name="Epoch">Iterations done.</param>
/// <param name="Epochs">The budget: the paper mode's epochs, or a converged refit's cap.</param>
/// <param name="Objective">The refit classes' total objective at the current iterate.</param>
/// <param name="RelativeChange">Relative objective change of the last iteration.</param>
public sealed record EditProgress(int Epoch, int Epochs, double Objective, double RelativeChange)
{
    /// <summary>The tolerance a converged refit stops at; <see langword="null"/> in the paper's fixed-epoch mode.</summary>
    public double? Tolerance { get; init; }
}
