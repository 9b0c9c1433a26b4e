using System.Globalization;
using System.Text.RegularExpressions;
using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>
/// The routes that change the session: edits (the library's <see cref="EditRequest"/>, queued as a job with per-epoch
/// progress; any job can be cancelled; previewed first with <see cref="PreviewRoutes"/>), moves (<see cref="MoveRoutes"/>),
/// diffs, the provenance log (as a list and as a tree) and saving. Every
/// change goes through the library.
/// </summary>
internal static partial class EditRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/edits", async (StudioWorkspace ws, HttpRequest request) =>
        {
            var (session, body, failure) = await EditValidation.ReadAsync(ws, request).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
            var refit = body!.Refit ?? EditRefit.Converged;
            var description = string.Join("; ", body.Edits.Select(e => e.Description)
                .Prepend(body.Lambda is { } lambda ? string.Create(CultureInfo.InvariantCulture, $"refit at λ = {lambda:G4}") : null).OfType<string>());
            // A converged refit has no known length (its cap is only a safety net): its progress shows the objective's
            // change against the tolerance, with an open-ended bar.
            var job = ws.Jobs.TryStart(description, refit.Epochs ?? 0, async (progress, cancellationToken) =>
            {
                // The library checks the expected version again under its lock: a move that slips in between the check
                // above and the refit fails the job with its StaleVersionException rather than editing another version.
                var result = await session!.EditAsync(body, new Forward<EditProgress>(p => progress.Report(new JobStatus("", "", "running",
                    RefitStep(p), p.Epoch, p.Tolerance is null ? p.Epochs : 0, null, null))), cancellationToken).ConfigureAwait(false);
                // The new version's reports are what the page asks for next (on whichever split it shows): have them ready.
                foreach (var split in session.Splits)
                {
                    ws.Report(session, split.Name);
                }
                return result.VersionId;
            });
            return job is null
                ? ApiResults.Error(StatusCodes.Status409Conflict, "A refit is running; wait for it to finish.")
                : Results.Json(job, StudioJsonContext.Default.JobStatus, statusCode: StatusCodes.Status202Accepted);
        });

        app.MapGet("/api/jobs/{id}", (StudioWorkspace ws, string id) => ws.Jobs.Find(id) is { } job
            ? Results.Json(job, StudioJsonContext.Default.JobStatus)
            : ApiResults.Error(StatusCodes.Status404NotFound, $"There is no job '{id}'."));

        app.MapPost("/api/jobs/{id}/cancel", (StudioWorkspace ws, string id) =>
        {
            if (ws.Jobs.Find(id) is not { } job)
            {
                return ApiResults.Error(StatusCodes.Status404NotFound, $"There is no job '{id}'.");
            }
            return ws.Jobs.Cancel(id) is { } cancelling
                ? Results.Json(cancelling, StudioJsonContext.Default.JobStatus, statusCode: StatusCodes.Status202Accepted)
                : ApiResults.Error(StatusCodes.Status409Conflict, $"Job '{id}' is not running (it {job.State}); there is nothing to cancel.");
        });

        app.MapGet("/api/history", (StudioWorkspace ws, string? split) => ReadRoutes.OnSplit(ws, split,
            (session, data) => Results.Bytes(HistoryJson.Write(session, data, session.Current), "application/json")));

        // The versions as the tree a page draws (branches included), the current one marked.
        app.MapGet("/api/history/tree", (StudioWorkspace ws) => ws.Session is { } session
            ? Results.Json(session.HistoryTree(), InFiConDJsonContext.Default.HistoryNode)
            : ApiResults.NotReady(ws));

        MoveRoutes.Map(app);
        PreviewRoutes.Map(app);

        app.MapGet("/api/diff", (StudioWorkspace ws, string? from, string? to, string? split) => ReadRoutes.OnSplit(ws, split, (session, data) =>
        {
            foreach (var (name, id) in new[] { ("from", from), ("to", to) })
            {
                if (!Exists(session, id))
                {
                    return ApiResults.Error(StatusCodes.Status400BadRequest, $"'{name}' must be a version; got '{id}'. The versions are {Versions(session)}.");
                }
            }
            return Results.Json(session.Diff(from!, to!, data.Name), EditingJsonContext.Default.VersionDiff);
        }));

        app.MapPost("/api/save", async (StudioWorkspace ws, HttpRequest request) =>
        {
            if (ws.Session is not { } session)
            {
                return ApiResults.NotReady(ws);
            }
            var (body, failure) = await ApiResults.ReadAsync(request, StudioJsonContext.Default.SaveRequest).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
            // A bare name, never a path: the file always lands in the output folder.
            if (body!.Name is not { } name || !SafeName().IsMatch(name))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, $"'name' must be 1 to 64 letters, digits, '-' or '_' (no folder, no extension); got '{body.Name}'.");
            }
            var folder = Path.GetFullPath(ws.Options.OutputDirectory);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, name + ".infcd");
            await session.SaveAsync(path, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return Results.Json(new SaveResult(Path.GetFileName(path), new FileInfo(path).Length), StudioJsonContext.Default.SaveResult);
        });
    }

    private static bool Exists(DistillationSession session, string? id) =>
        id is not null && (id == ProvenanceLog.RootId || session.History.Find(id) is not null);

    private static string Versions(DistillationSession session) =>
        string.Join(", ", new[] { ProvenanceLog.RootId }.Concat(session.History.Entries.Select(e => e.Id)));

    // \A and \z: '$' would also match before a final newline, letting "ok\n" through.
    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex SafeName();

    private static string RefitStep(EditProgress p) => p.Stage switch
    {
        EditStage.Queued => "Waiting for the change before this one",
        EditStage.Planning => "Planning the edit",
        EditStage.Committed => "Edit logged",
        _ => p.Tolerance is { } tolerance
            ? string.Create(CultureInfo.InvariantCulture, $"Refit iteration {p.Epoch}: objective change {p.RelativeChange:0.#e+0}, done below {tolerance:0.#e+0}")
            : string.Create(CultureInfo.InvariantCulture, $"Refit epoch {p.Epoch} of {p.Epochs}"),
    };
}
