namespace InFiConD.Studio;

/// <summary>The body of <c>POST /api/checkout</c>: the version to make current (the next edit branches from it).</summary>
/// <param name="VersionId">The version's id, e.g. <c>v0</c>.</param>
/// <param name="ExpectedVersion">The version the page shows; when given and the session has moved on, nothing moves and the answer is 409.</param>
internal sealed record CheckoutRequest(string? VersionId, string? ExpectedVersion);
