using System.Diagnostics;

namespace InFiConD.Benchmarks.Guard;

/// <summary>
/// What one measurement of a <see cref="GuardCase"/> found: the per-round ratios (baseline time ÷ path time), their
/// median, the median times, and the path's allocation per unit.
/// </summary>
/// <param name="Ratios">One ratio per measured round, in round order.</param>
/// <param name="Ratio">The median of <paramref name="Ratios"/>.</param>
/// <param name="BaselineMilliseconds">Median time of one baseline call.</param>
/// <param name="PathMilliseconds">Median time of one path call.</param>
/// <param name="AllocatedBytes">The path's managed allocation per <see cref="GuardCase.AllocationUnit"/>.</param>
internal sealed record GuardMeasurement(IReadOnlyList<double> Ratios, double Ratio, double BaselineMilliseconds, double PathMilliseconds, long AllocatedBytes)
{
    /// <summary>Measured rounds after which a clear failure stops the measurement.</summary>
    internal const int RoundsToJudge = 3;

    /// <summary>
    /// Runs <see cref="GuardCase.WarmupRounds"/> + <see cref="GuardCase.Rounds"/> rounds of one baseline call and one
    /// path call, alternating which goes first, so load from other processes that comes and goes hits both sides of a
    /// round alike (one method after the other, as BenchmarkDotNet runs them, can put a burst on one side only).
    /// Each call starts after a full garbage collection, so one side never pays for the other's garbage.
    /// Stops after <see cref="RoundsToJudge"/> measured rounds when every ratio so far is below
    /// <paramref name="clearFailure"/>: a path that slow has regressed beyond doubt, and the remaining rounds would
    /// only make a failing CI run longer.
    /// </summary>
    internal static GuardMeasurement Run(GuardCase guardCase, double clearFailure)
    {
        var ratios = new List<double>();
        var baselineTimes = new List<double>();
        var pathTimes = new List<double>();
        var fewestBytes = long.MaxValue;
        for (var round = 0; round < guardCase.WarmupRounds + guardCase.Rounds; round++)
        {
            double baseline, path;
            long bytes;
            if (round % 2 == 0)
            {
                (baseline, _) = Call(guardCase, guardCase.RunBaseline);
                (path, bytes) = Call(guardCase, guardCase.RunPath);
            }
            else
            {
                (path, bytes) = Call(guardCase, guardCase.RunPath);
                (baseline, _) = Call(guardCase, guardCase.RunBaseline);
            }
            if (round < guardCase.WarmupRounds)
            {
                continue;
            }
            ratios.Add(baseline / path);
            baselineTimes.Add(baseline);
            pathTimes.Add(path);
            fewestBytes = Math.Min(fewestBytes, bytes);
            if (ratios.Count >= RoundsToJudge && ratios.All(r => r < clearFailure))
            {
                break;
            }
        }
        return new GuardMeasurement(ratios, Median(ratios), Median(baselineTimes), Median(pathTimes), guardCase.Allocation(fewestBytes));
    }

    /// <summary>
    /// Managed bytes allocated by all threads while <paramref name="action"/> runs (after a full collection): the
    /// counter BenchmarkDotNet's MemoryDiagnoser reads on .NET, <see cref="GC.GetTotalAllocatedBytes(bool)"/> (precise).
    /// </summary>
    internal static long AllocationOf(Action action)
    {
        Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        action();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    /// <summary>The median (mean of the middle two for an even count).</summary>
    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The median of no values is undefined.", nameof(values));
        }
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static (double Milliseconds, long Bytes) Call(GuardCase guardCase, Action action)
    {
        guardCase.BeforeEachCall();
        Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (watch.Elapsed.TotalMilliseconds, bytes);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
