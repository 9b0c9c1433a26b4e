using System.Diagnostics;
using System.Globalization;
using InFiConD.Embedding;
using Microsoft.ML.OnnxRuntime;
using static InFiConD.Benchmarks.Measured;

namespace InFiConD.Benchmarks;

/// <summary>
/// <c>--dense-encode [--rounds R] [--images N] [--batches 1,4,8,16] [--configs 2x1,1x2]</c>: segment embeddings of a whole image plus a 2 × 2
/// grid, two ways, on N in-memory JPEGs (<see cref="EncodeImages"/>, 500 × 375): <b>crops</b>, the main job's old default
/// (<see cref="CroppedSegmentEncoder"/> over <see cref="ResNet18Backbone"/>: five batch-1 passes per image, 2 × 1 threads), and
/// <b>pooled</b> (<see cref="RegionPooledSegmentEncoder"/> over <see cref="ResNet18FeatureMap"/>: one pass per image in batches of
/// B, decoding overlapped; <c>PxT</c>: P batches in flight, T ONNX Runtime threads each). Each pooled configuration is set against <b>raw</b>: <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// of the same graph, same session options, same batches over P threads, on tensors preprocessed beforehand. All methods run interleaved,
/// R rounds (5 by default) after one warm-up, medians of times and of per-round ratios, so load that comes and goes hits
/// every method alike.
/// </summary>
internal static class DenseEncodeReport
{
    internal static void Run(string[] args)
    {
        var rounds = int.Parse(Option(args, "--rounds") ?? "5", CultureInfo.InvariantCulture);
        var count = int.Parse(Option(args, "--images") ?? "64", CultureInfo.InvariantCulture);
        var sizes = (Option(args, "--batches") ?? "1,4,8,16").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        var threads = (Option(args, "--configs") ?? "2x1,1x2").Split(',').Select(c => c.Split('x').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var configs = threads.SelectMany(t => sizes.Select(b => new ResNet18FeatureMapOptions { BatchSize = b, InferenceParallelism = t[0], IntraOpThreads = t[1] })).ToArray();
        var jpegs = EncodeImages.Jpegs(count);
        var source = ImageSource.FromArrays(jpegs);
        var decoder = new ImageDecoder();
        var tensors = jpegs.Select(j => Preprocessing.ResNet18Package.Apply(decoder.Decode(j.Encoded, j.Id))).ToList();
        var files = ResNet18ModelFiles.Locate(null);

        using var backbone = ResNet18Backbone.Load();
        var crops = CroppedSegmentEncoder.Create(backbone, Segmentation.Grid(2), CroppedSegmentOptions.Default with { IncludeWhole = true });
        var maps = configs.Select(c => ResNet18FeatureMap.Load(null, c)).ToList();
        var raws = configs.Select(c => new RawBatches(ResNet18MapSession.Open(files, c), tensors, c.BatchSize, c.InferenceParallelism)).ToList();
        try
        {
            var cropTimes = new List<double>();
            var pooledTimes = configs.Select(_ => new List<double>()).ToList();
            var rawTimes = configs.Select(_ => new List<double>()).ToList();
            var decodeTimes = new List<double>();
            for (var r = 0; r <= rounds; r++)
            {
                var crop = Time(() => crops.EncodeSegmentsAsync(source).GetAwaiter().GetResult());
                var decode = Time(() => Parallel.For(0, count, i => Preprocessing.ResNet18Package.Apply(decoder.Decode(source[i]))));
                var pooled = new double[configs.Length];
                var raw = new double[configs.Length];
                for (var b = 0; b < configs.Length; b++)
                {
                    var encoder = RegionPooledSegmentEncoder.Create(maps[b], Segmentation.Grid(2), includeWhole: true);
                    raw[b] = Time(raws[b].Run);
                    pooled[b] = Time(() => encoder.EncodeSegmentsAsync(source).GetAwaiter().GetResult());
                }
                if (r == 0)
                {
                    continue; // warm-up: sessions' first runs allocate their arenas
                }
                cropTimes.Add(crop);
                decodeTimes.Add(decode);
                for (var b = 0; b < configs.Length; b++)
                {
                    pooledTimes[b].Add(pooled[b]);
                    rawTimes[b].Add(raw[b]);
                }
            }
            Console.WriteLine($"{count} JPEGs of {EncodeImages.Width} × {EncodeImages.Height}, segments = whole + 2 × 2 grid; {rounds} interleaved rounds after one warm-up; medians.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Decode + preprocess alone (all cores): {Median(decodeTimes):F0} ms."));
            Console.WriteLine();
            Console.WriteLine("| method | workers × threads | batch | ms | images/s | speed-up over crops | pipeline ÷ raw Run | raw Run (ms) |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| crops (ResNet18Backbone, 5 passes per image) | {backbone.Parallelism} × {backbone.IntraOpThreads} | 1 | {Median(cropTimes):F0} | {count * 1000 / Median(cropTimes):F1} | 1.00 | – | – |"));
            for (var b = 0; b < configs.Length; b++)
            {
                var speedUp = Median(cropTimes.Zip(pooledTimes[b], (c, p) => c / p));
                var overhead = Median(pooledTimes[b].Zip(rawTimes[b], (p, q) => p / q));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| pooled (ResNet18FeatureMap, 1 pass per image) | {configs[b].InferenceParallelism} × {configs[b].IntraOpThreads} | {configs[b].BatchSize} | {Median(pooledTimes[b]):F0} | {count * 1000 / Median(pooledTimes[b]):F1} | {speedUp:F2} | {overhead:F3} | {Median(rawTimes[b]):F0} |"));
            }
        }
        finally
        {
            maps.ForEach(m => m.Dispose());
            raws.ForEach(r => r.Dispose());
        }
    }

    /// <summary>The baseline: the built graph's session run batch after batch on tensors made beforehand, outputs bound once.</summary>
    private sealed class RawBatches : IDisposable
    {
        private readonly ResNet18MapSession _session;
        private readonly List<(OrtValue Input, OrtValue Output)> _values = [];
        private readonly RunOptions _runOptions = new();
        private readonly int _workers;

        public RawBatches(ResNet18MapSession session, List<float[]> tensors, int batch, int workers)
        {
            _session = session;
            _workers = workers;
            foreach (var chunk in tensors.Chunk(batch))
            {
                var input = chunk.SelectMany(t => t).ToArray();
                var output = new float[chunk.Length * 512 * 49];
                _values.Add((OrtValue.CreateTensorValueFromMemory(input, [chunk.Length, 3, 224, 224]), OrtValue.CreateTensorValueFromMemory(output, [chunk.Length, 512, 7, 7])));
            }
        }

        /// <summary>The batches over the workers, each taking the next batch when it is free.</summary>
        public void Run()
        {
            var next = -1;
            Parallel.For(0, _workers, new ParallelOptions { MaxDegreeOfParallelism = _workers }, _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < _values.Count; i = Interlocked.Increment(ref next))
                {
                    _session.Session.Run(_runOptions, [_session.InputName], [_values[i].Input], [_session.OutputName], [_values[i].Output]);
                }
            });
        }

        public void Dispose()
        {
            _values.ForEach(v =>
            {
                v.Input.Dispose();
                v.Output.Dispose();
            });
            _runOptions.Dispose();
            _session.Dispose();
        }
    }
}
