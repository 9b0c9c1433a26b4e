using BenchmarkDotNet.Attributes;
using InFiConD.Analysis;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Benchmarks;

/// <summary>
/// The interactive edit round trip at PASCAL VOC scale (N = 10,000 images, C = 584 concepts, K = 20 classes, synthetic
/// data from <see cref="StudentFitData"/>): one downtune on one class → bounded warm-start refit for 5 epochs → metrics
/// before/after → provenance entry → new current version → updated <see cref="MisalignmentReport"/>. Target: median
/// ≤ 50 ms on 2 cores.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>EditOneClass</c>: the whole round trip as an editor runs it:
/// <see cref="EditSession.EditAsync(IReadOnlyList{ConceptEdit}, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>
/// (refits only the touched class and recomputes only its logit column), then
/// <see cref="MisalignmentAnalyzer.Analyze(StudentEnsemble, ReadOnlySpan{float}, CancellationToken)"/> of the new
/// version with the logits the session already holds (<see cref="SessionVersion.LogitValues"/>, not copied).</item>
/// <item><c>EditOneClassWithoutReport</c>: the same edit without the report, to show what the report adds.</item>
/// <item><c>EditOneClassConverged</c>: the same edit as the library applies it by default since issue #18 — refit to
/// convergence inside a cap that holds there — with the report.</item>
/// <item><c>FullRefitAllClasses</c> (baseline): the same edit, intervals and epochs, but all K classes refit together,
/// every logit recomputed and the report built from them: what an editor that does not exploit one-vs-rest decoupling
/// would do.</item>
/// </list>
/// Each call starts from the base students (the iteration setup checks out version v0). The base students are fitted
/// once in the global setup with 300 solver iterations (the edit's cost does not depend on how converged they are); the
/// analyzer (everything in a report that does not depend on the students) is created there too, once per session, as
/// an editor creates it.
/// <c>INFICOND_BENCH_SMOKE=1</c> swaps in the seconds-long smoke shape.
/// </remarks>
[EditRoundTripJob]
[MemoryDiagnoser]
public class EditRoundTripBenchmarks
{
    private const int Epochs = 5;

    private EditSession _session = null!;
    private MisalignmentAnalyzer _analyzer = null!;
    private ConceptEdit[] _edit = null!;

    /// <summary>The shape: VOC scale (or the smoke shape).</summary>
    public static IEnumerable<FitSize> Sizes => FitSize.SmokeRequested ? [FitSize.Smoke] : [FitSize.Voc];

    /// <summary>The problem shape.</summary>
    [ParamsSource(nameof(Sizes))]
    public FitSize Size { get; set; } = FitSize.Voc;

    /// <summary>
    /// Generates the data, fits the base students, opens the session (its curvature bound is computed here) and prepares
    /// the analyzer from the session's scores, teacher and ground truth (none in this synthetic data).
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var (data, options, students) = BaseStudents(Size);
        _session = EditSession.Create(students, data.Scores, data.Teacher, options: options);
        _analyzer = MisalignmentAnalyzer.Create(_session.Scores, _session.Teacher, _session.GroundTruth);
        _edit = [EditTarget(students)];
    }

    /// <summary>Back to the base students before every call, so each call does the same work.</summary>
    [IterationSetup]
    public void Reset() => _session.Checkout(ProvenanceLog.RootId);

    /// <summary>Closes the session.</summary>
    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    /// <summary>One edit on one class, refit of that class only, incremental metrics, the updated report.</summary>
    [Benchmark]
    public MisalignmentReport EditOneClass()
    {
        var result = _session.EditAsync(_edit, EditRefit.FixedEpochs(Epochs)).GetAwaiter().GetResult();
        // The logits the session keeps per version (the edited column recomputed), read in place: no N × C product, no copy.
        return _analyzer.Analyze(result.Students, result.Version.LogitValues);
    }

    /// <summary>
    /// The round trip as the library now runs an edit by default (issue #18): the refit to convergence (projected OWL-QN,
    /// tolerance 1e-6) with the edited weight capped at |w⁰|/2, then metrics, entry and the updated report.
    /// </summary>
    [Benchmark]
    public MisalignmentReport EditOneClassConverged()
    {
        var result = _session.EditAsync(_edit).GetAwaiter().GetResult();
        return _analyzer.Analyze(result.Students, result.Version.LogitValues);
    }

    /// <summary>The same edit, refit and metrics without the report.</summary>
    [Benchmark]
    public EditResult EditOneClassWithoutReport() => _session.EditAsync(_edit, EditRefit.FixedEpochs(Epochs)).GetAwaiter().GetResult();

    /// <summary>The same edit with every class refit, every logit recomputed and the report built from them.</summary>
    [Benchmark(Baseline = true)]
    public MisalignmentReport FullRefitAllClasses() => EditRoundTripBaseline.Run(_session, _analyzer, _edit, Epochs).Report;

    /// <summary>The synthetic data and the base students every edit round trip starts from (300 solver iterations).</summary>
    internal static (StudentFitData Data, EditSessionOptions Options, StudentEnsemble Students) BaseStudents(FitSize size)
    {
        var data = StudentFitData.Create(size);
        var options = new EditSessionOptions { Students = new StudentOptions { Solver = new SolverOptions { MaxIterations = 300 } } };
        return (data, options, StudentEnsemble.Fit(data.Scores, data.Teacher, options.Students).Ensemble);
    }

    /// <summary>Downtune the largest-magnitude weight of class 3 by 2: a real, active constraint.</summary>
    internal static ConceptEdit EditTarget(StudentEnsemble students)
    {
        var weights = students.StandardizedWeights(3);
        var best = 0;
        for (var j = 1; j < weights.Length; j++)
        {
            best = Math.Abs(weights[j]) > Math.Abs(weights[best]) ? j : best;
        }
        return ConceptEdit.Downtune(students.ClassNames[3], students.ConceptNames[best], 2);
    }
}
