using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>
/// What an edit would do, computed by <see cref="EditSession.PreviewAsync(IReadOnlyList{ConceptEdit}, EditRefit?, CancellationToken)"/>
/// without keeping it: the same refit (same bits) as applying it to the same version.
/// </summary>
/// <param name="BaseVersionId">The version the preview was computed on (the current one at the time).</param>
/// <param name="Students">The would-be students.</param>
/// <param name="Bounds">The intervals the edits would set.</param>
/// <param name="Changes">The refit classes' rows before and after.</param>
/// <param name="Refit">The refit's settings and solver report.</param>
/// <param name="Splits">The effect on every split, the training split first: metrics before and after, and the images whose prediction would flip.</param>
public sealed record EditPreview(
    string BaseVersionId,
    StudentEnsemble Students,
    IReadOnlyList<WeightBounds> Bounds,
    IReadOnlyList<ClassChange> Changes,
    RefitRecord Refit,
    IReadOnlyList<SplitOutcome> Splits)
{
    /// <summary>The effect on one split.</summary>
    /// <param name="split">The split's name.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The session has no split of that name.</exception>
    public SplitOutcome On(string split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return Splits.FirstOrDefault(s => s.Split == split)
            ?? throw new ArgumentException($"The preview has no result for split '{split}'; the session's splits are {string.Join(", ", Splits.Select(s => $"'{s.Split}'"))}.", nameof(split));
    }
}
