using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>The body of <c>POST /api/edits</c>: the library's own edit records, applied together, and optionally the paper's refit epochs.</summary>
/// <param name="Edits">The edits.</param>
/// <param name="Epochs">The paper's fixed-epoch refit; absent (the default) for a refit to convergence, whose caps hold whatever the budget.</param>
/// <param name="VersionId">The version the edits were chosen on (a diagnosis's proposal names it); when given and the session has
/// moved on, the request is refused with 409 rather than applied to students it was not measured on.</param>
internal sealed record EditRequest(IReadOnlyList<ConceptEdit>? Edits, int? Epochs, string? VersionId = null);
