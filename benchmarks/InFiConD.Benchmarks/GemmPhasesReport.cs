using System.Diagnostics;
using System.Globalization;
using InFiConD.Core;
using static InFiConD.Benchmarks.Measured;

namespace InFiConD.Benchmarks;

/// <summary>
/// <c>--gemm-phases [--rounds R]</c>: where the time of <c>Kernels.MultiplyTransposed</c> at P = 1 goes
/// (A = 10,000 × 512, B = 584 × 512, 6 GFLOP). First the first eight calls in the fresh process, then, interleaved round by round, medians:
/// the micro-kernel alone on one tile whose operands stay in cache (its ceiling per core), packing B, the whole
/// product on one thread and on all threads, and the FMA peak on one and on all threads. Beside wall time it prints the process's CPU
/// time: on a shared machine a single-thread phase's GFLOP per CPU-second is the steadier measure of the code.
/// </summary>
internal static unsafe class GemmPhasesReport
{
    internal static void Run(string[] args)
    {
        var rounds = Math.Max(1, int.Parse(Option(args, "--rounds") ?? "11", CultureInfo.InvariantCulture));
        var a = SyntheticData.Uniform(SyntheticData.Images, SyntheticData.Dimension, seed: 42);
        var b = SyntheticData.Uniform(SyntheticData.Concepts, SyntheticData.Dimension, seed: 7);
        var c = new FloatMatrix(a.Rows, b.Rows);
        var threads = Environment.ProcessorCount;
        var flops = 2.0 * a.Rows * b.Rows * a.Columns;
        var shape = PanelShape.For(KernelPath.Auto);
        var bank = SyntheticData.ConceptBank();
        var offsets = Enumerable.Range(0, a.Rows + 1).ToArray();
        var tileFlops = 2.0 * shape.Mr * shape.Nr * a.Columns;
        const int TileRepeats = 4_000;
        FirstCalls(a, b, c, threads, flops);
        var phases = new (string Name, double Flops, Action Run)[]
        {
            ("FMA peak loop, 1 thread", PeakFlops.FlopsPerMeasure(1), () => PeakGflopsOne = PeakFlops.Measure(1)),
            ("FMA peak loop, all threads", PeakFlops.FlopsPerMeasure(threads), () => PeakGflopsAll = PeakFlops.Measure(threads)),
            ($"micro-kernel {shape.Mr} × {shape.Nr}, depth {a.Columns} (B panel in L2), 1 thread (×{TileRepeats})", tileFlops * TileRepeats, () => Tiles(a, b, shape, TileRepeats, a.Columns)),
            ($"micro-kernel {shape.Mr} × {shape.Nr}, depth 128 (B panel in L1), 1 thread (×{TileRepeats * 4})", tileFlops * TileRepeats, () => Tiles(a, b, shape, TileRepeats * 4, 128)),
            ("pack B", 0, () => Pack(b, shape)),
            ("MultiplyTransposed, 1 thread", flops, () => Kernels.MultiplyTransposed(a, b, c, 1)),
            ("MultiplyTransposed, all threads", flops, () => Kernels.MultiplyTransposed(a, b, c, threads)),
            ("SegmentMaxCosine (P = 1), 1 thread", flops, () => Kernels.SegmentMaxCosine(a, offsets, bank, c, default, 1)),
            ("SegmentMaxCosine (P = 1), all threads", flops, () => Kernels.SegmentMaxCosine(a, offsets, bank, c, default, threads)),
            ("clear the N × C scores (part of SegmentMaxCosine)", 0, () => c.AsSpan().Clear()),
        };
        var times = phases.Select(_ => new List<double>()).ToArray();
        var cpu = phases.Select(_ => new List<double>()).ToArray();
        using var process = Process.GetCurrentProcess();
        for (var round = -1; round < rounds; round++)
        {
            for (var k = 0; k < phases.Length; k++)
            {
                process.Refresh();
                var cpuStart = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                phases[k].Run();
                var elapsed = watch.Elapsed.TotalMilliseconds;
                process.Refresh();
                if (round >= 0)
                {
                    times[k].Add(elapsed);
                    cpu[k].Add((process.TotalProcessorTime - cpuStart).TotalMilliseconds);
                }
            }
        }
        Console.WriteLine($"Peak (last round): {PeakGflopsOne:F1} GFLOP/s on 1 thread, {PeakGflopsAll:F1} on {threads}");
        Console.WriteLine("| phase | median (ms) | GFLOP/s | process CPU (ms) | GFLOP per CPU-second |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (var k = 0; k < phases.Length; k++)
        {
            var median = Median(times[k]);
            var cpuMedian = Median(cpu[k]);
            var gflops = phases[k].Flops > 0 ? (phases[k].Flops / median / 1e6).ToString("F1", CultureInfo.InvariantCulture) : "";
            var perCpu = phases[k].Flops > 0 ? (phases[k].Flops / cpuMedian / 1e6).ToString("F1", CultureInfo.InvariantCulture) : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phases[k].Name} | {median:F2} | {gflops} | {cpuMedian:F1} | {perCpu} |"));
        }
    }

    /// <summary>The first calls in a fresh process: what a user who scores once gets (tiered JIT, first touch).</summary>
    private static void FirstCalls(FloatMatrix a, FloatMatrix b, FloatMatrix c, int threads, double flops)
    {
        using var process = Process.GetCurrentProcess();
        Console.Write("First calls of MultiplyTransposed in this process, ms (process CPU ms):");
        for (var call = 0; call < 8; call++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            Kernels.MultiplyTransposed(a, b, c, threads);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            Console.Write(string.Create(CultureInfo.InvariantCulture, $" {elapsed:F1} ({(process.TotalProcessorTime - cpuStart).TotalMilliseconds:F0})"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"; {flops / 1e9:F2} GFLOP per call"));
    }

    private static double PeakGflopsOne { get; set; }

    private static double PeakGflopsAll { get; set; }

    private static void Tiles(FloatMatrix a, FloatMatrix b, PanelShape shape, int repeats, int depth)
    {
        fixed (float* pa = a.Storage, pb = b.Storage)
        {
            using var packed = PackedPanels.Pack(pb, b.Rows, b.Columns, shape);
            var product = stackalloc float[shape.Mr * shape.Nr];
            for (var r = 0; r < repeats; r++)
            {
                shape.Tile(pa, a.Columns, shape.Mr, packed.Panel(0, 0), depth, product, shape.Nr, accumulate: r > 0);
            }
        }
    }

    private static void Pack(FloatMatrix b, PanelShape shape)
    {
        fixed (float* pb = b.Storage)
        {
            using var packed = PackedPanels.Pack(pb, b.Rows, b.Columns, shape);
        }
    }
}
