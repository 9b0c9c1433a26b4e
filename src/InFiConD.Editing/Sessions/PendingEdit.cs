using InFiConD.Core;

namespace InFiConD.Editing;

/// <summary>An edit computed on a version but not committed: what a preview shows and a commit logs.</summary>
internal sealed record PendingEdit(
    SessionVersion Parent,
    ConceptEdit[] Edits,
    EditPlan Plan,
    RefitOutcome Outcome,
    FloatMatrix[] Logits,
    EditMetrics[] Metrics,
    ClassChange[] Changes,
    RefitRecord Refit);
