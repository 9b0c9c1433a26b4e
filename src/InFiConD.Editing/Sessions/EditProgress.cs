namespace InFiConD.Editing;

/// <summary>Progress of a refit: one report per epoch (one FISTA iteration over all N images).</summary>
/// <param name="Epoch">Epochs done.</param>
/// <param name="Epochs">The epoch budget of the refit.</param>
/// <param name="Objective">The refit classes' total objective at the current iterate.</param>
/// <param name="RelativeChange">Relative objective change of the last epoch.</param>
public sealed record EditProgress(int Epoch, int Epochs, double Objective, double RelativeChange);
