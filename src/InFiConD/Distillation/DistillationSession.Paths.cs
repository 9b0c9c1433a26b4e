using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD;

public sealed partial class DistillationSession
{
    /// <summary>
    /// Fits the students at a series of L1 strengths on the training images (warm-started, with the session's targets, L2
    /// and tolerance) and measures each on every split, to choose how small the students may be. Nothing in the session
    /// changes. <c>path.SuggestedPoint.Lambda</c> is the strongest λ within one point of the best score on the diagnosis split;
    /// <see cref="AdoptAsync"/> makes a point the students, as a logged version.
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
        var lambda = Current.Lambda;
        return Task.Run(() =>
        {
            var steps = StudentEnsemble.FitPath(Scores, Teacher, lambdas, count, options with { BootstrapMembers = 0 }, progress, cancellationToken);
            var points = steps.Select(step => new RegularizationPathPoint(step.Lambda, step.NonZeroWeights,
                splits.ToDictionary(s => s.Name, s => Fidelity.Measure(step.Students, s.Scores, s.Teacher, s.GroundTruth), StringComparer.Ordinal))
            {
                Students = step.Students,
            }).ToArray();
            return new RegularizationPath(points, lambda, diagnosis, RegularizationPath.Suggest(points, diagnosis));
        }, cancellationToken);
    }

    /// <summary>
    /// Makes a point of a <see cref="RegularizationPath"/> the students, as a logged version: every class is refit at the
    /// point's λ from the current version's weights, inside every interval the current version's edits keep in force, so
    /// the person's edits survive (without edits the result is the path's own fit, to the solver's tolerance). Later edits
    /// refit at the new λ; undo returns to the old one. The entry records both λ (<see cref="ProvenanceEntry.PreviousLambda"/>).
    /// </summary>
    /// <param name="point">A point of a path, e.g. <c>path.SuggestedPoint</c>.</param>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <param name="progress">The refit's stages and one report per solver iteration.</param>
    /// <param name="cancellationToken">Cancels the refit until its entry is logged.</param>
    /// <returns>The new version and its effect on every split.</returns>
    /// <exception cref="InvalidEditException">The point's λ is the current version's (nothing to do).</exception>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    public Task<EditResult> AdoptAsync(RegularizationPathPoint point, string? expectedVersion = null, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(point);
        return EditAsync(new EditRequest([]) { Lambda = point.Lambda, ExpectedVersion = expectedVersion }, progress, cancellationToken);
    }
}
