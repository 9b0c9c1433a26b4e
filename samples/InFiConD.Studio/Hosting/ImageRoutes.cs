namespace InFiConD.Studio;

/// <summary>
/// The route that serves pictures as PNG, by split and id: a ConceptWorld scene, or one of the user's images. Only ids of
/// the named split are served (never a path), and only for a session built here: session files keep scores, not images.
/// </summary>
internal static class ImageRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // Images by split and id only: the id must be one of that split's images, so no request names a file.
        app.MapGet("/api/image", (StudioWorkspace ws, string? id, string? split) => ws.Images is not { } images
            ? ApiResults.NoImages()
            // The session's split (its images that were encoded and scored), rendered from the world or decoded from the folder.
            : ReadRoutes.OnImage(ws, id, split, (_, data) => images.Png(data.Name, id!) is { } png
                ? Results.Bytes(png, "image/png")
                : ReadRoutes.UnknownImage(id!, data)));
    }
}
