using System.Globalization;
using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>
/// Checks an edit request before a refit is queued, so mistakes come back at once as 400 with a message naming the edit
/// and what was expected: the Studio's limits here (the one place the page's inputs take theirs from, <see cref="Limits"/>,
/// sent in <c>GET /api/config</c>), the edits' own rules from the library's validator.
/// </summary>
internal static class EditValidation
{
    /// <summary>Most edits one request may carry.</summary>
    public const int MaxEdits = 64;

    /// <summary>Most refit epochs one request may ask for.</summary>
    public const int MaxEpochs = 200;

    /// <summary>The smallest tuning factor (the library needs more than 1).</summary>
    public const double MinFactor = 1.01;

    /// <summary>The largest tuning factor: beyond it a bound is so far from the weight that the refit means nothing more.</summary>
    public const double MaxFactor = 100;

    /// <summary>The limits as the configuration sends them to the page.</summary>
    public static EditLimits Limits { get; } = new(MinFactor, MaxFactor, MaxEpochs, MaxEdits);

    /// <summary>
    /// The problem with the request, or <see langword="null"/> when it can be queued: the Studio's own limits (the
    /// page's input ranges), then every rule of the edits themselves from the library (<see cref="DistillationSession.Validate"/>:
    /// names with the nearest known ones, factors, conflicts, releases), so the Studio never disagrees with it.
    /// </summary>
    public static string? Problem(EditRequest request, DistillationSession session)
    {
        if (request.Edits is not { Count: > 0 } edits)
        {
            return "Give at least one edit in 'edits'.";
        }
        if (edits.Count > MaxEdits)
        {
            return $"At most {MaxEdits} edits can be applied together; got {edits.Count}.";
        }
        if (request.Epochs is { } epochs && (epochs < 1 || epochs > MaxEpochs))
        {
            return $"'epochs' must be between 1 and {MaxEpochs}; got {epochs}.";
        }
        for (var i = 0; i < edits.Count; i++)
        {
            var edit = edits[i];
            var label = string.Create(CultureInfo.InvariantCulture, $"Edit {i + 1}");
            if (edit is null)
            {
                return $"{label} is null.";
            }
            // The page's range, tighter than the library's "finite and > 1" (NaN fails both comparisons).
            if (!(edit.Factor >= MinFactor && edit.Factor <= MaxFactor))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{label} ({edit.Kind} {edit.ClassName}/{edit.ConceptName}): the factor must be between {MinFactor} and {MaxFactor}; got {Number(edit.Factor)}.");
            }
        }
        var problems = session.Validate(edits, Refit(request));
        return problems.Count == 0 ? null : string.Join(" ", problems.Select(p => p.Message));
    }

    /// <summary>The refit a request asks for: the paper's epochs when it gives them, else to convergence.</summary>
    public static EditRefit Refit(EditRequest request) => request.Epochs is { } epochs ? EditRefit.FixedEpochs(epochs) : EditRefit.Converged;

    /// <summary>A number as a person wrote it: plain digits, or an exponent for very large or small ones (1e+300).</summary>
    private static string Number(double value) =>
        !double.IsFinite(value) || value == 0 || (Math.Abs(value) >= 1e-4 && Math.Abs(value) < 1e9)
            ? value.ToString("0.##########", CultureInfo.InvariantCulture)
            : value.ToString("0.####e+0", CultureInfo.InvariantCulture);
}
