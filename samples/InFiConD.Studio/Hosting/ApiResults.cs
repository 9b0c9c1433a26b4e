using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace InFiConD.Studio;

/// <summary>Shared pieces of the routes: error bodies, the not-ready answer and reading JSON bodies with clear messages.</summary>
internal static class ApiResults
{
    /// <summary>An <see cref="ApiError"/> with the status code.</summary>
    public static IResult Error(int statusCode, string message) =>
        Results.Json(new ApiError(message), StudioJsonContext.Default.ApiError, statusCode: statusCode);

    /// <summary>The answer while the session is building, or after the build failed.</summary>
    public static IResult NotReady(StudioWorkspace workspace) => workspace.Error is { } error
        ? Error(StatusCodes.Status503ServiceUnavailable, $"The session could not be built: {error}")
        : Error(StatusCodes.Status503ServiceUnavailable, $"The session is still being built ({workspace.Build.Step}).");

    /// <summary>The answer for image routes of a session opened from a file.</summary>
    public static IResult NoImages() =>
        Error(StatusCodes.Status404NotFound, "This session was opened from a file: session files keep concept scores, not images, so there are no images to show.");

    /// <summary>Reads a JSON body; on failure the second value is the 4xx answer to return.</summary>
    public static async Task<(T? Value, IResult? Failure)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Error(StatusCodes.Status415UnsupportedMediaType, "Send the body as JSON (Content-Type: application/json)."));
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, Error(StatusCodes.Status400BadRequest, "The body is empty; send a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Error(StatusCodes.Status400BadRequest, $"The body is not a valid request: {e.Message}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Error(StatusCodes.Status413PayloadTooLarge, $"The body is larger than the limit of {StudioHost.MaxBodyBytes / 1024} KiB."));
        }
    }
}
