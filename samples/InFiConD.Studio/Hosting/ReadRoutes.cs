using InFiConD.Analysis;
using InFiConD.Students;

namespace InFiConD.Studio;

/// <summary>
/// The routes that read: state, configuration, metrics, the misalignment report, weights, explanations, true classes,
/// where concepts were found and concept examples (pictures are in <see cref="ImageRoutes"/>). Everything that describes images takes
/// <c>?split=</c> (the training images when absent). Library records go out through the library's own JSON contexts.
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

        app.MapGet("/api/config", (StudioWorkspace ws, string? split) => OnSplit(ws, split,
            (session, data) => Results.Json(ConfigurationView.Describe(ws, session, data), StudioJsonContext.Default.StudioConfiguration)));

        app.MapGet("/api/fidelity", (StudioWorkspace ws, string? split) => OnSplit(ws, split,
            (session, data) => Results.Json(session.MeasureFidelity(data.Name), InFiConDJsonContext.Default.Fidelity)));

        app.MapGet("/api/report", (StudioWorkspace ws, string? split) => OnSplit(ws, split,
            (session, data) => Results.Json(ws.Report(session, data.Name), AnalysisJsonContext.Default.MisalignmentReport)));

        // The library's weight table: per class, concepts by |weight| with raw weights and bootstrap spread.
        app.MapGet("/api/students", (StudioWorkspace ws) => ws.Session is { } session
            ? Results.Content(StudentTable.ToJson(session.Students, includeZeros: true), "application/json")
            : ApiResults.NotReady(ws));

        app.MapGet("/api/bounds", (StudioWorkspace ws) => ws.Session is { } session
            ? Results.Json(session.Current.ActiveBounds, InFiConDJsonContext.Default.IReadOnlyListWeightBounds)
            : ApiResults.NotReady(ws));

        app.MapGet("/api/explain", (StudioWorkspace ws, string? id, string? split) => OnImage(ws, id, split,
            (session, data) => Results.Json(session.Explain(id!, data.Name), AnalysisJsonContext.Default.InstanceExplanation)));

        // Where each concept was found: kept by the session and its file, so a session opened from a file has it too.
        app.MapGet("/api/segments", (StudioWorkspace ws, string? id, string? split) => OnImage(ws, id, split,
            (session, data) => Results.Json(session.Locate(id!, data.Name), InFiConDJsonContext.Default.ConceptLocations)));

        app.MapGet("/api/examples", (StudioWorkspace ws, string? concept, string? split) => OnSplit(ws, split, (session, data) =>
        {
            if (string.IsNullOrEmpty(concept))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "Give the concept with ?concept=.");
            }
            var examples = ws.Examples(session, data.Name).FirstOrDefault(e => string.Equals(e.ConceptName, concept, StringComparison.Ordinal));
            return examples is null
                ? ApiResults.Error(StatusCodes.Status404NotFound, $"There is no concept '{concept}' in this session.")
                : Results.Json(examples, AnalysisJsonContext.Default.ConceptExamples);
        }));

        ImageRoutes.Map(app);
    }

    /// <summary>Answers a read on the split named by <c>?split=</c>: 503 while building, 400 for an unknown split.</summary>
    public static IResult OnSplit(StudioWorkspace ws, string? split, Func<DistillationSession, DataSplit, IResult> answer)
    {
        if (ws.Session is not { } session)
        {
            return ApiResults.NotReady(ws);
        }
        var (data, failure) = SplitQuery.Resolve(session, split);
        return failure ?? answer(session, data!);
    }

    /// <summary>Answers a read about one image of the split: 400 without <c>?id=</c>, 404 for an id not in the split.</summary>
    public static IResult OnImage(StudioWorkspace ws, string? id, string? split, Func<DistillationSession, DataSplit, IResult> answer) =>
        OnSplit(ws, split, (session, data) => string.IsNullOrEmpty(id)
            ? ApiResults.Error(StatusCodes.Status400BadRequest, "Give the image with ?id=.")
            : data.Scores.IndexOfImage(id) < 0 ? UnknownImage(id, data) : answer(session, data));

    /// <summary>The 404 for an id that is not one of the split's images (another split's id included).</summary>
    public static IResult UnknownImage(string id, DataSplit split) =>
        ApiResults.Error(StatusCodes.Status404NotFound, $"There is no image '{id}' in this session's {split.Name} split.");
}
