using System.Diagnostics;
using System.Globalization;
using InFiConD.Core;

namespace InFiConD.Benchmarks.Guard;

/// <summary>
/// <c>--guard [--floors benchmarks/floors.json] [--only path,path]</c>: times every guarded hot path against its in-run
/// baseline (<see cref="GuardMeasurement"/>), checks the ratio against its floor and the allocation against its ceiling
/// (<see cref="GuardVerdict"/>), prints a table last and returns the process exit code: 0 when every path passes,
/// 1 when any fails, 2 when the floors file or the arguments are wrong. See docs/performance.md, "Regression guard".
/// </summary>
/// <remarks>
/// A path whose ratio falls below its floor is measured once more and keeps the better median: a burst of load from
/// another process can sink one measurement, while a real regression (a scalar kernel, an extra pass over the data)
/// sinks both. A ratio below half its floor is not retried (see <see cref="ClearFailureFraction"/>). Allocation
/// failures are not retried: the fewest bytes over the rounds is already the least noisy figure.
/// </remarks>
internal static class GuardReport
{
    /// <summary>The floors file, relative to the working directory (the repository root in CI).</summary>
    internal const string DefaultFloorsFile = "benchmarks/floors.json";

    /// <summary>
    /// A ratio below this fraction of the floor is a regression beyond doubt, not noise: it is neither retried nor
    /// measured for more than <see cref="GuardMeasurement.RoundsToJudge"/> rounds, so a failing run stays short.
    /// </summary>
    internal const double ClearFailureFraction = 0.5;

    /// <summary>Every guarded path, in the order they run (the cheap kernels first).</summary>
    internal static IReadOnlyList<Func<GuardCase>> Cases { get; } =
    [
        () => new MultiplyTransposedGuardCase(),
        () => new ScoringGuardCase(),
        () => new StudentFitGuardCase(),
        () => new EditRoundTripGuardCase(),
        () => new EncodeOverheadGuardCase(),
    ];

    internal static int Run(string[] args)
    {
        var clock = Stopwatch.StartNew();
        var floorsFile = Option(args, "--floors") ?? DefaultFloorsFile;
        IReadOnlyDictionary<string, GuardFloor> floors;
        List<GuardCase> cases;
        try
        {
            floors = GuardFloors.Load(floorsFile);
            cases = Select(args, floorsFile, floors);
        }
        catch (InvalidFileException e)
        {
            Console.Error.WriteLine($"guard: {e.Message}");
            return 2;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"guard: {e.Message}");
            return 2;
        }

        Console.WriteLine($"Regression guard: {cases.Count} paths, floors from {floorsFile}.");
        var rows = new List<GuardRow>();
        for (var i = 0; i < cases.Count; i++)
        {
            using var guardCase = cases[i];
            Console.WriteLine($"[{i + 1}/{cases.Count}] {guardCase.Path}: {guardCase.Description}");
            rows.Add(Measure(guardCase, floors[guardCase.Path]));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Guard finished in {clock.Elapsed.TotalSeconds:F0} s."));
        foreach (var reason in rows.SelectMany(r => r.Verdict.Reasons))
        {
            Console.WriteLine($"FAIL {reason}");
        }
        var failed = rows.Count(r => !r.Verdict.Passed);
        Console.WriteLine();
        Console.WriteLine(failed == 0
            ? $"Regression guard: all {rows.Count} paths pass. Ratio = baseline time ÷ path time (median of interleaved rounds; higher is better)."
            : $"Regression guard: {failed} of {rows.Count} paths FAIL. Ratio = baseline time ÷ path time (median of interleaved rounds; higher is better).");
        GuardRow.WriteTable(rows, Console.Out);
        return failed == 0 ? 0 : 1;
    }

    private static GuardRow Measure(GuardCase guardCase, GuardFloor floor)
    {
        try
        {
            var setup = Stopwatch.StartNew();
            guardCase.Setup();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    setup {setup.Elapsed.TotalSeconds:F1} s"));
            var clearFailure = floor.Floor * ClearFailureFraction;
            var measurement = Report(GuardMeasurement.Run(guardCase, clearFailure));
            var retried = false;
            if (measurement.Ratio < floor.Floor && measurement.Ratio >= clearFailure)
            {
                Console.WriteLine("    below the floor: measuring once more");
                var second = Report(GuardMeasurement.Run(guardCase, clearFailure));
                measurement = second.Ratio > measurement.Ratio ? second : measurement;
                retried = true;
            }
            return new GuardRow(guardCase.Path, measurement, floor, GuardVerdict.Judge(measurement.Ratio, measurement.AllocatedBytes, floor), retried);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One broken path must not hide the others' verdicts; it fails with the reason.
            Console.WriteLine($"    failed: {e}");
            return new GuardRow(guardCase.Path, null, floor, new GuardVerdict(false, [$"{guardCase.Path}: threw {e.GetType().Name}: {e.Message}"]), false);
        }
    }

    private static GuardMeasurement Report(GuardMeasurement measurement)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    rounds {string.Join(" ", measurement.Ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))} → median {measurement.Ratio:F2} (baseline {measurement.BaselineMilliseconds:F1} ms, path {measurement.PathMilliseconds:F1} ms)"));
        return measurement;
    }

    /// <summary>The cases to run (all, or those named by <c>--only</c>), after checking the floors file covers exactly the known paths.</summary>
    private static List<GuardCase> Select(string[] args, string floorsFile, IReadOnlyDictionary<string, GuardFloor> floors)
    {
        var all = Cases.Select(make => make()).ToList();
        var known = all.ToDictionary(c => c.Path, StringComparer.Ordinal);
        foreach (var path in floors.Keys.Where(p => !known.ContainsKey(p)))
        {
            throw new InvalidFileException(floorsFile, $"paths.{path}", null, $"no such guarded path (known: {string.Join(", ", known.Keys)})");
        }
        foreach (var guardCase in all)
        {
            if (!floors.TryGetValue(guardCase.Path, out var floor))
            {
                throw new InvalidFileException(floorsFile, $"paths.{guardCase.Path}", null, "missing: every guarded path needs a floor and an allocation ceiling");
            }
            if (floor.AllocationUnit != guardCase.AllocationUnit)
            {
                throw new InvalidFileException(floorsFile, $"paths.{guardCase.Path}.allocationUnit", null, $"this path's allocation is measured per {guardCase.AllocationUnit}, not per {floor.AllocationUnit}");
            }
        }
        var only = Option(args, "--only");
        if (only is null)
        {
            return all;
        }
        var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names.Where(n => !known.ContainsKey(n)))
        {
            throw new ArgumentException($"--only: no guarded path '{name}' (known: {string.Join(", ", known.Keys)})");
        }
        return all.Where(c => names.Contains(c.Path)).ToList();
    }

    /// <summary>The value after the last <paramref name="name"/> (a later option wins, so callers can override .ci/guard's).</summary>
    private static string? Option(string[] args, string name)
    {
        var i = Array.LastIndexOf(args, name);
        if (i < 0)
        {
            return null;
        }
        return i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[i + 1]
            : throw new ArgumentException($"{name} needs a value");
    }
}
