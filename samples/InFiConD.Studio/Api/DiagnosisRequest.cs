namespace InFiConD.Studio;

/// <summary>The body of <c>POST /api/diagnosis</c>.</summary>
/// <param name="Split">The split to diagnose; absent for the library's <see cref="DistillationSession.DiagnosisSplit"/>.</param>
/// <param name="VersionId">The version the page shows; when given and the session has moved on, the request is refused with 409.</param>
internal sealed record DiagnosisRequest(string? Split, string? VersionId);
