using InFiConD.Students;
using Microsoft.ML;

namespace InFiConD.Benchmarks.Guard;

/// <summary>
/// The student ensemble fit (<see cref="StudentEnsemble.Fit"/> on soft targets to tolerance 1e-4, the library's
/// default targets and method (OWL-QN), standardisation included) against ML.NET's one-vs-rest L-BFGS logistic regression on the same
/// scores (pre-standardised) and the teacher's top class, same λ, tolerance and threads — the
/// <see cref="StudentFitBenchmarks"/> pair, at PASCAL VOC scale (N = 10,000, C = 584, K = 20; the data of
/// <see cref="StudentFitData"/>).
/// </summary>
/// <remarks>
/// The allocation guarded is the solver's, per iteration: two fits capped at <see cref="FewIterations"/> and
/// <see cref="ManyIterations"/> iterations (a tolerance they cannot reach) do the same setup, so the difference of
/// their allocations divided by the difference of their iteration counts is what one iteration allocates.
/// </remarks>
internal sealed class StudentFitGuardCase : GuardCase
{
    /// <summary>Iterations of the shorter allocation probe.</summary>
    internal const int FewIterations = 5;

    /// <summary>
    /// Iterations of the longer allocation probe: rounds before any class finishes. OWL-QN, the default method, narrows
    /// its products as classes finish (new, smaller buffers: a cost per finished class, not per iteration), and stops on
    /// its own after about 56 rounds even at an unreachable tolerance (its steps no longer move a float32 weight).
    /// </summary>
    internal const int ManyIterations = 20;

    private StudentFitData _data = null!;
    private IDataView _mlNetData = null!;
    private MLContext _ml = null!;

    /// <inheritdoc />
    public override string Path => "students.ensemble-fit";

    /// <inheritdoc />
    public override string Description =>
        $"StudentEnsemble.Fit (soft targets) vs ML.NET OneVersusAll(LbfgsLogisticRegression) on the same data; {FitSize.Voc}; allocation per solver iteration";

    /// <inheritdoc />
    public override string AllocationUnit => "iteration";

    /// <inheritdoc />
    public override int Rounds => 5;

    /// <inheritdoc />
    public override void Setup()
    {
        _data = StudentFitData.Create(FitSize.Voc);
        _mlNetData = _data.MlNetTrainingData();
        _ml = new MLContext(seed: 1);
    }

    /// <inheritdoc />
    public override void RunPath() => StudentEnsemble.Fit(_data.Scores, _data.Teacher, StudentFitPeers.Soft);

    /// <inheritdoc />
    public override void RunBaseline() => StudentFitPeers.FitOneVersusAll(_ml, _mlNetData, FitSize.Voc.Images);

    /// <inheritdoc />
    public override long Allocation(long fewestBytesPerCall)
    {
        var few = Probe(FewIterations);
        var many = Probe(ManyIterations);
        return Math.Max(0, (many - few) / (ManyIterations - FewIterations));
    }

    /// <summary>The fewest bytes of two fits capped at <paramref name="iterations"/> iterations.</summary>
    private long Probe(int iterations)
    {
        var options = StudentFitPeers.Soft with
        {
            Solver = StudentFitPeers.Soft.Solver with { MaxIterations = iterations, Tolerance = 1e-12 },
        };
        var fewest = long.MaxValue;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            SolverResult? fit = null;
            fewest = Math.Min(fewest, GuardMeasurement.AllocationOf(() => fit = StudentEnsemble.Fit(_data.Scores, _data.Teacher, options).Fit));
            if (fit!.Iterations != iterations)
            {
                throw new InvalidOperationException($"The allocation probe expected {iterations} solver iterations but the fit stopped after {fit.Iterations} ({fit.Status}).");
            }
        }
        return fewest;
    }
}
