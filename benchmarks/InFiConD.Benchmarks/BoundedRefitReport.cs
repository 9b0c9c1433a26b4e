using System.Diagnostics;
using System.Globalization;
using InFiConD.Students;
using static InFiConD.Benchmarks.Measured;

namespace InFiConD.Benchmarks;

/// <summary>
/// <c>--bounded-refit</c>: the refits of <see cref="BoundedRefitBenchmarks"/> and a fresh fit under the same bound,
/// interleaved round by round (<c>--rounds</c>, 15 by default, after three warm-up rounds), as a Markdown table: median
/// time, iterations, status, objective and its gap to a reference (FISTA from the warm start to tolerance 1e-9), non-zero
/// weights of the class and the capped weight. BenchmarkDotNet gives the reliable times; this gives what each refit
/// produced. <c>--smoke</c> runs the seconds-long shape. <c>--export DIR</c> also writes the problem and our two solutions
/// as raw little-endian float32 files for the glmnet peer (benchmarks/peers/glmnet_bounded_refit.R).
/// </summary>
internal static class BoundedRefitReport
{
    internal static void Run(string[] args)
    {
        var rounds = (int)Option(args, "--rounds", 15);
        var size = args.Contains("--smoke") ? FitSize.Smoke : FitSize.Voc;
        var refit = BoundedRefit.Create(size);
        var w0 = refit.Students.Weights[BoundedRefit.ClassIndex, refit.Concept];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{size}: class {BoundedRefit.ClassIndex}, concept {refit.Concept} (largest |w⁰| = {w0:R}) capped at w⁰/{BoundedRefit.Factor} = {refit.Cap:R}; " +
            $"λ = 1e-4, {BoundedRefit.Threads} threads, tolerance {BoundedRefit.Tolerance}; {rounds} rounds, methods interleaved."));
        var reference = refit.Refit(BoundedRefit.Options(SolverMethod.Fista, maxIterations: 100_000) with { Tolerance = 1e-9 });
        var methods = new (string Name, Func<SolverResult> Fit)[]
        {
            ("FISTA, 5 epochs (baseline: edits before #18)", () => refit.Refit(BoundedRefit.Options(SolverMethod.Fista, maxIterations: 5))),
            ("**OWL-QN on box ∩ orthant, to tolerance**", () => refit.Refit(BoundedRefit.Options(SolverMethod.ProjectedQuasiNewton))),
            ("FISTA, to tolerance", () => refit.Refit(BoundedRefit.Options(SolverMethod.Fista))),
            ("fresh OWL-QN fit under the same bound (from zero)", () => refit.Fresh(BoundedRefit.Options(SolverMethod.ProjectedQuasiNewton))),
        };
        var times = methods.Select(_ => new List<double>()).ToArray();
        var results = new SolverResult[methods.Length];
        for (var round = -3; round < rounds; round++)
        {
            for (var m = 0; m < methods.Length; m++)
            {
                var clock = Stopwatch.StartNew();
                results[m] = methods[m].Fit();
                if (round >= 0)
                {
                    times[m].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }
        Console.WriteLine();
        Console.WriteLine("| refit | median (ms) | ratio to 5 epochs | iterations | status | objective | gap to reference | non-zero weights | capped weight |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|---:|---:|---:|");
        var baseline = Median(times[0]);
        Row("reference: FISTA to tolerance 1e-9", double.NaN, double.NaN, reference, reference, refit);
        for (var m = 0; m < methods.Length; m++)
        {
            Row(methods[m].Name, Median(times[m]), Median(times[m]) / baseline, results[m], reference, refit);
        }
        Console.WriteLine();
        Console.WriteLine($"Before the refit the class had {refit.Students.NonZeroCounts()[BoundedRefit.ClassIndex]} non-zero weights.");
        var export = Array.IndexOf(args, "--export");
        if (export >= 0 && export + 1 < args.Length)
        {
            Export(args[export + 1], refit, results[1], results[3]);
        }
    }

    /// <summary>
    /// Writes x (N × C, row-major), y (N), the start (C weights, then the bias), the bounds (C each) and our refit's and
    /// fresh fit's solutions (C + 1 each) as raw float32, and <c>meta.txt</c> (N, C, λ).
    /// </summary>
    private static void Export(string folder, BoundedRefit refit, SolverResult ours, SolverResult fresh)
    {
        Directory.CreateDirectory(folder);
        var problem = refit.Problem;
        Write(Path.Combine(folder, "x.f32"), problem.Features.AsSpan());
        Write(Path.Combine(folder, "y.f32"), Enumerable.Range(0, problem.Samples).Select(i => problem.Targets[i, 0]).ToArray());
        Write(Path.Combine(folder, "start.f32"), [.. refit.Start.Weights.Row(0), refit.Start.Bias[0]]);
        Write(Path.Combine(folder, "lower.f32"), refit.Constraints.Lower);
        Write(Path.Combine(folder, "upper.f32"), refit.Constraints.Upper);
        Write(Path.Combine(folder, "ours_refit.f32"), [.. ours.Weights.Row(0), ours.Bias[0]]);
        Write(Path.Combine(folder, "ours_fresh.f32"), [.. fresh.Weights.Row(0), fresh.Bias[0]]);
        File.WriteAllText(Path.Combine(folder, "meta.txt"), string.Create(CultureInfo.InvariantCulture, $"{problem.Samples} {problem.Concepts} {ours.Lambda:R}\n"));
        Console.WriteLine($"Exported the problem and our solutions to {folder}.");
    }

    private static void Write(string path, ReadOnlySpan<float> values)
    {
        using var stream = File.Create(path);
        stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    private static void Row(string name, double median, double ratio, SolverResult result, SolverResult reference, BoundedRefit refit)
    {
        var gap = (result.Objective - reference.Objective) / reference.Objective;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {(double.IsNaN(median) ? "" : median.ToString("F1", CultureInfo.InvariantCulture))} | {(double.IsNaN(ratio) ? "" : ratio.ToString("F2", CultureInfo.InvariantCulture))} | " +
            $"{result.Iterations} | {result.Status} | {result.Objective:F9} | {gap:E1} | {result.NonZeroCounts()[0]} | {result.Weights[0, refit.Concept]:R}{(result.Weights[0, refit.Concept] == refit.Cap ? " (= cap)" : "")} |"));
    }

    private static double Option(string[] args, string name, double fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
