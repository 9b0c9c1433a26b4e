using System.Text.Json.Serialization.Metadata;
using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>
/// Undo, redo and checkout (the next edit then branches), each with the version the page shows as
/// <c>expectedVersion</c>. The library checks it and moves under the session's lock, so simultaneous moves run one after
/// another and the losers get 409 (stale, or nowhere to go), never 500. Each answers the history as its move left it.
/// </summary>
internal static class MoveRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/undo", (StudioWorkspace ws, HttpRequest request, string? split) =>
            MoveAsync(ws, request, split, StudioJsonContext.Default.MoveRequest, _ => null, (session, body) => session.UndoAsync(body.ExpectedVersion)));

        app.MapPost("/api/redo", (StudioWorkspace ws, HttpRequest request, string? split) =>
            MoveAsync(ws, request, split, StudioJsonContext.Default.MoveRequest, _ => null, (session, body) => session.RedoAsync(body.ExpectedVersion)));

        app.MapPost("/api/checkout", (StudioWorkspace ws, HttpRequest request, string? split) =>
            MoveAsync(ws, request, split, StudioJsonContext.Default.CheckoutRequest,
                body => string.IsNullOrEmpty(body.VersionId) ? "Give the version to check out in 'versionId'." : null,
                (session, body) => session.CheckoutAsync(body.VersionId!, body.ExpectedVersion)));
    }

    /// <summary>
    /// Reads the body, refuses it with 400 when <paramref name="problem"/> names one, and makes the move; answers the
    /// history after it on <paramref name="split"/> (an unknown split is refused before anything moves).
    /// </summary>
    private static async Task<IResult> MoveAsync<T>(StudioWorkspace ws, HttpRequest request, string? split, JsonTypeInfo<T> type,
        Func<T, string?> problem, Func<DistillationSession, T, Task<SessionVersion>> move)
        where T : class
    {
        if (ws.Session is not { } session)
        {
            return ApiResults.NotReady(ws);
        }
        var (data, failure) = SplitQuery.Resolve(session, split);
        if (failure is not null)
        {
            return failure;
        }
        var (body, bodyFailure) = await ApiResults.ReadAsync(request, type).ConfigureAwait(false);
        if (bodyFailure is not null)
        {
            return bodyFailure;
        }
        if (problem(body!) is { } message)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, message);
        }
        // The library would queue the move behind the running refit and then move from the version the refit made, not
        // from the one the page shows.
        if (ws.Jobs.Busy)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "A refit is running; wait for it to finish.");
        }
        SessionVersion version;
        try
        {
            version = await move(session, body!).ConfigureAwait(false);
        }
        catch (StaleVersionException e)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, e.Message);
        }
        catch (ArgumentException e)
        {
            // Only a checkout names a version; the library's message lists the versions there are.
            return ApiResults.Error(StatusCodes.Status404NotFound, ErrorText.Of(e));
        }
        catch (InvalidOperationException e) when (e is not ObjectDisposedException)
        {
            // Nothing to undo or to redo, in the library's words.
            return ApiResults.Error(StatusCodes.Status409Conflict, e.Message);
        }
        // The version the move made, not session.Current: another move may already have followed this one.
        return Results.Bytes(HistoryJson.Write(session, data!, version), "application/json");
    }
}
