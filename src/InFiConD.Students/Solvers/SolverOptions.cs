namespace InFiConD.Students;

/// <summary>
/// Settings of <see cref="SparseLogisticSolver"/>. The objective per class k is
/// <c>(1/N) Σ_n BCE(σ(z_n · w_k + b_k), y_nk) + L1 · Σ_j f_j |w_kj| + (L2 / 2) · Σ_j f_j w_kj²</c>
/// with penalty factors f_j, subject to per-weight bounds; the bias is never penalised.
/// </summary>
public sealed record SolverOptions
{
    /// <summary>The defaults: the paper's λ = 1e-4, no L2, tolerance 1e-6, OWL-QN.</summary>
    public static SolverOptions Default { get; } = new();

    /// <summary>L1 strength λ on the <em>mean</em> loss (the paper's 1e-4 by default). ≥ 0.</summary>
    public double L1 { get; init; } = 1e-4;

    /// <summary>L2 strength (elastic net); 0 by default. ≥ 0.</summary>
    public double L2 { get; init; }

    /// <summary>Iteration cap; the result says whether the tolerance was reached first. ≥ 1.</summary>
    public int MaxIterations { get; init; } = 5000;

    /// <summary>
    /// Stop when the relative change of the total objective, <c>|F_{t−1} − F_t| / |F_t|</c>, stays at or below
    /// this value for three consecutive iterations (one small step of the accelerated method is not enough). In (0, 1).
    /// </summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>
    /// The algorithm; <see cref="SolverMethod.QuasiNewton"/> by default (2–4× faster to the same optimum than FISTA on
    /// the benchmarks of docs/performance.md), which solves a fit with a finite weight bound by FISTA;
    /// <see cref="SolverMethod.ProjectedQuasiNewton"/> keeps the bounds with OWL-QN (a bounded warm-start refit to
    /// convergence in about a third of FISTA's iterations). <see cref="SolverMethod.Fista"/> is what a fixed number of
    /// edit epochs means.
    /// </summary>
    public SolverMethod Method { get; init; } = SolverMethod.QuasiNewton;

    /// <summary>Threads for the GEMMs and element-wise passes; −1 for one per processor.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Report progress every this many iterations. ≥ 1.</summary>
    public int ProgressInterval { get; init; } = 10;

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message names it.</exception>
    public SolverOptions Validate()
    {
        Require(double.IsFinite(L1) && L1 >= 0, nameof(L1), L1, "must be finite and ≥ 0");
        Require(double.IsFinite(L2) && L2 >= 0, nameof(L2), L2, "must be finite and ≥ 0");
        Require(MaxIterations >= 1, nameof(MaxIterations), MaxIterations, "must be ≥ 1");
        Require(Tolerance is > 0 and < 1, nameof(Tolerance), Tolerance, "must be in (0, 1)");
        Require(MaxDegreeOfParallelism == -1 || MaxDegreeOfParallelism >= 1, nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "must be -1 or ≥ 1");
        Require(Enum.IsDefined(Method), nameof(Method), Method, "must be a defined SolverMethod");
        Require(ProgressInterval >= 1, nameof(ProgressInterval), ProgressInterval, "must be ≥ 1");
        return this;
    }

    private static void Require(bool condition, string name, object value, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, $"SolverOptions.{name} {rule}.");
        }
    }
}
