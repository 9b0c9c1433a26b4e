using System.Diagnostics;
using System.Globalization;
using InFiConD.Embedding;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Benchmarks;

/// <summary>
/// <c>--dense-encode [--rounds R] [--images N] [--batches 1,2,4,8,16]</c>: segment embeddings of a whole image plus a 2 × 2
/// grid, two ways, on N in-memory JPEGs (<see cref="EncodeImages"/>, 500 × 375): <b>crops</b>, the main job's old default
/// (<see cref="CroppedSegmentEncoder"/> over <see cref="ResNet18Backbone"/>: five batch-1 passes per image, 2 × 1 threads), and
/// <b>pooled</b> (<see cref="RegionPooledSegmentEncoder"/> over <see cref="ResNet18FeatureMap"/>: one pass per image in batches of
/// B, decoding overlapped). Each pooled batch size is set against <b>raw</b>: <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// of the same graph, same session options, same batches, on tensors preprocessed beforehand. All methods run interleaved,
/// R rounds (5 by default) after one warm-up, medians of times and of per-round ratios, so load that comes and goes hits
/// every method alike.
/// </summary>
internal static class DenseEncodeReport
{
    internal static void Run(string[] args)
    {
        var rounds = int.Parse(Option(args, "--rounds") ?? "5", CultureInfo.InvariantCulture);
        var count = int.Parse(Option(args, "--images") ?? "64", CultureInfo.InvariantCulture);
        var batches = (Option(args, "--batches") ?? "1,2,4,8,16").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        var jpegs = EncodeImages.Jpegs(count);
        var source = ImageSource.FromArrays(jpegs);
        var decoder = new ImageDecoder();
        var tensors = jpegs.Select(j => Preprocessing.ResNet18Package.Apply(decoder.Decode(j.Encoded, j.Id))).ToList();
        var files = ResNet18ModelFiles.Locate(null);

        using var backbone = ResNet18Backbone.Load();
        var crops = CroppedSegmentEncoder.Create(backbone, Segmentation.Grid(2), CroppedSegmentOptions.Default with { IncludeWhole = true });
        var maps = batches.Select(b => ResNet18FeatureMap.Load(null, new ResNet18FeatureMapOptions { BatchSize = b })).ToList();
        var raws = batches.Select(b => new RawBatches(ResNet18MapSession.Open(files, ResNet18FeatureMapOptions.Default with { BatchSize = b }), tensors, b)).ToList();
        try
        {
            var cropTimes = new List<double>();
            var pooledTimes = batches.Select(_ => new List<double>()).ToList();
            var rawTimes = batches.Select(_ => new List<double>()).ToList();
            var decodeTimes = new List<double>();
            for (var r = 0; r <= rounds; r++)
            {
                var crop = Time(() => crops.EncodeSegmentsAsync(source).GetAwaiter().GetResult());
                var decode = Time(() => Parallel.For(0, count, i => Preprocessing.ResNet18Package.Apply(decoder.Decode(source[i]))));
                var pooled = new double[batches.Length];
                var raw = new double[batches.Length];
                for (var b = 0; b < batches.Length; b++)
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
                for (var b = 0; b < batches.Length; b++)
                {
                    pooledTimes[b].Add(pooled[b]);
                    rawTimes[b].Add(raw[b]);
                }
            }
            Console.WriteLine($"{count} JPEGs of {EncodeImages.Width} × {EncodeImages.Height}, segments = whole + 2 × 2 grid; {rounds} interleaved rounds after one warm-up; medians.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Decode + preprocess alone (all cores): {Median(decodeTimes):F0} ms."));
            Console.WriteLine();
            Console.WriteLine("| method | batch | ms | images/s | speed-up over crops | pipeline ÷ raw Run | raw Run (ms) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| crops (ResNet18Backbone, 5 passes per image) | 1 | {Median(cropTimes):F0} | {count * 1000 / Median(cropTimes):F1} | 1.00 | – | – |"));
            for (var b = 0; b < batches.Length; b++)
            {
                var speedUp = Median(cropTimes.Zip(pooledTimes[b], (c, p) => c / p));
                var overhead = Median(pooledTimes[b].Zip(rawTimes[b], (p, q) => p / q));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| pooled (ResNet18FeatureMap, 1 pass per image) | {batches[b]} | {Median(pooledTimes[b]):F0} | {count * 1000 / Median(pooledTimes[b]):F1} | {speedUp:F2} | {overhead:F3} | {Median(rawTimes[b]):F0} |"));
            }
        }
        finally
        {
            maps.ForEach(m => m.Dispose());
            raws.ForEach(r => r.Dispose());
        }
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The baseline: the built graph's session run batch after batch on tensors made beforehand, outputs bound once.</summary>
    private sealed class RawBatches : IDisposable
    {
        private readonly ResNet18MapSession _session;
        private readonly List<(OrtValue Input, OrtValue Output)> _values = [];
        private readonly RunOptions _runOptions = new();

        public RawBatches(ResNet18MapSession session, List<float[]> tensors, int batch)
        {
            _session = session;
            foreach (var chunk in tensors.Chunk(batch))
            {
                var input = chunk.SelectMany(t => t).ToArray();
                var output = new float[chunk.Length * 512 * 49];
                _values.Add((OrtValue.CreateTensorValueFromMemory(input, [chunk.Length, 3, 224, 224]), OrtValue.CreateTensorValueFromMemory(output, [chunk.Length, 512, 7, 7])));
            }
        }

        public void Run()
        {
            foreach (var (input, output) in _values)
            {
                _session.Session.Run(_runOptions, [_session.InputName], [input], [_session.OutputName], [output]);
            }
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
