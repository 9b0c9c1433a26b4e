namespace InFiConD.Students;

/// <summary>The algorithm <see cref="SparseLogisticSolver"/> minimises the objective with; both reach the same optimum.</summary>
public enum SolverMethod
{
    /// <summary>
    /// Accelerated proximal gradient (FISTA) with adaptive restart: two products with the features per iteration, any
    /// bounds. What interactive edits (which bound the edited weights) always use.
    /// </summary>
    Fista,

    /// <summary>
    /// OWL-QN, the limited-memory quasi-Newton method for L1-regularised problems (Andrew and Gao, 2007), all classes
    /// advancing together so each iteration is still two products with the features. Needs far fewer iterations than
    /// FISTA where the loss's curvature near the optimum is far below its global bound (hard 0/1 targets, weak L1).
    /// Fits with a finite weight bound are solved with <see cref="Fista"/> instead: the orthant projection has no room
    /// for boxes. The default.
    /// </summary>
    QuasiNewton,
}
