using BenchmarkDotNet.Attributes;
using InFiConD.Students;
using Microsoft.ML;

namespace InFiConD.Benchmarks;

/// <summary>
/// Fitting the students against ML.NET's L-BFGS classifiers with the same L1 penalty (λ = 1e-4 on the mean loss, i.e.
/// ML.NET's L1Regularization = λ·N), no L2, tolerance 1e-4 and one thread per processor, on synthetic data (see
/// <see cref="StudentFitData"/>). The derived classes choose the shape.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>InFiConDEnsembleFit</c>: <see cref="StudentEnsemble.Fit"/> on the teacher's probabilities (the library's
/// default), including its standardisation of the raw scores.</item>
/// <item><c>InFiConDEnsembleFitHard</c>: the same on the teacher's top class, the targets ML.NET gets: with one-vs-rest
/// logistic regression this is exactly ML.NET's problem.</item>
/// <item><c>MlNetLbfgsOneVersusAll</c> (baseline): <c>OneVersusAll(LbfgsLogisticRegression)</c> on the pre-standardised
/// scores and the teacher's top class.</item>
/// <item><c>MlNetLbfgsMaximumEntropy</c>: <c>LbfgsMaximumEntropy</c> (softmax regression) on the same data.</item>
/// </list>
/// Speed only: the non-zero weights and the top-1 agreement with the teacher of each method come from
/// <c>--fidelity</c> (see benchmarks/README.md), since BenchmarkDotNet's columns are computed outside the process
/// that fits. <c>INFICOND_BENCH_SMOKE=1</c> swaps in a seconds-long shape for smoke runs.
/// </remarks>
public abstract class StudentFitBenchmarkBase
{
    private StudentFitData _data = null!;
    private IDataView _mlNetData = null!;
    private MLContext _ml = null!;

    /// <summary>The problem shape.</summary>
    public abstract FitSize Size { get; set; }

    /// <summary>Generates the data and the ML.NET view (standardised features, hard labels) once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = StudentFitData.Create(Size);
        _mlNetData = _data.MlNetTrainingData();
        _ml = new MLContext(seed: 1);
    }

    /// <summary>Our ensemble fit on soft targets.</summary>
    [Benchmark]
    public StudentEnsemble InFiConDEnsembleFit() => StudentEnsemble.Fit(_data.Scores, _data.Teacher, StudentFitPeers.Soft).Ensemble;

    /// <summary>Our ensemble fit on the teacher's top class (ML.NET's targets).</summary>
    [Benchmark]
    public StudentEnsemble InFiConDEnsembleFitHard() => StudentEnsemble.Fit(_data.Scores, _data.Teacher, StudentFitPeers.Hard).Ensemble;

    /// <summary>The same hard-target fit with FISTA instead of the default OWL-QN.</summary>
    [Benchmark]
    public StudentEnsemble InFiConDEnsembleFitHardFista() =>
        StudentEnsemble.Fit(_data.Scores, _data.Teacher, StudentFitPeers.Hard with { Solver = StudentFitPeers.Hard.Solver with { Method = SolverMethod.Fista } }).Ensemble;

    /// <summary>ML.NET one-vs-rest L-BFGS logistic regression with L1 = λ·N.</summary>
    [Benchmark(Baseline = true)]
    public ITransformer MlNetLbfgsOneVersusAll() => StudentFitPeers.FitOneVersusAll(_ml, _mlNetData, Size.Images);

    /// <summary>ML.NET L-BFGS maximum entropy (softmax) with L1 = λ·N.</summary>
    [Benchmark]
    public ITransformer MlNetLbfgsMaximumEntropy() => StudentFitPeers.FitMaximumEntropy(_ml, _mlNetData, Size.Images);
}
