namespace InFiConD.Studio;

/// <summary>The body of <c>POST /api/path</c>.</summary>
/// <param name="VersionId">The version the page shows; when given and the session has moved on, the request is refused with 409.</param>
internal sealed record PathRequest(string? VersionId);
