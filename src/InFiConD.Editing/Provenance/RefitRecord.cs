using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>How an edit's refit ran: the settings that define its result and what the solver reported.</summary>
/// <param name="Epochs">The iteration budget: the epochs of the paper's fixed-epoch mode (FISTA iterations, each one pass
/// over all N images), or the safety cap of a converged refit.</param>
/// <param name="Iterations">Epochs the solver ran (fewer when the objective settled first).</param>
/// <param name="Status">Whether the solver's tolerance was reached within the budget.</param>
/// <param name="Objective">The refit classes' total objective at the result.</param>
/// <param name="Lambda">The L1 strength λ.</param>
/// <param name="L2">The L2 strength.</param>
/// <param name="Targets">Soft or hard targets.</param>
/// <param name="ZeroWeightFloor">The floor ε used for uptunes of (nearly) zero weights.</param>
public sealed record RefitRecord(int Epochs, int Iterations, SolverStatus Status, double Objective, double Lambda, double L2, StudentTargets Targets, float ZeroWeightFloor)
{
    /// <summary>
    /// The tolerance of a converged refit (whose intervals hold at convergence, see <see cref="EditRefit.Converged"/>);
    /// <see langword="null"/> for the paper's fixed-epoch mode, and in every entry written before converged refits existed.
    /// </summary>
    public double? Tolerance { get; init; }

    /// <summary>The solver a converged refit ran; <see langword="null"/> for FISTA (the fixed-epoch mode's, and every older entry's).</summary>
    public SolverMethod? Method { get; init; }

    /// <summary>A short readable form: <c>converged in 43 iterations to tolerance 1e-6</c>, <c>stopped at the cap of 2000 iterations before tolerance 1e-6 (IterationLimit)</c> or <c>5 epochs (paper)</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Summary => (Tolerance is { } tolerance
        ? Status == SolverStatus.Converged
            ? (FormattableString)$"converged in {Iterations} iterations to tolerance {tolerance:0.#e+0}"
            : $"stopped at the cap of {Epochs} iterations before tolerance {tolerance:0.#e+0} ({Status})"
        : $"{Epochs} epochs (paper)").ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The refit settings this record describes, to replay it.</summary>
    public EditRefit Settings => Tolerance is { } tolerance ? EditRefit.ToTolerance(tolerance, Epochs) : EditRefit.FixedEpochs(Epochs);
}
