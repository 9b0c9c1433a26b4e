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
    RefitRecord Refit)
{
    /// <summary>The parent's λ when the edit changes it; null when it keeps it.</summary>
    public double? PreviousLambda { get; init; }
}
