namespace InFiConD.Students;

/// <summary>How a <see cref="StudentEnsemble"/> is fitted.</summary>
public sealed record StudentOptions
{
    /// <summary>The defaults: soft targets, the solver's defaults (λ = 1e-4), no bootstrap.</summary>
    public static StudentOptions Default { get; } = new();

    /// <summary>Penalties, tolerance and threads of the solver.</summary>
    public SolverOptions Solver { get; init; } = SolverOptions.Default;

    /// <summary>Soft (teacher probabilities) or hard (teacher labels) targets.</summary>
    public StudentTargets Targets { get; init; } = StudentTargets.Soft;

    /// <summary>Bootstrap refits per ensemble (0 for none), giving each weight a mean and a spread. ≥ 0.</summary>
    public int BootstrapMembers { get; init; }

    /// <summary>Seed of the bootstrap resampling.</summary>
    public int Seed { get; init; }

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public StudentOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Solver);
        Solver.Validate();
        if (BootstrapMembers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BootstrapMembers), BootstrapMembers, "StudentOptions.BootstrapMembers must be ≥ 0.");
        }
        if (!Enum.IsDefined(Targets))
        {
            throw new ArgumentOutOfRangeException(nameof(Targets), Targets, "StudentOptions.Targets must be Soft or Hard.");
        }
        return this;
    }
}
