namespace InFiConD.Studio;

/// <summary>A long operation (an edit's refit, a diagnosis) the page polls.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Kind">What it does, in words.</param>
/// <param name="State"><c>running</c>, <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Step">The current step.</param>
/// <param name="Done">Units done (epochs for a refit, measured fixes for a diagnosis).</param>
/// <param name="Total">Units in all.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="VersionId">The version an edit created, or the version a diagnosis describes.</param>
internal sealed record JobStatus(string Id, string Kind, string State, string Step, int Done, int Total, string? Error, string? VersionId);
