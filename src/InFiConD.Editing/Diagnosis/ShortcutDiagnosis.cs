using InFiConD.Analysis;

namespace InFiConD.Editing;

/// <summary>
/// The diagnosis of one split: the misalignment report with its ranked suspects, and the top suspects' fixes confirmed by
/// real refits. Made by <see cref="EditSession.ConfirmSuspectsAsync"/>; nothing in the session changes.
/// </summary>
/// <param name="Split">The analysed split.</param>
/// <param name="VersionId">The version diagnosed.</param>
/// <param name="Report">The report, whose <see cref="MisalignmentReport.Suspects"/> are ranked by evidence.</param>
/// <param name="Confirmed">The top suspects with measured fixes, in the report's order.</param>
/// <param name="Headline">One sentence to lead with: the top significant suspect and its proposed fix, or that none is significant.</param>
public sealed record ShortcutDiagnosis(string Split, string VersionId, MisalignmentReport Report, IReadOnlyList<ConfirmedSuspect> Confirmed, string Headline)
{
    /// <summary>
    /// When two or more confirmed findings (significant suspects whose proposed fix helps) propose different edits: all of
    /// them together, measured with one refit; <see langword="null"/> otherwise.
    /// </summary>
    public CombinedFix? CombinedFix { get; init; }
}
