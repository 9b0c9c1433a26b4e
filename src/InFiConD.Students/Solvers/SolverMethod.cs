namespace InFiConD.Students;

/// <summary>The algorithm <see cref="SparseLogisticSolver"/> minimises the objective with; both reach the same optimum.</summary>
public enum SolverMethod
{
    /// <summary>
    /// Accelerated proximal gradient (FISTA) with adaptive restart: two products with the features per iteration, any
    /// bounds. What an interactive edit's fixed number of epochs means (the paper's short refit), and what edits logged
    /// with that meaning replay bit for bit.
    /// </summary>
    Fista,

    /// <summary>
    /// OWL-QN, the limited-memory quasi-Newton method for L1-regularised problems (Andrew and Gao, 2007), all classes
    /// advancing together so each iteration is still two products with the features. Needs far fewer iterations than
    /// FISTA where the loss's curvature near the optimum is far below its global bound (hard 0/1 targets, weak L1), and
    /// from a warm start. Finite weight bounds are kept by projecting onto box ∩ orthant (weights held at a bound the
    /// data pushes against, steps aimed at the bound they would cross), so bounded refits to convergence — an edit's
    /// refit — use it too. The default.
    /// </summary>
    QuasiNewton,
}
