using System.Diagnostics;
using System.Globalization;
using InFiConD.Students;
using Microsoft.ML;

namespace InFiConD.Benchmarks;

/// <summary>
/// <c>--fit-sweep [--rounds R] [--lambdas a,b,…]</c>: the student fit against ML.NET's L1 logistic regressions at
/// several L1 strengths (so at several sparsity levels), on the teacher's hard labels at VOC scale. Per strength the
/// methods run interleaved — ML.NET one-vs-rest, ML.NET maximum entropy, ours with OWL-QN, ours with FISTA, then again —
/// for R rounds (5 by default) after one warm-up round, and the table gives median times and the median of the
/// per-round ratios, so load from other processes hits every method of a round alike. Non-zero weights and top-1
/// agreement with the teacher are deterministic and printed once.
/// </summary>
internal static class FitSweepReport
{
    private static readonly double[] DefaultLambdas = [1e-4, 1e-3, 3e-3];

    internal static void Run(string[] args)
    {
        var rounds = int.Parse(Option(args, "--rounds") ?? "5", CultureInfo.InvariantCulture);
        var lambdas = Option(args, "--lambdas") is { } list
            ? list.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : DefaultLambdas;
        var data = StudentFitData.Create(FitSize.Voc);
        var view = data.MlNetTrainingData();
        var ml = new MLContext(seed: 1);
        Console.WriteLine($"{FitSize.Voc}, hard targets (the teacher's top class), tolerance {StudentFitPeers.Tolerance}, {StudentFitPeers.Threads} threads; {rounds} interleaved rounds after one warm-up; medians.");
        Console.WriteLine();
        Console.WriteLine("| λ | method | median (ms) | non-zero weights | top-1 agreement | ML.NET one-vs-rest ÷ this (median ratio) | ML.NET max-ent ÷ this |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var lambda in lambdas)
        {
            StudentOptions OptionsFor(SolverMethod method) => StudentFitPeers.Hard with { Solver = StudentFitPeers.Hard.Solver with { L1 = lambda, Method = method } };
            var methods = new (string Name, Func<(int NonZeros, double Agreement)> Fit)[]
            {
                ("ML.NET LbfgsLogisticRegression one-vs-rest", () => MlNet(StudentFitPeers.FitOneVersusAll(ml, view, data.Size.Images, lambda), view, data)),
                ("ML.NET LbfgsMaximumEntropy", () => MlNet(StudentFitPeers.FitMaximumEntropy(ml, view, data.Size.Images, lambda), view, data)),
                ("**ours, OWL-QN** (default)", () => Ours(data, OptionsFor(SolverMethod.QuasiNewton))),
                ("ours, FISTA", () => Ours(data, OptionsFor(SolverMethod.Fista))),
            };
            var times = methods.Select(_ => new List<double>()).ToArray();
            var results = new (int NonZeros, double Agreement)[methods.Length];
            for (var round = 0; round <= rounds; round++)
            {
                for (var m = 0; m < methods.Length; m++)
                {
                    var clock = Stopwatch.StartNew();
                    results[m] = methods[m].Fit();
                    if (round > 0)
                    {
                        times[m].Add(clock.Elapsed.TotalMilliseconds);
                    }
                }
            }
            for (var m = 0; m < methods.Length; m++)
            {
                var versusOneVersusAll = Median(times[0].Zip(times[m], (a, b) => a / b));
                var versusMaximumEntropy = Median(times[1].Zip(times[m], (a, b) => a / b));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {lambda:G3} | {methods[m].Name} | {Median(times[m]):F0} | {results[m].NonZeros:N0} | {results[m].Agreement:P2} | {versusOneVersusAll:F2} | {versusMaximumEntropy:F2} |"));
            }
        }
    }

    private static (int, double) Ours(StudentFitData data, StudentOptions options)
    {
        var (students, fit) = StudentEnsemble.Fit(data.Scores, data.Teacher, options);
        return (StudentFitPeers.NonZeros(fit), data.Fidelity(StudentFitPeers.Labels(students, data)));
    }

    private static (int, double) MlNet(ITransformer model, IDataView view, StudentFitData data) =>
        (StudentFitPeers.NonZeros(model), data.Fidelity(StudentFitPeers.Labels(model, view)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
