using System.Diagnostics;

namespace InFiConD.Benchmarks;

/// <summary>What the report modes (<c>--dense-encode</c>, <c>--kernel-peers</c>, …) measure with: a median, a timed call, the load.</summary>
internal static class Measured
{
    /// <summary>The median (the mean of the middle two for an even count); NaN for none.</summary>
    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The wall time of one call, in milliseconds.</summary>
    internal static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>The 1-, 5- and 15-minute load averages (Linux), printed beside every number a report mode writes.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The value after <paramref name="name"/> on the command line, or <see langword="null"/>.</summary>
    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
