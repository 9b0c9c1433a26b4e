using BenchmarkDotNet.Attributes;
using InFiConD.Students;

namespace InFiConD.Benchmarks;

/// <summary>
/// An edit's refit alone (issue #18): one class of the fitted students at VOC scale (N = 10,000, C = 584, K = 20) refit
/// from its fitted weights with its largest-|w⁰| weight capped at w⁰/4 (<see cref="BoundedRefit"/>), two threads.
/// Target: the refit to tolerance 1e-6 in at most 30 ms median.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>FistaFiveEpochs</c> (baseline): the paper's short refit, what edits ran before this change (5 FISTA epochs).</item>
/// <item><c>ProjectedQuasiNewtonToTolerance</c>: OWL-QN on box ∩ orthant to tolerance 1e-6 (<see cref="SolverMethod.ProjectedQuasiNewton"/>
/// with the bound), what a converged edit runs.</item>
/// <item><c>FistaToTolerance</c>: FISTA to tolerance 1e-6, the converged refit without the quasi-Newton method.</item>
/// </list>
/// The solutions (iterations, objective, non-zero weights against a fresh fit under the same bound) come from
/// <c>--bounded-refit</c> (<see cref="BoundedRefitReport"/>). <c>INFICOND_BENCH_SMOKE=1</c> swaps in the smoke shape.
/// </remarks>
[EditRoundTripJob]
[MemoryDiagnoser]
public class BoundedRefitBenchmarks
{
    private static readonly SolverOptions FiveEpochs = BoundedRefit.Options(SolverMethod.Fista, maxIterations: 5);
    private static readonly SolverOptions Projected = BoundedRefit.Options(SolverMethod.ProjectedQuasiNewton);
    private static readonly SolverOptions Fista = BoundedRefit.Options(SolverMethod.Fista);

    private BoundedRefit _refit = null!;

    /// <summary>The shape: VOC scale (or the smoke shape).</summary>
    public static IEnumerable<FitSize> Sizes => FitSize.SmokeRequested ? [FitSize.Smoke] : [FitSize.Voc];

    /// <summary>The problem shape.</summary>
    [ParamsSource(nameof(Sizes))]
    public FitSize Size { get; set; } = FitSize.Voc;

    /// <summary>Generates the data, fits the students and builds the edited class's problem (features packed once).</summary>
    [GlobalSetup]
    public void Setup() => _refit = BoundedRefit.Create(Size);

    /// <summary>Five FISTA epochs from the warm start.</summary>
    [Benchmark(Baseline = true)]
    public SolverResult FistaFiveEpochs() => _refit.Refit(FiveEpochs);

    /// <summary>OWL-QN with the bound, to tolerance 1e-6.</summary>
    [Benchmark]
    public SolverResult ProjectedQuasiNewtonToTolerance() => _refit.Refit(Projected);

    /// <summary>FISTA to tolerance 1e-6.</summary>
    [Benchmark]
    public SolverResult FistaToTolerance() => _refit.Refit(Fista);
}
