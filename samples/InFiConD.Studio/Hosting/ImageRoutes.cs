namespace InFiConD.Studio;

/// <summary>
/// The routes that serve pictures: a scene as PNG and its segment layout, by split and id. Only ids of the named split
/// are served (never a path), and only for a session built from ConceptWorld: session files keep scores, not images.
/// </summary>
internal static class ImageRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/segments", (StudioWorkspace ws, string? id, string? split) => ReadRoutes.OnSplit(ws, split, (session, data) =>
        {
            if (ws.Images is not { } images)
            {
                return ApiResults.NoImages();
            }
            if (string.IsNullOrEmpty(id))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "Give the image with ?id=.");
            }
            var scores = data.Scores;
            var row = scores.IndexOfImage(id);
            if (row < 0)
            {
                return ReadRoutes.UnknownImage(id, data);
            }
            int[]? best = scores.HasBestSegment ? [.. Enumerable.Range(0, scores.ConceptCount).Select(j => scores.BestSegmentOf(row, j))] : null;
            return Results.Json(new SegmentLayout(id, images.ImageSize, images.ImageSize, images.SegmentBoxes(), best), StudioJsonContext.Default.SegmentLayout);
        }));

        // Images by split and id only: the id must be one of that split's images, so no request names a file.
        app.MapGet("/api/image", (StudioWorkspace ws, string? id, string? split) =>
        {
            if (ws.Images is not { } images)
            {
                return ApiResults.NoImages();
            }
            return ReadRoutes.OnSplit(ws, split, (session, data) =>
            {
                if (string.IsNullOrEmpty(id))
                {
                    return ApiResults.Error(StatusCodes.Status400BadRequest, "Give the image with ?id=.");
                }
                // The session's split (its images that were encoded and scored), rendered from the world's split.
                return data.Scores.IndexOfImage(id) >= 0 && images.Png(data.Name, id) is { } png
                    ? Results.Bytes(png, "image/png")
                    : ReadRoutes.UnknownImage(id, data);
            });
        });
    }
}
