using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>
/// What an edit would do, before it is kept: <c>POST /api/preview</c> takes the same <see cref="EditRequest"/> as
/// <c>POST /api/edits</c>, checked the same way, and answers the library's <see cref="EditPreview"/> (the same refit, to
/// the same bits, as applying it; nothing is logged). It runs while the request lasts: a page that leaves cancels it.
/// </summary>
internal static class PreviewRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/preview", async (StudioWorkspace ws, HttpRequest request) =>
        {
            var (session, body, failure) = await EditValidation.ReadAsync(ws, request).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
            // The library would queue the preview behind the running job and then measure it on the version that job made.
            if (ws.Jobs.Busy)
            {
                return ApiResults.Error(StatusCodes.Status409Conflict, "A refit is running; wait for it to finish.");
            }
            try
            {
                var preview = await session!.PreviewAsync(body!, request.HttpContext.RequestAborted).ConfigureAwait(false);
                return Results.Json(preview, InFiConDJsonContext.Default.EditPreview);
            }
            catch (StaleVersionException e)
            {
                return ApiResults.Error(StatusCodes.Status409Conflict, e.Message);
            }
            catch (InvalidEditException e)
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, ErrorText.Of(e));
            }
        });
    }
}
