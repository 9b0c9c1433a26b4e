using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>
/// "Simpler students": <c>POST /api/path</c> fits the students at a series of L1 strengths as a job (the library's
/// <see cref="DistillationSession.FitPathAsync"/>; nothing changes), <c>GET /api/path</c> answers the library's
/// <see cref="RegularizationPath"/> of the current version once fitted (204 before). A point is previewed and adopted
/// through <c>POST /api/preview</c> and <c>POST /api/edits</c> with <c>{"edits":[],"lambda":…}</c>.
/// </summary>
internal static class PathRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/path", async (StudioWorkspace ws, HttpRequest request) =>
        {
            if (ws.Session is not { } session)
            {
                return ApiResults.NotReady(ws);
            }
            var (body, failure) = await ApiResults.ReadAsync(request, StudioJsonContext.Default.PathRequest).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
            if (body!.VersionId is { } shown && shown != session.Current.Id)
            {
                return ApiResults.Error(StatusCodes.Status409Conflict, new StaleVersionException(shown, session.Current.Id).Message);
            }
            var version = body.VersionId ?? session.Current.Id;
            var job = ws.Jobs.TryStart("Find simpler students", 0, async (progress, cancellationToken) =>
            {
                // The job board refuses edits and moves while this runs; one could only slip in before it started.
                if (session.Current.Id != version)
                {
                    throw new StaleVersionException(version, session.Current.Id);
                }
                progress.Report(new JobStatus("", "", "running", "Fitting the students at 12 strengths of the L1 penalty", 0, 0, null, null));
                var path = await session.FitPathAsync(count: 12, cancellationToken: cancellationToken).ConfigureAwait(false);
                ws.Keep(version, path);
                return version;
            });
            return job is null
                ? ApiResults.Error(StatusCodes.Status409Conflict, "A refit is running; wait for it to finish.")
                : Results.Json(job, StudioJsonContext.Default.JobStatus, statusCode: StatusCodes.Status202Accepted);
        });

        // 204 until fitted, as the diagnosis: the page asks on every load.
        app.MapGet("/api/path", (StudioWorkspace ws) => ws.Session is not { } session
            ? ApiResults.NotReady(ws)
            : ws.PathOf(session.Current.Id) is { } path
                ? Results.Json(path, InFiConDJsonContext.Default.RegularizationPath)
                : Results.NoContent());
    }
}
