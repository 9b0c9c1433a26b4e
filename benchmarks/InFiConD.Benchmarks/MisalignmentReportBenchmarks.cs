using BenchmarkDotNet.Attributes;
using InFiConD.Analysis;
using InFiConD.Students;

namespace InFiConD.Benchmarks;

/// <summary>
/// A full <see cref="MisalignmentReport"/> at PASCAL VOC scale (N = 10,000 images, C = 584 concepts, K = 20 classes,
/// synthetic data from <see cref="StudentFitData"/>, students fitted once with 300 solver iterations): subsets with ids,
/// confusion matrix, concept contrasts and concept-described slices with p-values. Target: well under a second on 2 cores.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>PredictLabels</c> (baseline): <see cref="StudentEnsemble.PredictLabels(InFiConD.Concepts.ConceptScores)"/>, the
/// fit-free prediction step every report needs (standardise N × C, one product with the weights): the floor.</item>
/// <item><c>Build</c>: <see cref="MisalignmentReport.Build(StudentEnsemble, InFiConD.Concepts.ConceptScores, TeacherOutputs, IReadOnlyList{int}?, MisalignmentOptions?, CancellationToken)"/>.</item>
/// <item><c>AnalyzerAnalyze</c>: <see cref="MisalignmentAnalyzer.Analyze(StudentEnsemble, CancellationToken)"/> on an analyzer
/// created once in the setup: the report an editing session rebuilds after every edit (same report as <c>Build</c>).</item>
/// <item><c>AnalyzerCreate</c>: the one-off, student-independent preparation.</item>
/// <item><c>NaiveRecount</c>: the same numbers computed straightforwardly (<see cref="MisalignmentReportNaive"/>): mean
/// contributions per subset from the standardised matrix, a full sort per concept and a pass over every image per
/// (concept, class, kind).</item>
/// </list>
/// <c>INFICOND_BENCH_SMOKE=1</c> swaps in the seconds-long smoke shape.
/// </remarks>
[MisalignmentReportJob]
[MemoryDiagnoser]
public class MisalignmentReportBenchmarks
{
    private StudentFitData _data = null!;
    private StudentEnsemble _students = null!;
    private MisalignmentAnalyzer _analyzer = null!;

    /// <summary>The shape: VOC scale (or the smoke shape).</summary>
    public static IEnumerable<FitSize> Sizes => FitSize.SmokeRequested ? [FitSize.Smoke] : [FitSize.Voc];

    /// <summary>The problem shape.</summary>
    [ParamsSource(nameof(Sizes))]
    public FitSize Size { get; set; } = FitSize.Voc;

    /// <summary>Generates the data and fits the students.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = StudentFitData.Create(Size);
        var options = new StudentOptions { Solver = new SolverOptions { MaxIterations = 300 } };
        _students = StudentEnsemble.Fit(_data.Scores, _data.Teacher, options).Ensemble;
        _analyzer = MisalignmentAnalyzer.Create(_data.Scores, _data.Teacher);
    }

    /// <summary>The prediction step alone.</summary>
    [Benchmark(Baseline = true)]
    public int[] PredictLabels() => _students.PredictLabels(_data.Scores);

    /// <summary>The full report.</summary>
    [Benchmark]
    public MisalignmentReport Build() => MisalignmentReport.Build(_students, _data.Scores, _data.Teacher);

    /// <summary>The report from a prepared analyzer (what an editor pays after each edit).</summary>
    [Benchmark]
    public MisalignmentReport AnalyzerAnalyze() => _analyzer.Analyze(_students);

    /// <summary>The analyzer's one-off preparation.</summary>
    [Benchmark]
    public MisalignmentAnalyzer AnalyzerCreate() => MisalignmentAnalyzer.Create(_data.Scores, _data.Teacher);

    /// <summary>The same numbers, computed straightforwardly.</summary>
    [Benchmark]
    public int NaiveRecount() => MisalignmentReportNaive.Run(_students, _data.Scores, _data.Teacher, MisalignmentOptions.Default);
}
