using InFiConD.Students;

namespace InFiConD;

/// <summary>
/// The fluent form of <see cref="StudentOptions"/> used by <see cref="DistillationBuilder.WithStudents(Func{StudentSetup, StudentSetup})"/>:
/// <c>s =&gt; s.L1(1e-4).SoftTargets()</c>. Each call returns a new setup; values are validated when the run starts.
/// </summary>
public sealed record StudentSetup
{
    /// <summary>The options this setup stands for.</summary>
    public StudentOptions Options { get; init; } = StudentOptions.Default;

    /// <summary>Sets the L1 penalty λ on the mean loss (the paper's 1e-4 by default).</summary>
    /// <param name="lambda">λ ≥ 0.</param>
    /// <returns>The new setup.</returns>
    public StudentSetup L1(double lambda) => this with { Options = Options with { Solver = Options.Solver with { L1 = lambda } } };

    /// <summary>Adds an L2 penalty (elastic net).</summary>
    /// <param name="lambda">The L2 weight ≥ 0.</param>
    /// <returns>The new setup.</returns>
    public StudentSetup L2(double lambda) => this with { Options = Options with { Solver = Options.Solver with { L2 = lambda } } };

    /// <summary>Fits the teacher's probabilities (the default).</summary>
    /// <returns>The new setup.</returns>
    public StudentSetup SoftTargets() => this with { Options = Options with { Targets = StudentTargets.Soft } };

    /// <summary>Fits the teacher's predicted labels.</summary>
    /// <returns>The new setup.</returns>
    public StudentSetup HardTargets() => this with { Options = Options with { Targets = StudentTargets.Hard } };

    /// <summary>Fits bootstrap members per class so every weight gets a spread.</summary>
    /// <param name="members">Members per class (0 for none).</param>
    /// <returns>The new setup.</returns>
    public StudentSetup Bootstrap(int members) => this with { Options = Options with { BootstrapMembers = members } };

    /// <summary>Sets the seed of the bootstrap resampling (and of anything random in the fit).</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The new setup.</returns>
    public StudentSetup Seed(int seed) => this with { Options = Options with { Seed = seed } };

    /// <summary>Sets the solver's stopping rule.</summary>
    /// <param name="tolerance">Relative objective change that stops the solver.</param>
    /// <param name="maxIterations">The iteration cap; <see langword="null"/> keeps the setup's (<see cref="SolverOptions.MaxIterations"/>).</param>
    /// <returns>The new setup.</returns>
    public StudentSetup Stop(double tolerance, int? maxIterations = null) =>
        this with { Options = Options with { Solver = Options.Solver with { Tolerance = tolerance, MaxIterations = maxIterations ?? Options.Solver.MaxIterations } } };

    /// <summary>Caps the threads the solver uses (-1: all cores).</summary>
    /// <param name="threads">The cap.</param>
    /// <returns>The new setup.</returns>
    public StudentSetup Threads(int threads) => this with { Options = Options with { Solver = Options.Solver with { MaxDegreeOfParallelism = threads } } };
}
