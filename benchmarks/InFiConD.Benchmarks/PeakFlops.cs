using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace InFiConD.Benchmarks;

/// <summary>
/// The machine's single-precision peak as this process sees it: every thread runs independent chains of
/// fused multiply-adds on the widest vectors the hardware accelerates, with no loads or stores, so the only limit is
/// FMA throughput × clock. <see cref="Accumulators"/> independent chains cover the FMA latency on any x64 core
/// (4 cycles × up to 2 FMA ports needs 8). Measured on all threads at once, because that is how the kernels run
/// (two busy cores may clock lower than one). The best of <see cref="Repeats"/> runs counts: interference from
/// other processes can only lower a run.
/// </summary>
internal static class PeakFlops
{
    /// <summary>Independent accumulator chains per thread.</summary>
    internal const int Accumulators = 16;

    private const int Repeats = 7;

    private const long Iterations = 20_000_000;

    private static readonly Lazy<double> Measured = new(() => Measure(Environment.ProcessorCount));

    /// <summary>GFLOP/s on every processor, measured once per process.</summary>
    internal static double Gflops => Measured.Value;

    /// <summary>The vector width the measurement used, in bits.</summary>
    internal static int VectorBits => Vector512.IsHardwareAccelerated ? 512 : 256;

    /// <summary>Floating-point operations one <see cref="Measure"/> call performs on <paramref name="threads"/> threads (all repeats).</summary>
    internal static double FlopsPerMeasure(int threads) => (double)Repeats * threads * Iterations * Accumulators * (VectorBits / 32) * 2;

    /// <summary>Best GFLOP/s over <see cref="Repeats"/> runs of <paramref name="threads"/> threads started together.</summary>
    internal static double Measure(int threads)
    {
        var sink = Chains(1_000); // jit before timing
        var best = 0.0;
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            using var start = new Barrier(threads + 1);
            var results = new float[threads];
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                results[t] = Chains(Iterations);
            })).ToArray();
            foreach (var worker in workers)
            {
                worker.Start();
            }
            start.SignalAndWait();
            var clock = Stopwatch.StartNew();
            foreach (var worker in workers)
            {
                worker.Join();
            }
            var seconds = clock.Elapsed.TotalSeconds;
            sink += results.Sum();
            var flops = threads * (double)Iterations * Accumulators * (VectorBits / 32) * 2;
            best = Math.Max(best, flops / seconds / 1e9);
        }
        return float.IsNaN(sink) ? double.NaN : best; // reads the results so the chains are not optimised away
    }

    /// <summary>Runs <see cref="Accumulators"/> chains x ← x·m + a (converging to 1: no overflow, no subnormals).</summary>
    private static float Chains(long iterations) =>
        Vector512.IsHardwareAccelerated ? Chains512(iterations) : Chains256(iterations);

    private static float Chains512(long iterations)
    {
        var (m, a) = (Vector512.Create(0.999f), Vector512.Create(0.001f));
        var (x0, x1, x2, x3, x4, x5, x6, x7) = (m, a, m, a, m, a, m, a);
        var (x8, x9, xa, xb, xc, xd, xe, xf) = (a, m, a, m, a, m, a, m);
        for (var i = 0L; i < iterations; i++)
        {
            x0 = Vector512.FusedMultiplyAdd(x0, m, a);
            x1 = Vector512.FusedMultiplyAdd(x1, m, a);
            x2 = Vector512.FusedMultiplyAdd(x2, m, a);
            x3 = Vector512.FusedMultiplyAdd(x3, m, a);
            x4 = Vector512.FusedMultiplyAdd(x4, m, a);
            x5 = Vector512.FusedMultiplyAdd(x5, m, a);
            x6 = Vector512.FusedMultiplyAdd(x6, m, a);
            x7 = Vector512.FusedMultiplyAdd(x7, m, a);
            x8 = Vector512.FusedMultiplyAdd(x8, m, a);
            x9 = Vector512.FusedMultiplyAdd(x9, m, a);
            xa = Vector512.FusedMultiplyAdd(xa, m, a);
            xb = Vector512.FusedMultiplyAdd(xb, m, a);
            xc = Vector512.FusedMultiplyAdd(xc, m, a);
            xd = Vector512.FusedMultiplyAdd(xd, m, a);
            xe = Vector512.FusedMultiplyAdd(xe, m, a);
            xf = Vector512.FusedMultiplyAdd(xf, m, a);
        }
        return Vector512.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + xa + xb + xc + xd + xe + xf);
    }

    private static float Chains256(long iterations)
    {
        var (m, a) = (Vector256.Create(0.999f), Vector256.Create(0.001f));
        var (x0, x1, x2, x3, x4, x5, x6, x7) = (m, a, m, a, m, a, m, a);
        var (x8, x9, xa, xb, xc, xd, xe, xf) = (a, m, a, m, a, m, a, m);
        for (var i = 0L; i < iterations; i++)
        {
            x0 = Vector256.FusedMultiplyAdd(x0, m, a);
            x1 = Vector256.FusedMultiplyAdd(x1, m, a);
            x2 = Vector256.FusedMultiplyAdd(x2, m, a);
            x3 = Vector256.FusedMultiplyAdd(x3, m, a);
            x4 = Vector256.FusedMultiplyAdd(x4, m, a);
            x5 = Vector256.FusedMultiplyAdd(x5, m, a);
            x6 = Vector256.FusedMultiplyAdd(x6, m, a);
            x7 = Vector256.FusedMultiplyAdd(x7, m, a);
            x8 = Vector256.FusedMultiplyAdd(x8, m, a);
            x9 = Vector256.FusedMultiplyAdd(x9, m, a);
            xa = Vector256.FusedMultiplyAdd(xa, m, a);
            xb = Vector256.FusedMultiplyAdd(xb, m, a);
            xc = Vector256.FusedMultiplyAdd(xc, m, a);
            xd = Vector256.FusedMultiplyAdd(xd, m, a);
            xe = Vector256.FusedMultiplyAdd(xe, m, a);
            xf = Vector256.FusedMultiplyAdd(xf, m, a);
        }
        return Vector256.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + xa + xb + xc + xd + xe + xf);
    }
}
