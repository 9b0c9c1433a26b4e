using BenchmarkDotNet.Attributes;
using InFiConD.Core;
using InFiConD.Embedding;

namespace InFiConD.Benchmarks;

/// <summary>
/// The composed ResNet-18 teacher with several inference calls in flight (<see cref="OnnxImageModelOptions.InferenceParallelism"/>)
/// against the same baseline as <see cref="ComposedTeacherBenchmarks"/>: <see cref="ResNet18Backbone"/> features, then
/// <see cref="ClassifierHead.Probabilities"/> in C#, over the same 32 in-memory JPEGs. <see cref="BatchOneSerial"/> is the
/// batch-1 file run as before (one call at a time, ONNX Runtime's default threads); <see cref="BatchOne"/> is the same
/// file with the default options now (one single-thread call per processor); <see cref="BatchedParallel"/> is the file with
/// a symbolic batch, batches of 16, one single-thread call per processor. <see cref="LoadBatchOne"/> and
/// <see cref="LoadBatchOneExplicit"/> time loading the batch-1 teacher with the default options (the model is opened a
/// second time once its fixed batch is seen) and with the parallelism and threads given.
/// </summary>
[KernelJob]
public class ComposedTeacherParallelBenchmarks : IWorkload
{
    /// <summary>Images per call: two batches of 16.</summary>
    public const int Images = 32;

    private string _directory = null!;
    private ComposedTeacherModel _batchOneFile = null!;
    private ImageSource _source = null!;
    private ResNet18Backbone _backbone = null!;
    private ClassifierHead _head = null!;
    private OnnxTeacher _batchOneSerial = null!;
    private OnnxTeacher _batchOne = null!;
    private OnnxTeacher _batchedParallel = null!;

    /// <inheritdoc />
    public static Workload Describe(string method, int segmentsPerImage) => new(method.StartsWith("Load", StringComparison.Ordinal) ? 0 : Images, false, 0);

    /// <summary>Makes the JPEGs and a seeded 6-class head, composes both teacher files and loads everything.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("infcd-composed-parallel-bench-").FullName;
        _source = ImageSource.FromArrays(EncodeImages.Jpegs(Images));
        _backbone = ResNet18Backbone.Load();
        var random = new Random(7);
        var weights = new FloatMatrix(6, 512);
        foreach (ref var w in weights.AsSpan())
        {
            w = 0.08f * (random.NextSingle() - 0.5f);
        }
        _head = new ClassifierHead(weights, new float[6], ["boat", "car", "house", "tree", "flower", "fish"]);
        var one = TeacherModelComposer.ComposeResNet18(_backbone, _head, Path.Combine(_directory, "one.onnx"), new TeacherCompositionOptions { Batch = CompositionBatch.Fixed });
        _batchOneFile = one;
        _batchOneSerial = one.LoadTeacher(options: new OnnxTeacherOptions { Model = new OnnxImageModelOptions { InferenceParallelism = 1 } });
        _batchOne = one.LoadTeacher();
        _batchedParallel = TeacherModelComposer.ComposeResNet18(_backbone, _head, Path.Combine(_directory, "batched.onnx"))
            .LoadTeacher(options: new OnnxTeacherOptions { Model = new OnnxImageModelOptions { BatchSize = 16, InferenceParallelism = Environment.ProcessorCount, IntraOpThreads = 1 } });
        Console.WriteLine($"// batch-1 default: {_batchOne.Model.InferenceParallelism} calls x {_batchOne.Model.IntraOpThreads} threads; batched: {_batchedParallel.Model.InferenceParallelism} x {_batchedParallel.Model.IntraOpThreads}, batch {_batchedParallel.Model.BatchSize}");
    }

    /// <summary>Frees the sessions and the composed files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _batchOneSerial.Dispose();
        _batchOne.Dispose();
        _batchedParallel.Dispose();
        _backbone.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Baseline: backbone features, then the head in C#.</summary>
    [Benchmark(Baseline = true)]
    public async Task<FloatMatrix> BackbonePlusHead() => _head.Probabilities((await _backbone.EncodeAsync(_source).ConfigureAwait(false)).Embeddings);

    /// <summary>The batch-1 file, one call at a time with ONNX Runtime's default threads (the behaviour before InferenceParallelism).</summary>
    [Benchmark]
    public async Task<FloatMatrix> BatchOneSerial() => (await _batchOneSerial.PredictAsync(_source).ConfigureAwait(false)).Outputs.Probabilities;

    /// <summary>The batch-1 file with the default options: one single-thread call per processor.</summary>
    [Benchmark]
    public async Task<FloatMatrix> BatchOne() => (await _batchOne.PredictAsync(_source).ConfigureAwait(false)).Outputs.Probabilities;

    /// <summary>The symbolic-batch file, batches of 16, one single-thread call per processor.</summary>
    [Benchmark]
    public async Task<FloatMatrix> BatchedParallel() => (await _batchedParallel.PredictAsync(_source).ConfigureAwait(false)).Outputs.Probabilities;

    /// <summary>Loads (and disposes) the batch-1 teacher with the default options: opened, found to have a fixed batch, opened again with one thread.</summary>
    [Benchmark]
    public int LoadBatchOne()
    {
        using var teacher = _batchOneFile.LoadTeacher();
        return teacher.Model.InferenceParallelism;
    }

    /// <summary>Loads (and disposes) the batch-1 teacher with its parallelism and threads given: opened once.</summary>
    [Benchmark]
    public int LoadBatchOneExplicit()
    {
        using var teacher = _batchOneFile.LoadTeacher(options: new OnnxTeacherOptions
        {
            Model = new OnnxImageModelOptions { InferenceParallelism = Environment.ProcessorCount, IntraOpThreads = 1 },
        });
        return teacher.Model.InferenceParallelism;
    }
}
