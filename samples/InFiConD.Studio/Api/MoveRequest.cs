namespace InFiConD.Studio;

/// <summary>The body of <c>POST /api/undo</c> and <c>POST /api/redo</c>.</summary>
/// <param name="ExpectedVersion">The version the page shows; when given and the session has moved on, nothing moves and the answer is 409.</param>
internal sealed record MoveRequest(string? ExpectedVersion);
