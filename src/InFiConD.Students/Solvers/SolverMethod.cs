namespace InFiConD.Students;

/// <summary>The algorithm <see cref="SparseLogisticSolver"/> minimises the objective with; all reach the same optimum.</summary>
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
    /// FISTA where the loss's curvature near the optimum is far below its global bound (hard 0/1 targets, weak L1).
    /// A fit with a finite weight bound is solved with <see cref="Fista"/> instead, as before
    /// <see cref="ProjectedQuasiNewton"/> existed (so such fits keep their bits); ask for
    /// <see cref="ProjectedQuasiNewton"/> to keep bounds with the quasi-Newton method. The default.
    /// </summary>
    QuasiNewton,

    /// <summary>
    /// OWL-QN kept inside box bounds: a projected quasi-Newton method on box ∩ orthant (the start projected into the box,
    /// weights held at a bound the data pushes against, steps aimed at the bound they would cross, equal bounds as
    /// constants), so a weight the data pulls against its bound ends on exactly that bound. Converges from a warm start in
    /// about a third of FISTA's iterations; what an edit's refit to convergence needs. Without a finite bound it is
    /// <see cref="QuasiNewton"/>, bit for bit.
    /// </summary>
    ProjectedQuasiNewton,
}
