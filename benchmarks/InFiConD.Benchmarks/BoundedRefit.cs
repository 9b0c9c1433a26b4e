using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Benchmarks;

/// <summary>
/// The refit an edit runs, alone: at a given shape (<see cref="StudentFitData"/>), students fitted to the soft teacher
/// (λ = 1e-4, 300 iterations at most, as the edit round trip's base), then class <see cref="ClassIndex"/> refit from its
/// fitted weights with its largest-|w⁰| concept capped at w⁰/4 — the interval [0, w⁰/4], sign-adjusted, a downtune by 4
/// that holds at convergence — and every other weight free. The problem is the single-class problem an edit builds
/// (<see cref="LogisticProblem.ForClasses"/> of the shared features), so its packed features are built once, here.
/// </summary>
internal sealed class BoundedRefit
{
    /// <summary>The edited class (the edit round trip's too).</summary>
    internal const int ClassIndex = 3;

    /// <summary>The downtune factor: the cap is w⁰ / <see cref="Factor"/>.</summary>
    internal const float Factor = 4;

    /// <summary>The refits' tolerance (relative objective change, three times in a row).</summary>
    internal const double Tolerance = 1e-6;

    /// <summary>Threads of every fit (the machine's two cores).</summary>
    internal const int Threads = 2;

    private BoundedRefit(StudentFitData data, LogisticProblem all, SolverResult students, int concept)
    {
        Data = data;
        All = all;
        Students = students;
        Concept = concept;
        Problem = all.ForClasses([ClassIndex]);
        var w0 = students.Weights[ClassIndex, concept];
        Cap = w0 / Factor;
        Constraints = SolverConstraints.None(1, all.Concepts).WithInterval(0, concept, Math.Min(0f, Cap), Math.Max(0f, Cap));
        var start = new FloatMatrix(1, all.Concepts);
        students.Weights.Row(ClassIndex).CopyTo(start.Row(0));
        Start = new SolverStart(start, [students.Bias[ClassIndex]]);
        // Build the packed features now: every edit of a session shares them, so no refit pays for them.
        SparseLogisticSolver.Fit(Problem, Options(SolverMethod.Fista, 1), Constraints, Start);
    }

    internal StudentFitData Data { get; }

    /// <summary>All classes over the standardised scores.</summary>
    internal LogisticProblem All { get; }

    /// <summary>The fitted students (the refit's warm start).</summary>
    internal SolverResult Students { get; }

    /// <summary>The capped concept: the class's largest |w⁰|.</summary>
    internal int Concept { get; }

    /// <summary>w⁰ / 4.</summary>
    internal float Cap { get; }

    /// <summary>The edited class alone.</summary>
    internal LogisticProblem Problem { get; }

    /// <summary>[0, w⁰/4] (sign-adjusted) on the capped concept, no other bound.</summary>
    internal SolverConstraints Constraints { get; }

    /// <summary>The fitted weights and bias of the class (the capped weight is projected into its interval by the solver).</summary>
    internal SolverStart Start { get; }

    internal static BoundedRefit Create(FitSize size)
    {
        var data = StudentFitData.Create(size);
        var all = LogisticProblem.Create(data.Standardized.Values, data.Teacher.Probabilities, Threads);
        var students = SparseLogisticSolver.Fit(all, new SolverOptions { MaxIterations = 300, MaxDegreeOfParallelism = Threads });
        var weights = students.Weights.Row(ClassIndex);
        var concept = 0;
        for (var j = 1; j < weights.Length; j++)
        {
            concept = Math.Abs(weights[j]) > Math.Abs(weights[concept]) ? j : concept;
        }
        return new BoundedRefit(data, all, students, concept);
    }

    /// <summary>The refit's options: λ = 1e-4, two threads, the given method, a cap of iterations, <see cref="Tolerance"/>.</summary>
    internal static SolverOptions Options(SolverMethod method, int maxIterations = 5000) =>
        new() { Method = method, MaxIterations = maxIterations, Tolerance = Tolerance, MaxDegreeOfParallelism = Threads };

    /// <summary>The refit from the fitted students' weights.</summary>
    internal SolverResult Refit(SolverOptions options) => SparseLogisticSolver.Fit(Problem, options, Constraints, Start);

    /// <summary>A fresh fit under the same bounds (from zero weights).</summary>
    internal SolverResult Fresh(SolverOptions options) => SparseLogisticSolver.Fit(Problem, options, Constraints);
}
