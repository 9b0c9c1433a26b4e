using System.Diagnostics;
using System.Globalization;
using static InFiConD.Benchmarks.Measured;

namespace InFiConD.Benchmarks;

/// <summary>
/// <c>--encode-overhead [--rounds R] [--models a,b]</c>: the <see cref="EncodeOverheadBenchmarks"/> methods run
/// interleaved — raw, pipeline, decode-only, raw, pipeline, … — for R rounds (7 by default) after one warm-up round,
/// and the median of the per-round ratios is printed as a Markdown table. On a shared machine, load that comes and goes
/// hits both sides of a round alike, where BenchmarkDotNet (all iterations of one method, then the next) can put a
/// burst on one side only; its tables are the reference on an idle machine.
/// </summary>
internal static class EncodeOverheadReport
{
    internal static void Run(string[] args)
    {
        var rounds = int.Parse(Option(args, "--rounds") ?? "7", CultureInfo.InvariantCulture);
        var models = Option(args, "--models")?.Split(',') ?? ["Fixture-L0", "Fixture-L2", "Fixture-L12", "Fixture-L12-ort1", "ResNet18-2x1", "ResNet18-1x2"];
        Console.WriteLine($"{EncodeOverheadBenchmarks.Images} JPEGs of {EncodeImages.Width} × {EncodeImages.Height}; {rounds} interleaved rounds after one warm-up; medians.");
        Console.WriteLine();
        Console.WriteLine("| model | raw Run (ms) | pipeline (ms) | decode + preprocess alone (ms) | pipeline ÷ raw | decode ÷ raw |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var model in models)
        {
            var bench = new EncodeOverheadBenchmarks { Model = model };
            bench.Setup();
            try
            {
                var raw = new List<double>();
                var pipeline = new List<double>();
                var decode = new List<double>();
                for (var r = 0; r <= rounds; r++)
                {
                    var times = (Time(bench.RawRun), Time(() => bench.Pipeline().GetAwaiter().GetResult()), Time(() => bench.DecodePreprocess()));
                    if (r > 0)
                    {
                        raw.Add(times.Item1);
                        pipeline.Add(times.Item2);
                        decode.Add(times.Item3);
                    }
                }
                var overhead = Median(pipeline.Zip(raw, (p, q) => p / q));
                var share = Median(decode.Zip(raw, (d, q) => d / q));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {model} | {Median(raw):F0} | {Median(pipeline):F0} | {Median(decode):F0} | {overhead:F2} | {share:F2} |"));
            }
            finally
            {
                bench.Cleanup();
            }
        }
    }
}
