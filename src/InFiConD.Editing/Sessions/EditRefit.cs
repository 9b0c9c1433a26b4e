using System.Globalization;
using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// How an edit's refit runs, and so what the edit's intervals mean. The default, <see cref="Converged"/>, refits the
/// touched classes to the solver's tolerance inside intervals that hold at convergence (a downtune by x caps |w| at
/// |w⁰|/x, an uptune floors it at x·|w̃⁰|): the same edit on the same version gives the same students whatever the
/// budget. <see cref="FixedEpochs"/> is the paper's behaviour: the weight is bounded between w⁰/x and w⁰ (x·w̃⁰ and w̃⁰
/// for an uptune), starts at the tuned value and the refit runs a fixed number of FISTA epochs, so the effect depends
/// on the budget; sessions logged before converged refits existed replay this way. In JSON the settings travel as data
/// (<see cref="EditRefitJsonConverter"/>): <c>{"epochs":300}</c> or <c>{"tolerance":1e-6}</c>.
/// </summary>
[JsonConverter(typeof(EditRefitJsonConverter))]
public sealed record EditRefit
{
    /// <summary>The default iteration cap of a converged refit: a safety net, reported as <c>MaxIterations</c> when hit.</summary>
    public const int DefaultMaxIterations = 2000;

    /// <summary>The default relative objective change at which a converged refit stops.</summary>
    public const double DefaultTolerance = 1e-6;

    private EditRefit(int? epochs, double? tolerance, int maxIterations)
    {
        Epochs = epochs;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
    }

    /// <summary>Refit to tolerance 1e-6 (at most 2,000 iterations) inside intervals that hold at convergence.</summary>
    public static EditRefit Converged { get; } = new(null, DefaultTolerance, DefaultMaxIterations);

    /// <summary>The fixed epoch budget of the paper's mode; <see langword="null"/> for a converged refit.</summary>
    public int? Epochs { get; }

    /// <summary>The relative objective change that stops a converged refit; <see langword="null"/> in the paper's mode (which stops early only at the session's own solver tolerance).</summary>
    public double? Tolerance { get; }

    /// <summary>The iteration cap: the budget in the paper's mode, a safety net otherwise.</summary>
    public int MaxIterations { get; }

    /// <summary>Whether this is the paper's fixed-epoch mode.</summary>
    public bool IsFixedEpochs => Epochs is not null;

    /// <summary>A converged refit with another stopping rule.</summary>
    /// <param name="tolerance">Relative objective change, in (0, 0.1].</param>
    /// <param name="maxIterations">The safety cap, ≥ 1.</param>
    /// <returns>The refit settings.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static EditRefit ToTolerance(double tolerance, int maxIterations = DefaultMaxIterations)
    {
        if (!(tolerance > 0 && tolerance <= 0.1))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The refit tolerance must be in (0, 0.1].");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        return new EditRefit(null, tolerance, maxIterations);
    }

    /// <summary>
    /// The paper's mode: intervals between the weight and its tuned value, the weight started at the tuned value, and
    /// exactly <paramref name="epochs"/> FISTA epochs (fewer only if the objective settles first).
    /// </summary>
    /// <param name="epochs">The budget, ≥ 1 (the paper's "few epochs": 5).</param>
    /// <returns>The refit settings.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is below 1.</exception>
    public static EditRefit FixedEpochs(int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        return new EditRefit(epochs, null, epochs);
    }

    /// <inheritdoc />
    public override string ToString() => Epochs is { } epochs
        ? string.Create(CultureInfo.InvariantCulture, $"{epochs} epochs (paper)")
        : string.Create(CultureInfo.InvariantCulture, $"to tolerance {Tolerance:G3} (cap {MaxIterations})");
}
