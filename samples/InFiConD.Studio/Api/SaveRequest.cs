namespace InFiConD.Studio;

/// <summary>The body of <c>POST /api/save</c>: a file name (letters, digits, '-', '_'; no folder), saved under the output folder.</summary>
/// <param name="Name">The name without extension.</param>
internal sealed record SaveRequest(string? Name);
