using BenchmarkDotNet.Attributes;
using InFiConD.Core;
using InFiConD.Embedding;

namespace InFiConD.Benchmarks;

/// <summary>
/// The composed ResNet-18 teacher (one ONNX file: preprocessing model → network → Gemm head → softmax, through
/// <see cref="OnnxTeacher"/>) against the baseline it replaces, <see cref="BackbonePlusHead"/>: <see cref="ResNet18Backbone"/>
/// features, then <see cref="ClassifierHead.Probabilities"/> in C#. Both decode and preprocess the same
/// <see cref="Images"/> in-memory JPEGs and use every core: the backbone runs one image per call on each core (its
/// default), the composed teacher runs batches of 16 through the symbolic batch (<see cref="ComposedBatched"/>) or one
/// image per call with the batch kept at 1 (<see cref="ComposedBatchOne"/>), with ONNX Runtime's default threads, or in
/// batches with one inference and one decoding thread (<see cref="ComposedBatchedOneThread"/>).
/// </summary>
[KernelJob]
public class ComposedTeacherBenchmarks : IWorkload
{
    /// <summary>Images per call: two batches of 16.</summary>
    public const int Images = 32;

    private string _directory = null!;
    private ImageSource _source = null!;
    private ResNet18Backbone _backbone = null!;
    private ClassifierHead _head = null!;
    private OnnxTeacher _batched = null!;
    private OnnxTeacher _batchOne = null!;
    private OnnxTeacher _batchedOneThread = null!;

    /// <inheritdoc />
    public static Workload Describe(string method, int segmentsPerImage) => new(Images, false, 0);

    /// <summary>Makes the JPEGs and a seeded 6-class head, composes both teacher files and loads everything.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("infcd-composed-bench-").FullName;
        _source = ImageSource.FromArrays(EncodeImages.Jpegs(Images));
        _backbone = ResNet18Backbone.Load();
        var random = new Random(7);
        var weights = new FloatMatrix(6, 512);
        foreach (ref var w in weights.AsSpan())
        {
            w = 0.08f * (random.NextSingle() - 0.5f);
        }
        _head = new ClassifierHead(weights, new float[6], ["boat", "car", "house", "tree", "flower", "fish"]);
        _batched = TeacherModelComposer.ComposeResNet18(_backbone, _head, Path.Combine(_directory, "batched.onnx"))
            .LoadTeacher(options: new OnnxTeacherOptions { Model = new OnnxImageModelOptions { BatchSize = 16 } });
        _batchedOneThread = TeacherModelComposer.ComposeResNet18(_backbone, _head, Path.Combine(_directory, "batched1.onnx"))
            .LoadTeacher(options: new OnnxTeacherOptions { Model = new OnnxImageModelOptions { BatchSize = 16, IntraOpThreads = 1, DecodeParallelism = 1 } });
        _batchOne = TeacherModelComposer.ComposeResNet18(_backbone, _head, Path.Combine(_directory, "one.onnx"), new TeacherCompositionOptions { Batch = CompositionBatch.Fixed })
            .LoadTeacher();
    }

    /// <summary>Frees the sessions and the composed files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _batched.Dispose();
        _batchOne.Dispose();
        _batchedOneThread.Dispose();
        _backbone.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Baseline: backbone features, then the head in C#.</summary>
    [Benchmark(Baseline = true)]
    public async Task<FloatMatrix> BackbonePlusHead() => _head.Probabilities((await _backbone.EncodeAsync(_source).ConfigureAwait(false)).Embeddings);

    /// <summary>The composed file with a symbolic batch, batches of 16.</summary>
    [Benchmark]
    public async Task<FloatMatrix> ComposedBatched() => (await _batched.PredictAsync(_source).ConfigureAwait(false)).Outputs.Probabilities;

    /// <summary>As <see cref="ComposedBatched"/> with one ONNX Runtime thread and one decoding thread, so decoding and inference each keep a core.</summary>
    [Benchmark]
    public async Task<FloatMatrix> ComposedBatchedOneThread() => (await _batchedOneThread.PredictAsync(_source).ConfigureAwait(false)).Outputs.Probabilities;

    /// <summary>The composed file with the batch kept at 1, one image per call.</summary>
    [Benchmark]
    public async Task<FloatMatrix> ComposedBatchOne() => (await _batchOne.PredictAsync(_source).ConfigureAwait(false)).Outputs.Probabilities;
}
