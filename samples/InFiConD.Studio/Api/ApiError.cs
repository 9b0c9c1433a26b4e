namespace InFiConD.Studio;

/// <summary>What went wrong with a request, in words the page shows as they are.</summary>
/// <param name="Error">The message.</param>
internal sealed record ApiError(string Error);
