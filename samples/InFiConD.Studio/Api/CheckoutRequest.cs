namespace InFiConD.Studio;

/// <summary>The body of <c>POST /api/checkout</c>: the version to make current (the next edit branches from it).</summary>
/// <param name="VersionId">The version's id, e.g. <c>v0</c>.</param>
internal sealed record CheckoutRequest(string? VersionId);
