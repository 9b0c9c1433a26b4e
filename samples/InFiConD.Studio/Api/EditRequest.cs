using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>The body of <c>POST /api/edits</c>: the library's own edit records, applied together, and the refit's epochs.</summary>
/// <param name="Edits">The edits.</param>
/// <param name="Epochs">The refit's epoch budget (5 when absent).</param>
internal sealed record EditRequest(IReadOnlyList<ConceptEdit>? Edits, int? Epochs);
