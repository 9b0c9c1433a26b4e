using System.Globalization;
using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>
/// The diagnosis routes: <c>POST /api/diagnosis</c> checks the suspects' fixes with real refits as a job (progress per
/// measured fix, cancellable; previews only, nothing changes), <c>GET /api/diagnosis</c> answers the library's
/// <see cref="ShortcutDiagnosis"/> of the current version on a split once checked. A proposal is applied through
/// <c>POST /api/edits</c> with its edits and the diagnosed version.
/// </summary>
internal static class DiagnosisRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/diagnosis", async (StudioWorkspace ws, HttpRequest request) =>
        {
            if (ws.Session is not { } session)
            {
                return ApiResults.NotReady(ws);
            }
            var (body, failure) = await ApiResults.ReadAsync(request, StudioJsonContext.Default.DiagnosisRequest).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
            var (data, splitFailure) = Resolve(session, body!.Split);
            if (splitFailure is not null)
            {
                return splitFailure;
            }
            // The library's diagnosis takes no expected version: the Studio refuses one made on a version it has left
            // itself, in the library's words for the same refusal of an edit.
            if (body.VersionId is { } shown && shown != session.Current.Id)
            {
                return ApiResults.Error(StatusCodes.Status409Conflict, new StaleVersionException(shown, session.Current.Id).Message);
            }
            var split = data!.Name;
            var version = body.VersionId ?? session.Current.Id;
            var job = ws.Jobs.TryStart($"Check fixes on {split}", 0, async (progress, cancellationToken) =>
            {
                // The job board refuses moves while this runs; one could only slip in before it started.
                if (session.Current.Id != version)
                {
                    throw new StaleVersionException(version, session.Current.Id);
                }
                var diagnosis = await session.DiagnoseAsync(split, StudioWorkspace.Diagnosis, new Forward<DiagnosisProgress>(p => progress.Report(
                    new JobStatus("", "", "running", Step(p), p.Done, p.Total, null, null))), cancellationToken).ConfigureAwait(false);
                ws.Keep(diagnosis);
                return diagnosis.VersionId;
            });
            return job is null
                ? ApiResults.Error(StatusCodes.Status409Conflict, "A refit is running; wait for it to finish.")
                : Results.Json(job, StudioJsonContext.Default.JobStatus, statusCode: StatusCodes.Status202Accepted);
        });

        // 204 until checked, not 404: the page asks on every load, and "not checked yet" is an answer, not an error.
        app.MapGet("/api/diagnosis", (StudioWorkspace ws, string? split) =>
        {
            if (ws.Session is not { } session)
            {
                return ApiResults.NotReady(ws);
            }
            var (data, failure) = Resolve(session, split);
            if (failure is not null)
            {
                return failure;
            }
            return ws.DiagnosisOf(session.Current.Id, data!.Name) is { } diagnosis
                ? Results.Json(diagnosis, EditingJsonContext.Default.ShortcutDiagnosis)
                : Results.NoContent();
        });
    }

    /// <summary>The named split, or the library's diagnosis split when none is named.</summary>
    private static (InFiConD.Students.DataSplit? Split, IResult? Failure) Resolve(DistillationSession session, string? split) =>
        SplitQuery.Resolve(session, string.IsNullOrEmpty(split) ? session.DiagnosisSplit : split);

    private static string Step(DiagnosisProgress p) => p.Current is { } current
        ? string.Create(CultureInfo.InvariantCulture, $"Measuring fix {p.Done + 1} of {p.Total}: {current}")
        : string.Create(CultureInfo.InvariantCulture, $"Measured {p.Done} of {p.Total} fixes");
}
