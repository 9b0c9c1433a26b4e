using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>The outcome of a <see cref="SparseLogisticSolver"/> fit.</summary>
/// <param name="Weights">K × C weights (in the units of the features the problem was built from).</param>
/// <param name="Bias">K unpenalised intercepts.</param>
/// <param name="Lambda">The L1 strength used.</param>
/// <param name="Status">Whether the tolerance was reached.</param>
/// <param name="Iterations">Iterations run (OWL-QN: rounds, each one iteration of every unfinished class).</param>
/// <param name="Objective">Total objective Σ_k F_k at the returned weights.</param>
/// <param name="ClassObjectives">F_k per class at the returned weights.</param>
/// <param name="StepSize">FISTA: the final step size 1/L of the proximal steps. OWL-QN: the shortest last line-search step
/// over the classes (1 when every class ended on a full quasi-Newton step).</param>
public sealed record SolverResult(
    FloatMatrix Weights,
    IReadOnlyList<float> Bias,
    double Lambda,
    SolverStatus Status,
    int Iterations,
    double Objective,
    IReadOnlyList<double> ClassObjectives,
    double StepSize)
{
    /// <summary>True when <see cref="Status"/> is <see cref="SolverStatus.Converged"/>.</summary>
    public bool Converged => Status == SolverStatus.Converged;

    /// <summary>Number of non-zero weights per class.</summary>
    public IReadOnlyList<int> NonZeroCounts()
    {
        var counts = new int[Weights.Rows];
        for (var k = 0; k < Weights.Rows; k++)
        {
            foreach (var w in Weights.Row(k))
            {
                if (w != 0f)
                {
                    counts[k]++;
                }
            }
        }
        return counts;
    }
}
