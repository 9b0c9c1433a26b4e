using BenchmarkDotNet.Attributes;
using InFiConD.Analysis;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Benchmarks;

/// <summary>
/// The edit round trip of <see cref="EditRoundTripBenchmarks"/> (N = 10,000, C = 584, K = 20; one downtune on one class,
/// 5 epochs, metrics, provenance entry, updated report) in a session that also holds two held-out splits of 10,000
/// images each, so every edit measures the new version on all three splits and lists the images whose prediction
/// changed on each. Target (issue #17): the round trip with every split's metrics ≤ 1.5× the same round trip without
/// held-out splits.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>WithoutHeldOutSplits</c> (baseline): <see cref="EditRoundTripBenchmarks.EditOneClass"/> exactly, in a session
/// with the training images only.</item>
/// <item><c>WithTwoHeldOutSplits</c>: the same edit in a session with two held-out splits (each split's refit-class logit
/// columns recomputed, metrics, changed predictions, their metrics in the provenance entry), the report on the training images.</item>
/// <item><c>WithTwoHeldOutSplitsReportOnHeldOut</c>: the same, with the report on a held-out split instead (what the
/// diagnose → edit → verify loop reads).</item>
/// </list>
/// The held-out splits are drawn like the training data with other seeds (other planted teachers: their cost, not their
/// metrics, is what is measured). <c>INFICOND_BENCH_SMOKE=1</c> swaps in the seconds-long smoke shape.
/// </remarks>
[EditRoundTripJob]
[MemoryDiagnoser]
public class EditRoundTripSplitsBenchmarks
{
    private const int Epochs = 5;

    private EditSession _plain = null!;
    private EditSession _withSplits = null!;
    private MisalignmentAnalyzer _trainAnalyzer = null!;
    private MisalignmentAnalyzer _heldOutAnalyzer = null!;
    private ConceptEdit[] _edit = null!;

    /// <summary>The shape: VOC scale (or the smoke shape).</summary>
    public static IEnumerable<FitSize> Sizes => FitSize.SmokeRequested ? [FitSize.Smoke] : [FitSize.Voc];

    /// <summary>The problem shape (of the training split and of each held-out split).</summary>
    [ParamsSource(nameof(Sizes))]
    public FitSize Size { get; set; } = FitSize.Voc;

    /// <summary>Fits the base students once and opens both sessions on them; prepares the analyzers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (data, options, students) = EditRoundTripBenchmarks.BaseStudents(Size);
        _plain = EditSession.Create(students, data.Scores, data.Teacher, options: options);
        DataSplit[] heldOut = [.. new[] { ("test", 43), ("shifted", 44) }.Select(s =>
        {
            var split = StudentFitData.Create(Size, s.Item2);
            return DataSplit.Create(s.Item1, split.Scores, split.Teacher);
        })];
        _withSplits = EditSession.Create(students, DataSplit.Create(DataSplit.TrainingName, data.Scores, data.Teacher), heldOut, options);
        _trainAnalyzer = MisalignmentAnalyzer.Create(data.Scores, data.Teacher);
        _heldOutAnalyzer = MisalignmentAnalyzer.Create(heldOut[1].Scores, heldOut[1].Teacher);
        _edit = [EditRoundTripBenchmarks.EditTarget(students)];
    }

    /// <summary>Both sessions back to the base students before every call.</summary>
    [IterationSetup]
    public void Reset()
    {
        _plain.Checkout(ProvenanceLog.RootId);
        _withSplits.Checkout(ProvenanceLog.RootId);
    }

    /// <summary>Closes the sessions.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Dispose();
        _withSplits.Dispose();
    }

    /// <summary>Today's round trip: a session with the training images only.</summary>
    [Benchmark(Baseline = true)]
    public MisalignmentReport WithoutHeldOutSplits()
    {
        var result = _plain.EditAsync(_edit, EditRefit.FixedEpochs(Epochs)).GetAwaiter().GetResult();
        return _trainAnalyzer.Analyze(result.Students, result.Version.LogitValues);
    }

    /// <summary>The same edit measured on two held-out splits as well; the report on the training images.</summary>
    [Benchmark]
    public MisalignmentReport WithTwoHeldOutSplits()
    {
        var result = _withSplits.EditAsync(_edit, EditRefit.FixedEpochs(Epochs)).GetAwaiter().GetResult();
        return _trainAnalyzer.Analyze(result.Students, result.Version.LogitValues);
    }

    /// <summary>The same, with the report on the shifted held-out split.</summary>
    [Benchmark]
    public MisalignmentReport WithTwoHeldOutSplitsReportOnHeldOut()
    {
        var result = _withSplits.EditAsync(_edit, EditRefit.FixedEpochs(Epochs)).GetAwaiter().GetResult();
        return _heldOutAnalyzer.Analyze(result.Students, result.Version.LogitValuesOn("shifted"));
    }
}
