using System.Diagnostics;
using System.Globalization;

namespace InFiConD.Benchmarks;

/// <summary>
/// <c>--kernel-peers [--rounds R] [--segments 1,49]</c>: the library's kernels and their ONNX Runtime peers on the
/// benchmark shapes, interleaved round by round (each round runs every method once, starting from a different one),
/// so load that comes and goes on a shared machine hits all sides alike; medians of the times and of the per-round
/// speed-ups, and every method's share of the machine's FMA peak (<see cref="PeakFlops"/>, measured just before each
/// group). The BenchmarkDotNet classes (<see cref="MultiplyTransposedBenchmarks"/>, <see cref="ConceptScoringBenchmarks"/>)
/// hold the same methods. The OpenBLAS peer is a separate process: benchmarks/peers/openblas_sgemm.py.
/// </summary>
internal static class KernelPeersReport
{
    internal static void Run(string[] args)
    {
        var segments = (Option(args, "--segments") ?? "1,49").Split(',').Select(int.Parse).ToArray();
        var rounds = Option(args, "--rounds") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : (int?)null;
        Console.WriteLine($"ONNX Runtime {OnnxProductPeer.Version}; threads {MultiplyTransposedBenchmarks.Threads}; load average {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| P | method | median (ms) | fastest (ms) | GFLOP/s (median) | of peak | peer time ÷ ours (median of rounds) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var p in segments)
        {
            var count = rounds ?? (p == 1 ? 21 : 5);
            var flops = 2.0 * SyntheticData.Images * p * SyntheticData.Concepts * SyntheticData.Dimension;
            var gemm = new MultiplyTransposedBenchmarks { P = p };
            gemm.SetupOnnxRuntime();
            try
            {
                Group(p, flops, count, ("Kernels.MultiplyTransposed", gemm.Blocked), ("ORT MatMul(A, Bᵀ initializer)", gemm.OnnxRuntimeMatMul), ("ORT Gemm(A, B, transB = 1)", gemm.OnnxRuntimeGemm));
            }
            finally
            {
                gemm.CleanupOnnxRuntime();
            }
            gemm = null;
            GC.Collect();
            var scoring = new ConceptScoringBenchmarks { P = p };
            scoring.SetupOnnxRuntime();
            try
            {
                Group(p, flops, count, ("Kernels.SegmentMaxCosine", scoring.Fused), ("ORT LpNorm → MatMul → ReduceMax → Relu", scoring.OnnxRuntimeMatMulMax));
            }
            finally
            {
                scoring.CleanupOnnxRuntime();
            }
            GC.Collect();
        }
        Console.WriteLine();
        Console.WriteLine($"Peak: {PeakFlops.Gflops:N1} GFLOP/s (Vector{PeakFlops.VectorBits} FMAs, {Environment.ProcessorCount} threads); load average {LoadAverage()}");
    }

    /// <summary>Times the methods interleaved; the first is ours, the others its peers.</summary>
    private static void Group(int p, double flops, int rounds, params (string Name, Action Run)[] methods)
    {
        var peak = PeakFlops.Measure(Environment.ProcessorCount);
        var times = methods.Select(_ => new List<double>()).ToArray();
        for (var round = -1; round < rounds; round++)
        {
            for (var k = 0; k < methods.Length; k++)
            {
                var m = (k + Math.Max(round, 0)) % methods.Length;
                var watch = Stopwatch.StartNew();
                methods[m].Run();
                if (round >= 0)
                {
                    times[m].Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }
        for (var m = 0; m < methods.Length; m++)
        {
            var median = Median(times[m]);
            var ratio = m == 0 ? "" : Median(times[m].Zip(times[0], (theirs, ours) => theirs / ours)).ToString("F2", CultureInfo.InvariantCulture) + "×";
            var gflops = flops / median / 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p} | {methods[m].Name} | {median:F1} | {times[m].Min():F1} | {gflops:F1} | {gflops / peak:P0} | {ratio} |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"|  | peak before this group, {rounds} rounds | | | {peak:F1} | 100 % | |"));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

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
}
