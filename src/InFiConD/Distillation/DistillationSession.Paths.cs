using InFiConD.Students;

namespace InFiConD;

public sealed partial class DistillationSession
{
    /// <summary>
    /// Fits the students at a series of L1 strengths on the training images (warm-started, with the session's targets, L2
    /// and tolerance) and measures each on every split, to choose how small the students may be. Nothing in the session
    /// changes. <c>path.SuggestedPoint.Lambda</c> is the strongest λ within one point of the best score on the diagnosis split.
    /// </summary>
    /// <param name="lambdas">The strengths, descending; <see langword="null"/> for <paramref name="count"/> log-spaced ones from the
    /// smallest λ that keeps every weight at 0 down to a thousandth of it.</param>
    /// <param name="count">How many strengths when <paramref name="lambdas"/> is <see langword="null"/>; at least 1.</param>
    /// <param name="progress">Solver progress of every fit, in order.</param>
    /// <param name="cancellationToken">Cancels the fits.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">The strengths are empty, negative, infinite or not descending.</exception>
    public Task<RegularizationPath> FitPathAsync(IReadOnlyList<double>? lambdas = null, int count = 15, IProgress<SolverProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var options = _edits.Options.Students;
        var splits = Splits;
        var diagnosis = DiagnosisSplit;
        return Task.Run(() =>
        {
            var steps = StudentEnsemble.FitPath(Scores, Teacher, lambdas, count, options with { BootstrapMembers = 0 }, progress, cancellationToken);
            var points = steps.Select(step => new RegularizationPathPoint(step.Lambda, step.NonZeroWeights,
                splits.ToDictionary(s => s.Name, s => Fidelity.Measure(step.Students, s.Scores, s.Teacher, s.GroundTruth), StringComparer.Ordinal))
            {
                Students = step.Students,
            }).ToArray();
            return new RegularizationPath(points, options.Solver.L1, diagnosis, RegularizationPath.Suggest(points, diagnosis));
        }, cancellationToken);
    }
}
