using System.Globalization;
using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>
/// Checks an edit request before a refit is queued, so mistakes come back at once with a message naming the edit and
/// what was expected: the Studio's own limits (the page's input ranges, <see cref="Limits"/>, sent in
/// <c>GET /api/config</c>), then everything else from the library's <see cref="DistillationSession.Validate(EditRequest)"/>,
/// so the Studio never disagrees with it.
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
    /// The answer for a request that cannot be queued, or <see langword="null"/> when it can: 409 when the library's first
    /// problem is a stale expected version (the page shows another version than the current one, so its edits were chosen
    /// on other students: whatever else is wrong, the person must look again first); else 400 with the first broken limit,
    /// or with every problem the library finds.
    /// </summary>
    public static IResult? Refusal(EditRequest request, DistillationSession session)
    {
        // A body without "edits" binds to null, which the library's validator refuses with an exception, not a problem.
        if (request.Edits is null)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "Give at least one edit in 'edits' (an empty list with 'lambda' to change the L1 strength).");
        }
        var problems = session.Validate(request);
        if (problems is [{ EditIndex: -1, Field: "expectedVersion" } stale, ..])
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, stale.Message);
        }
        if (Limit(request.Edits, request.Refit) is { } limit)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, limit);
        }
        return problems.Count == 0 ? null : ApiResults.Error(StatusCodes.Status400BadRequest, string.Join(" ", problems.Select(p => p.Message)));
    }

    /// <summary>The first of the Studio's own limits the request breaks, or <see langword="null"/>.</summary>
    private static string? Limit(IReadOnlyList<ConceptEdit> edits, EditRefit? refit)
    {
        if (edits.Count > MaxEdits)
        {
            return $"At most {MaxEdits} edits can be applied together; got {edits.Count}.";
        }
        // A refit's cap: the page's epochs, and the library's own default cap for a refit to a tolerance, so no request
        // holds the refit slot for longer than the page could ask for.
        if (refit is { Epochs: > MaxEpochs } epochs)
        {
            return $"'refit.epochs' must be between 1 and {MaxEpochs}; got {epochs.Epochs}.";
        }
        if (refit is { IsFixedEpochs: false, MaxIterations: > EditRefit.DefaultMaxIterations } capped)
        {
            return $"'refit.maxIterations' must be between 1 and {EditRefit.DefaultMaxIterations}; got {capped.MaxIterations}.";
        }
        for (var i = 0; i < edits.Count; i++)
        {
            // The page's range, tighter than the library's "finite and > 1" (NaN fails both comparisons). Null edits and
            // everything else are the library's to report, numbered as it numbers them (from 0).
            if (edits[i] is { } edit && !(edit.Factor >= MinFactor && edit.Factor <= MaxFactor))
            {
                return string.Create(CultureInfo.InvariantCulture, $"Edit {i} ({edit.Kind} {edit.ClassName}/{edit.ConceptName}): the factor must be between {MinFactor} and {MaxFactor}; got {Number(edit.Factor)}.");
            }
        }
        return null;
    }

    /// <summary>A number as a person wrote it: plain digits, or an exponent for very large or small ones (1e+300).</summary>
    private static string Number(double value) =>
        !double.IsFinite(value) || value == 0 || (Math.Abs(value) >= 1e-4 && Math.Abs(value) < 1e9)
            ? value.ToString("0.##########", CultureInfo.InvariantCulture)
            : value.ToString("0.####e+0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The session and the body of an edit or preview request, or why there is none: 503 while the session is built, 400 for
    /// a body that is not an edit request, and <see cref="Refusal"/>'s 400 or 409.
    /// </summary>
    public static async Task<(DistillationSession? Session, EditRequest? Body, IResult? Failure)> ReadAsync(StudioWorkspace ws, HttpRequest request)
    {
        if (ws.Session is not { } session)
        {
            return (null, null, ApiResults.NotReady(ws));
        }
        var (body, failure) = await ApiResults.ReadAsync(request, InFiConDJsonContext.Default.EditRequest).ConfigureAwait(false);
        return (session, body, failure ?? Refusal(body!, session));
    }
}
