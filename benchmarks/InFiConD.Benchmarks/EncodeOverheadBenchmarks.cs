using BenchmarkDotNet.Attributes;
using InFiConD.Embedding;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Benchmarks;

/// <summary>
/// The encode pipeline's overhead over bare inference: <see cref="Pipeline"/> encodes <see cref="Images"/> JPEGs held in
/// memory (decode + preprocess + run, decoding overlapped with inference), the baseline <see cref="RawRun"/> runs
/// <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// on the same images already preprocessed into tensors — same model file, same session options (threads), same
/// batches — and <see cref="DecodePreprocess"/> does only the decoding and preprocessing, with the pipeline's
/// parallelism. Ratio of Pipeline is 1 + the overhead.
/// </summary>
/// <remarks>
/// Models (<see cref="Model"/>): <c>Fixture-L*</c> is the CLIP-style stand-in of <see cref="EncodeFixtureModel"/> with
/// L blocks (L = 12 costs about what ViT-B/32 does) run through <see cref="OnnxImageModel"/> (the pipeline under
/// <see cref="OnnxClipEncoder"/>) in batches of 16 with CLIP preprocessing; <c>ResNet18-PxT</c> is the packaged
/// ResNet-18 through <see cref="ResNet18Backbone"/>, P images in flight with T ONNX Runtime threads each (its batch
/// is fixed at 1), against P raw workers with the same sessions options.
/// </remarks>
[KernelJob]
public class EncodeOverheadBenchmarks
{
    /// <summary>Images per call: four batches of 16.</summary>
    public const int Images = 64;

    private const int FixtureBatch = 16;

    private List<(string Id, byte[] Encoded)> _jpegs = null!;
    private ImageSource _source = null!;
    private string? _modelPath;
    private OnnxImageModel? _model;
    private InferenceSession? _session;
    private ResNet18Backbone? _backbone;
    private ResNet18Sessions? _sessions;
    private readonly List<OrtValue> _inputs = [];
    private readonly List<float[]> _inputBuffers = [];

    /// <summary>
    /// The model and its settings: the fixture at L = 0, 2, 12 blocks with ONNX Runtime's default threads (one per core),
    /// the fixture at L = 12 with one ONNX Runtime thread (<c>-ort1</c>, leaving a core to decoding, as inference on an
    /// accelerator would), ResNet-18 with 2 × 1 and 1 × 2 threads.
    /// </summary>
    [Params("Fixture-L0", "Fixture-L2", "Fixture-L12", "Fixture-L12-ort1", "ResNet18-2x1", "ResNet18-1x2")]
    public string Model { get; set; } = "Fixture-L2";

    private bool IsResNet => Model.StartsWith("ResNet18", StringComparison.Ordinal);

    private (int Parallelism, int Threads) ResNetThreads => Model == "ResNet18-1x2" ? (1, 2) : (2, 1);

    private Preprocessing Preprocessing => IsResNet ? Preprocessing.ResNet18Package : Preprocessing.Clip;

