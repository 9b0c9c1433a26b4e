using System.Diagnostics;
using System.Globalization;
using InFiConD.Students;
using Microsoft.ML;

namespace InFiConD.Benchmarks;

/// <summary>
/// <c>--fidelity</c>: fits every student-fitting method per shape and prints, as a Markdown table, the time of one warm
/// call (every method runs twice and the second call is timed, after tiered JIT), the non-zero weights and the top-1
/// agreement with the teacher on the training images. BenchmarkDotNet gives the reliable times; this gives what each
/// method produced. Options: <c>--large</c> adds the N = 50,000 shape (our fits only), <c>--with-mlnet</c> also runs
/// ML.NET there; every ML.NET call is cancelled after <c>--mlnet-budget</c> seconds (120 by default); <c>--smoke</c>
/// runs the seconds-long shape only.
/// </summary>
internal static class FidelityReport
{
    internal static void Run(string[] args)
    {
        var budget = TimeSpan.FromSeconds(Option(args, "--mlnet-budget", 120));
        var sizes = args.Contains("--smoke") ? [FitSize.Smoke] : args.Contains("--large") ? new[] { FitSize.Voc, FitSize.Large } : [FitSize.Voc];
        Console.WriteLine($"λ = {StudentFitPeers.Lambda} on the mean loss (ML.NET L1Regularization = λ·N), L2 = 0, tolerance {StudentFitPeers.Tolerance}, {StudentFitPeers.Threads} threads.");
        Console.WriteLine("Warming up (JIT) on the smoke shape…");
        Measure(StudentFitData.Create(FitSize.Smoke), withMlNet: true, budget, print: false);
        Console.WriteLine();
        Console.WriteLine("| shape | method | targets | warm call (s) | non-zero weights | per class | top-1 agreement with teacher | notes |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|---|");
        foreach (var size in sizes)
        {
            var data = StudentFitData.Create(size);
            Measure(data, withMlNet: size != FitSize.Large || args.Contains("--with-mlnet"), budget, print: true);
        }
    }

    private static void Measure(StudentFitData data, bool withMlNet, TimeSpan budget, bool print)
    {
        foreach (var (name, options) in new[] { ("InFiConDEnsembleFit", StudentFitPeers.Soft), ("InFiConDEnsembleFitHard", StudentFitPeers.Hard) })
        {
            // The first call warms the tiered JIT (its vector loops start unoptimised); the second is timed.
            StudentEnsemble.Fit(data.Scores, data.Teacher, options);
            var clock = Stopwatch.StartNew();
            var (students, fit) = StudentEnsemble.Fit(data.Scores, data.Teacher, options);
            var seconds = clock.Elapsed.TotalSeconds;
            if (print)
            {
                Row(data, name, options.Targets.ToString().ToLowerInvariant(), seconds, StudentFitPeers.NonZeros(fit), data.Fidelity(StudentFitPeers.Labels(students, data)),
                    $"{fit.Iterations} iterations, {fit.Status}");
            }
        }
        if (!withMlNet)
        {
            if (print)
            {
                Console.WriteLine($"| {data.Size} | ML.NET peers | | | | | | skipped (pass --with-mlnet) |");
            }
            return;
        }
        var view = data.MlNetTrainingData();
        foreach (var (name, fitter) in new (string, Func<MLContext, ITransformer>)[]
        {
            ("MlNetLbfgsOneVersusAll", ml => StudentFitPeers.FitOneVersusAll(ml, view, data.Size.Images)),
            ("MlNetLbfgsMaximumEntropy", ml => StudentFitPeers.FitMaximumEntropy(ml, view, data.Size.Images)),
        })
        {
            // As for ours: a first call warms the JIT, the second is timed; each is cancelled after the budget.
            if (Budgeted(fitter, budget) is not { } model)
            {
                if (print)
                {
                    Console.WriteLine($"| {data.Size} | {name} | hard | > {budget.TotalSeconds:N0} | | | | cancelled after the budget (--mlnet-budget) |");
                }
                continue;
            }
            var clock = Stopwatch.StartNew();
            model = Budgeted(fitter, budget);
            var seconds = clock.Elapsed.TotalSeconds;
            if (print && model is not null)
            {
                Row(data, name, "hard", seconds, StudentFitPeers.NonZeros(model), data.Fidelity(StudentFitPeers.Labels(model, view)),
                    $"L1Regularization = {StudentFitPeers.MlNetL1(data.Size.Images).ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    /// <summary>Fits with a fresh seeded context, or returns null when the fit ran past the budget and was cancelled.</summary>
    private static ITransformer? Budgeted(Func<MLContext, ITransformer> fitter, TimeSpan budget)
    {
        var ml = new MLContext(seed: 1);
        using var timer = new Timer(_ => Cancel(ml), null, budget, Timeout.InfiniteTimeSpan);
        try
        {
            return fitter(ml);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Cancels a running ML.NET fit. MLContext implements the cancellation interface (ICancelable) internally in ML.NET 5,
    /// so this calls it by reflection; the trainer then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    private static void Cancel(MLContext ml) =>
        typeof(MLContext).GetInterfaces().FirstOrDefault(i => i.Name == "ICancelable")?.GetMethod("CancelExecution")?.Invoke(ml, null);

    private static void Row(StudentFitData data, string method, string targets, double seconds, int nonZeros, double fidelity, string notes) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {data.Size} | {method} | {targets} | {seconds:N2} | {nonZeros:N0} of {data.Size.Classes * data.Size.Concepts:N0} | {(double)nonZeros / data.Size.Classes:N1} | {fidelity:P1} | {notes} |"));

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
