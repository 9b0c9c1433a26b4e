using InFiConD.Analysis;
using InFiConD.Students;

namespace InFiConD.Studio;

/// <summary>
/// The routes that read: state, configuration, metrics, the misalignment report, weights, explanations, concept
/// examples, segment layouts and images. Library records go out through the library's own JSON contexts.
/// </summary>
internal static class ReadRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/state", (StudioWorkspace ws) =>
        {
            var session = ws.Session;
            var status = session is not null ? "ready" : ws.Error is not null ? "failed" : "building";
            return Results.Json(new StudioState(status, ws.Build, ws.Error, ws.Mode, ws.Images is not null, session?.Current.Id,
                session?.CanUndo ?? false, session?.CanRedo ?? false, ws.Jobs.Latest), StudioJsonContext.Default.StudioState);
        });

        app.MapGet("/api/config", (StudioWorkspace ws) => ws.Session is { } session
            ? Results.Json(Configuration(ws, session), StudioJsonContext.Default.StudioConfiguration)
            : ApiResults.NotReady(ws));

        app.MapGet("/api/fidelity", (StudioWorkspace ws) => ws.Session is { } session
            ? Results.Json(session.MeasureFidelity(), StudioJsonContext.Default.Fidelity)
            : ApiResults.NotReady(ws));

        app.MapGet("/api/report", (StudioWorkspace ws) => ws.Session is { } session
            ? Results.Json(ws.Report(session.Current), AnalysisJsonContext.Default.MisalignmentReport)
            : ApiResults.NotReady(ws));

        // The library's weight table: per class, concepts by |weight| with raw weights and bootstrap spread.
        app.MapGet("/api/students", (StudioWorkspace ws) => ws.Session is { } session
            ? Results.Content(StudentTable.ToJson(session.Students, includeZeros: true), "application/json")
            : ApiResults.NotReady(ws));

        app.MapGet("/api/bounds", (StudioWorkspace ws) => ws.Session is { } session
            ? Results.Json(session.Current.ActiveBounds, StudioJsonContext.Default.IReadOnlyListWeightBounds)
            : ApiResults.NotReady(ws));

        app.MapGet("/api/explain", (StudioWorkspace ws, string? id) =>
        {
            if (ws.Session is not { } session)
            {
                return ApiResults.NotReady(ws);
            }
            if (string.IsNullOrEmpty(id))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "Give the image with ?id=.");
            }
            return session.Scores.IndexOfImage(id) < 0
                ? ApiResults.Error(StatusCodes.Status404NotFound, $"There is no image '{id}' in this session.")
                : Results.Json(session.Explain(id), AnalysisJsonContext.Default.InstanceExplanation);
        });

        app.MapGet("/api/examples", (StudioWorkspace ws, string? concept) =>
        {
            if (ws.Session is null)
            {
                return ApiResults.NotReady(ws);
            }
            if (string.IsNullOrEmpty(concept))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "Give the concept with ?concept=.");
            }
            var examples = ws.Examples.FirstOrDefault(e => string.Equals(e.ConceptName, concept, StringComparison.Ordinal));
            return examples is null
                ? ApiResults.Error(StatusCodes.Status404NotFound, $"There is no concept '{concept}' in this session.")
                : Results.Json(examples, AnalysisJsonContext.Default.ConceptExamples);
        });

        app.MapGet("/api/segments", (StudioWorkspace ws, string? id) =>
        {
            if (ws.Session is not { } session)
            {
                return ApiResults.NotReady(ws);
            }
            if (ws.Images is not { } images)
            {
                return ApiResults.NoImages();
            }
            if (string.IsNullOrEmpty(id))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "Give the image with ?id=.");
            }
            var row = session.Scores.IndexOfImage(id);
            if (row < 0)
            {
                return ApiResults.Error(StatusCodes.Status404NotFound, $"There is no image '{id}' in this session.");
            }
            var scores = session.Scores;
            int[]? best = scores.HasBestSegment ? [.. Enumerable.Range(0, scores.ConceptCount).Select(j => scores.BestSegmentOf(row, j))] : null;
            return Results.Json(new SegmentLayout(id, images.ImageSize, images.ImageSize, images.SegmentBoxes(), best), StudioJsonContext.Default.SegmentLayout);
        });

        // Images by id only: the id must be one of the session's images, so no request names a file.
        app.MapGet("/api/image", (StudioWorkspace ws, string? id) =>
        {
            if (ws.Images is not { } images)
            {
                return ApiResults.NoImages();
            }
            if (string.IsNullOrEmpty(id))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "Give the image with ?id=.");
            }
            return images.Png(id) is { } png
                ? Results.Bytes(png, "image/png")
                : ApiResults.Error(StatusCodes.Status404NotFound, $"There is no image '{id}' in this session.");
        });
    }

    private static StudioConfiguration Configuration(StudioWorkspace ws, DistillationSession session)
    {
        var students = session.Students;
        var classes = students.ClassNames;
        var teacher = session.Teacher.AlignTo(session.Scores.ImageIds).PredictedLabels;
        var student = students.PredictLabels(session.Scores);
        var truth = session.GroundTruth;
        var balance = classes.Select((name, k) => new ClassBalance(name,
            truth?.Count(t => t == k), teacher.Count(t => t == k), student.Count(s => s == k))).ToArray();
        double? accuracy = truth is null ? null : (double)teacher.Where((t, i) => t == truth[i]).Count() / Math.Max(1, truth.Count);
        var options = session.Editing.Options.Students;
        return new StudioConfiguration(ws.Mode, ws.Options.SessionFile is { } file ? Path.GetFileName(file) : null, session.Metadata,
            session.Scores.ImageCount, classes, students.ConceptNames, balance, accuracy, options.Solver.L1, options.Targets.ToString(),
            students.Spread?.Members ?? 0, ws.Images is not null, ws.Images?.ImageSize ?? 0, ws.Images?.SegmentBoxes(), session.Failures.Count, EditValidation.Limits);
    }
}
