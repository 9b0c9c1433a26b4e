using System.Diagnostics;
using System.Globalization;
using InFiConD.Core;
using static InFiConD.Benchmarks.Measured;

namespace InFiConD.Benchmarks;

/// <summary>
/// <c>--kernel-peers [--rounds R] [--segments 1,49] [--threads T]</c>: the library's kernels and their ONNX Runtime peers on the
/// benchmark shapes, interleaved round by round (each round runs every method once, starting from a different one),
/// so load that comes and goes on a shared machine hits all sides alike; medians of the times and of the per-round
/// speed-ups, and every method's share of the machine's FMA peak (<see cref="PeakFlops"/>, measured just before each
/// group), plus the process's CPU time per call: with <c>--threads 1</c> on a loaded machine, GFLOP per CPU-second
/// compares the kernels' code without the scheduler's noise (ONNX Runtime spins its pool threads, so with more than
/// one thread its CPU time overstates its work). The BenchmarkDotNet classes (<see cref="MultiplyTransposedBenchmarks"/>, <see cref="ConceptScoringBenchmarks"/>)
/// hold the same methods. The OpenBLAS peer is a separate process: benchmarks/peers/openblas_sgemm.py.
/// </summary>
internal static class KernelPeersReport
{
    /// <summary>Pause after each call, so one method's spinning threads never overlap the next method's call.</summary>
    private const int SettleMilliseconds = 200;

    internal static void Run(string[] args)
    {
        var segments = (Option(args, "--segments") ?? "1,49").Split(',').Select(int.Parse).ToArray();
        var rounds = Option(args, "--rounds") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : (int?)null;
        var threads = Option(args, "--threads") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        Console.WriteLine($"ONNX Runtime {OnnxProductPeer.Version}; threads {threads}; load average {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| P | method | median (ms) | fastest (ms) | GFLOP/s (median) | of peak | peer time ÷ ours (median of rounds) | process CPU (ms, median) | GFLOP per CPU-second |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in segments)
        {
            var count = rounds ?? (p == 1 ? 21 : 5);
            var flops = 2.0 * SyntheticData.Images * p * SyntheticData.Concepts * SyntheticData.Dimension;
            var a = SyntheticData.Uniform(SyntheticData.Images * p, SyntheticData.Dimension, seed: 42);
            var b = SyntheticData.Uniform(SyntheticData.Concepts, SyntheticData.Dimension, seed: 7);
            var c = new FloatMatrix(a.Rows, b.Rows);
            using (var matMul = OnnxProductPeer.Product(a, b, c, threads, OnnxProductPeer.Form.MatMul))
            using (var gemm = OnnxProductPeer.Product(a, b, c, threads, OnnxProductPeer.Form.Gemm))
            {
                Group(p, flops, count, threads,
                    ("Kernels.MultiplyTransposed", () => Kernels.MultiplyTransposed(a, b, c, threads)),
                    ("ORT MatMul(A, Bᵀ initializer)", matMul.Run),
                    ("ORT Gemm(A, B, transB = 1)", gemm.Run));
            }
            c = null;
            GC.Collect();
            var offsets = Enumerable.Range(0, SyntheticData.Images + 1).Select(n => n * p).ToArray();
            var bank = SyntheticData.ConceptBank();
            var scores = new FloatMatrix(SyntheticData.Images, SyntheticData.Concepts);
            using (var segmentMax = OnnxProductPeer.SegmentMax(a, p, bank, scores, threads, OnnxProductPeer.Form.MatMul))
            {
                Group(p, flops, count, threads,
                    ("Kernels.SegmentMaxCosine", () => Kernels.SegmentMaxCosine(a, offsets, bank, scores, default, threads)),
                    ("ORT LpNorm → MatMul → ReduceMax → Relu", segmentMax.Run));
            }
            a = null;
            GC.Collect();
        }
        Console.WriteLine();
        Console.WriteLine($"Peak: {PeakFlops.Measure(threads):N1} GFLOP/s (Vector{PeakFlops.VectorBits} FMAs, {threads} threads); load average {LoadAverage()}");
    }

    /// <summary>Times the methods interleaved; the first is ours, the others its peers.</summary>
    private static void Group(int p, double flops, int rounds, int threads, params (string Name, Action Run)[] methods)
    {
        var peak = PeakFlops.Measure(threads);
        var times = methods.Select(_ => new List<double>()).ToArray();
        var cpu = methods.Select(_ => new List<double>()).ToArray();
        using var process = Process.GetCurrentProcess();
        for (var round = -1; round < rounds; round++)
        {
            for (var k = 0; k < methods.Length; k++)
            {
                var m = (k + Math.Max(round, 0)) % methods.Length;
                process.Refresh();
                var cpuStart = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                methods[m].Run();
                var elapsed = watch.Elapsed.TotalMilliseconds;
                // ONNX Runtime's pool threads keep spinning for a while after a run (its default, which helps its own
                // next call); without a pause they would take a core from the next method and bill it their CPU time.
                Thread.Sleep(SettleMilliseconds);
                process.Refresh();
                if (round >= 0)
                {
                    times[m].Add(elapsed);
                    cpu[m].Add((process.TotalProcessorTime - cpuStart).TotalMilliseconds);
                }
            }
        }
        for (var m = 0; m < methods.Length; m++)
        {
            var median = Median(times[m]);
            var ratio = m == 0 ? "" : Median(times[m].Zip(times[0], (theirs, ours) => theirs / ours)).ToString("F2", CultureInfo.InvariantCulture) + "×";
            var gflops = flops / median / 1e6;
            var cpuMedian = Median(cpu[m]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p} | {methods[m].Name} | {median:F1} | {times[m].Min():F1} | {gflops:F1} | {gflops / peak:P0} | {ratio} | {cpuMedian:F0} | {flops / cpuMedian / 1e6:F1} |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"|  | peak before this group ({threads} threads), {rounds} rounds | | | {peak:F1} | 100 % | | | |"));
    }
}