    /// <summary>Makes the JPEGs, loads the model twice (pipeline and raw sessions) and preprocesses the images into the raw inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _jpegs = EncodeImages.Jpegs(Images);
        _source = ImageSource.FromArrays(_jpegs);
        var decoder = new ImageDecoder();
        var tensors = _jpegs.Select(j => Preprocessing.Apply(decoder.Decode(j.Encoded, j.Id))).ToList();
        if (IsResNet)
        {
            var (parallelism, resNetThreads) = ResNetThreads;
            _backbone = ResNet18Backbone.Load(null, new ResNet18Options { Parallelism = parallelism, IntraOpThreads = resNetThreads });
            _sessions = ResNet18Sessions.Open(ResNet18ModelFiles.Locate(null), resNetThreads, OnnxLogLevel.Warning);
            foreach (var tensor in tensors)
            {
                _inputBuffers.Add(tensor);
                _inputs.Add(OrtValue.CreateTensorValueFromMemory(tensor, [1, 3, 224, 224]));
            }
            return;
        }
        var name = Model["Fixture-L".Length..].Split('-');
        var blocks = int.Parse(name[0], System.Globalization.CultureInfo.InvariantCulture);
        var threads = name.Length > 1 && name[1] == "ort1" ? 1 : 0;
        _modelPath = Path.Combine(Path.GetTempPath(), $"infcd-encode-bench-{Environment.ProcessId}-{blocks}.onnx");
        EncodeFixtureModel.Write(_modelPath, blocks);
        _model = OnnxImageModel.Load(_modelPath, Preprocessing, new OnnxImageModelOptions { OutputName = "image_embeds", BatchSize = FixtureBatch, IntraOpThreads = threads });
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = threads }; // what OnnxImageModel.Load uses
        _session = new InferenceSession(_modelPath, sessionOptions);
        foreach (var batch in tensors.Chunk(FixtureBatch))
        {
            var buffer = batch.SelectMany(t => t).ToArray();
            _inputBuffers.Add(buffer);
            _inputs.Add(OrtValue.CreateTensorValueFromMemory(buffer, [batch.Length, 3, 224, 224]));
        }
    }

    /// <summary>Frees the sessions and inputs and deletes the fixture file.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _inputs.ForEach(v => v.Dispose());
        _model?.Dispose();
        _session?.Dispose();
        _backbone?.Dispose();
        _sessions?.Dispose();
        if (_modelPath is not null)
        {
            File.Delete(_modelPath);
        }
    }

    /// <summary>Bare inference on tensors made in setup: the batches one after another, or ResNet-18's images over P workers.</summary>
    [Benchmark(Baseline = true)]
    public void RawRun()
    {
        if (_sessions is null)
        {
            using var runOptions = new RunOptions();
            foreach (var input in _inputs)
            {
                using var outputs = _session!.Run(runOptions, ["pixel_values"], [input], ["image_embeds"]);
            }
            return;
        }
        var next = -1;
        Parallel.For(0, ResNetThreads.Parallelism, new ParallelOptions { MaxDegreeOfParallelism = ResNetThreads.Parallelism }, _ =>
        {
            using var runOptions = new RunOptions();
            var preprocessed = new float[3 * 224 * 224];
            var features = new float[512];
            using var preprocessedValue = OrtValue.CreateTensorValueFromMemory(preprocessed, [1, 3, 224, 224]);
            using var featuresValue = OrtValue.CreateTensorValueFromMemory(features, [1, 512, 1, 1]);
            for (var i = Interlocked.Increment(ref next); i < _inputs.Count; i = Interlocked.Increment(ref next))
            {
                _sessions.Preprocess.Run(runOptions, [_sessions.PreprocessInput], [_inputs[i]], [_sessions.PreprocessOutput], [preprocessedValue]);
                _sessions.Network.Run(runOptions, [_sessions.NetworkInput], [preprocessedValue], [_sessions.NetworkOutput], [featuresValue]);
            }
        });
    }

    /// <summary>The library from encoded bytes: decode, preprocess and run, decoding overlapped with inference.</summary>
    [Benchmark]
    public async Task<int> Pipeline()
    {
        if (_backbone is not null)
        {
            return (await _backbone.EncodeAsync(_source).ConfigureAwait(false)).Embeddings.Rows;
        }
        return (await _model!.RunAsync(_source).ConfigureAwait(false)).Outputs.Rows;
    }

    /// <summary>Only the decoding and preprocessing, with the pipeline's parallelism (all processors; ResNet-18: P workers).</summary>
    [Benchmark]
    public int DecodePreprocess()
    {
        if (IsResNet)
        {
            var decoder = new ImageDecoder();
            Parallel.For(0, _source.Count, new ParallelOptions { MaxDegreeOfParallelism = ResNetThreads.Parallelism },
                () => new float[3 * 224 * 224],
                (i, _, buffer) =>
                {
                    Preprocessing.Apply(decoder.Decode(_source[i]), buffer);
                    return buffer;
                },
                _ => { });
            return _source.Count;
        }
        var preparer = new BatchPreparer(Preprocessing, new ImageDecoder(), FixtureBatch, -1);
        var kept = 0;
        for (var b = 0; b < preparer.BatchCount(_source); b++)
        {
            using var batch = preparer.Prepare(_source, b, CancellationToken.None);
            kept += batch.Ids.Count;
        }
        return kept;
    }
}
