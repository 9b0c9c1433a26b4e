using System.Globalization;
using System.Text.RegularExpressions;
using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>
/// The routes that change the session: edits (queued as a job with per-epoch progress; any job can be cancelled), undo,
/// redo, checkout (the next edit then branches), diffs, the provenance log and saving. Every change goes through the library.
/// </summary>
internal static partial class EditRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/edits", async (StudioWorkspace ws, HttpRequest request) =>
        {
            if (ws.Session is not { } session)
            {
                return ApiResults.NotReady(ws);
            }
            var (body, failure) = await ApiResults.ReadAsync(request, StudioJsonContext.Default.EditRequest).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
            if (EditValidation.Problem(body!, session) is { } problem)
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, problem);
            }
            if (Stale(session, body!.VersionId) is { } stale)
            {
                return stale;
            }
            var edits = body.Edits!;
            var refit = EditValidation.Refit(body);
            var description = string.Join("; ", edits.Select(e => e.Description));
            // A converged refit has no known length (its cap is only a safety net): its progress shows the objective's
            // change against the tolerance, with an open-ended bar.
            var job = ws.Jobs.TryStart(description, refit.Epochs ?? 0, async (progress, cancellationToken) =>
            {
                // The library checks the expected version again under its lock: an undo that slips in between the check
                // above and the refit fails the job with StaleVersionException rather than editing another version.
                var result = await session.EditAsync(edits, body.VersionId, refit, new Forward<EditProgress>(p => progress.Report(new JobStatus("", "", "running",
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
            (session, data) => Results.Bytes(HistoryJson.Write(session, data), "application/json")));

        app.MapPost("/api/undo", (StudioWorkspace ws, string? split) => Move(ws, split, s => s.CanUndo ? null : "There is nothing to undo: the current version is the base students.", s => s.Undo()));
        app.MapPost("/api/redo", (StudioWorkspace ws, string? split) => Move(ws, split, s => s.CanRedo ? null : "There is nothing to redo: the current version has no later version.", s => s.Redo()));

        app.MapPost("/api/checkout", async (StudioWorkspace ws, HttpRequest request, string? split) =>
        {
            if (ws.Session is null)
            {
                return ApiResults.NotReady(ws);
            }
            var (body, failure) = await ApiResults.ReadAsync(request, StudioJsonContext.Default.CheckoutRequest).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
            var id = body!.VersionId;
            if (string.IsNullOrEmpty(id))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "Give the version to check out in 'versionId'.");
            }
            if (!Exists(ws.Session, id))
            {
                return ApiResults.Error(StatusCodes.Status404NotFound, $"There is no version '{id}'; the versions are {Versions(ws.Session)}.");
            }
            return Move(ws, split, _ => null, s => s.Editing.Checkout(id));
        });

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

    /// <summary>
    /// Checks and makes a move under one lock, the job board's: simultaneous moves run one after another, each checked
    /// against the version the previous one left (the losers of a race get 409, never the library's "nothing to undo"),
    /// and no refit starts between the check and the move. Answers the history after the move on <paramref name="split"/>
    /// (an unknown split is refused before anything moves).
    /// </summary>
    private static IResult Move(StudioWorkspace ws, string? split, Func<DistillationSession, string?> problem, Action<DistillationSession> move)
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
        return ws.Jobs.RunWhileIdle(() =>
        {
            if (problem(session) is { } message)
            {
                return ApiResults.Error(StatusCodes.Status409Conflict, message);
            }
            move(session);
            return Results.Bytes(HistoryJson.Write(session, data!), "application/json");
        }) ?? ApiResults.Error(StatusCodes.Status409Conflict, "A refit is running; wait for it to finish.");
    }

    /// <summary>The 409 for a request chosen on a version the session has left, or <see langword="null"/> when it is current or unnamed.</summary>
    public static IResult? Stale(DistillationSession session, string? versionId) =>
        versionId is not null && versionId != session.Current.Id
            ? ApiResults.Error(StatusCodes.Status409Conflict, StaleMessage(versionId, session.Current.Id))
            : null;

    public static string StaleMessage(string expected, string current) =>
        $"The request was made on version '{expected}' but the session is now at '{current}'; look again at the current version before changing it.";

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
