using System.Diagnostics;
using System.Globalization;
using InFiConD.Editing;
using InFiConD.Students;
using static InFiConD.Benchmarks.Measured;

namespace InFiConD.Benchmarks;

/// <summary>
/// <c>--scale [--images 100000,1000000] [--concepts 100] [--classes 10]</c>: the student fit and one edit of the edit loop
/// at fleet sizes (docs/scaling.md). Per size: synthetic standardised scores with a planted sparse teacher
/// (<see cref="StudentFitData"/>), the fit as the editing benchmarks start it (300 solver iterations at most), the edit
/// session's creation, one downtune refit to convergence with its metrics, and an undo; with the managed heap after a full
/// collection while the session is held.
/// </summary>
internal static class ScaleReport
{
    internal static void Run(string[] args)
    {
        var sizes = (Option(args, "--images") ?? "100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var concepts = int.Parse(Option(args, "--concepts") ?? "100", CultureInfo.InvariantCulture);
        var classes = int.Parse(Option(args, "--classes") ?? "10", CultureInfo.InvariantCulture);
        Console.WriteLine($"load average at start: {LoadAverage()}");
        Console.WriteLine("| N | C | K | data | fit (iterations) | session | edit to convergence | undo | heap held |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in sizes)
        {
            var baseline = Heap();
            var clock = Stopwatch.StartNew();
            var data = StudentFitData.Create(new FitSize(n, concepts, classes));
            var dataSeconds = clock.Elapsed.TotalSeconds;
            var options = new EditSessionOptions { Students = new StudentOptions { Solver = new SolverOptions { MaxIterations = 300 } } };
            clock.Restart();
            var fit = StudentEnsemble.Fit(data.Scores, data.Teacher, options.Students);
            var fitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            using var session = EditSession.Create(fit.Ensemble, data.Scores, data.Teacher, options: options);
            var sessionSeconds = clock.Elapsed.TotalSeconds;
            var edit = EditRoundTripBenchmarks.EditTarget(fit.Ensemble);
            clock.Restart();
            var result = session.EditAsync([edit]).GetAwaiter().GetResult();
            var editSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            session.Undo();
            var undoMs = clock.Elapsed.TotalMilliseconds;
            var heap = Heap() - baseline;
            GC.KeepAlive(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n:N0} | {concepts} | {classes} | {dataSeconds:F1} s | {fitSeconds:F1} s ({fit.Fit.Iterations}) | {sessionSeconds:F1} s | {editSeconds:F1} s ({result.Entry.Refit.Summary}) | {undoMs:F0} ms | {heap / 1048576.0:F0} MB |"));
        }
        Console.WriteLine($"load average at end: {LoadAverage()}");
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
