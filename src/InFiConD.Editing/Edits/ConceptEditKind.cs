namespace InFiConD.Editing;

/// <summary>
/// What a <see cref="ConceptEdit"/> does to one weight w⁰ (standardised units) of one class's student. The intervals
/// below are those of a converged refit (<see cref="EditRefit.Converged"/>, the default), which hold however long the
/// refit runs; the paper's fixed-epoch mode (<see cref="EditRefit.FixedEpochs"/>) brackets the weight between w⁰ and its
/// tuned value instead.
/// </summary>
public enum ConceptEditKind
{
    /// <summary>Raise the concept's influence by x: |w| at least x·|w̃⁰|, sign kept (w̃⁰ = ±ε when |w⁰| &lt; ε).</summary>
    Uptune,

    /// <summary>Lower the concept's influence by x: |w| at most |w⁰|/x, sign kept; it may reach 0.</summary>
    Downtune,

    /// <summary>Drop the concept from the class: the weight is fixed at 0.</summary>
    Remove,

    /// <summary>Keep the weight as it is through later refits: the weight is fixed at w⁰.</summary>
    Lock,

    /// <summary>Lift the constraint an earlier edit put on the weight; the weight is free again in the refit.</summary>
    Release,

    /// <summary>Fix the weight at a given value (<see cref="ConceptEdit.Value"/>, standardised units).</summary>
    Set,

    /// <summary>Keep the weight inside a given interval (<see cref="ConceptEdit.Lower"/>, <see cref="ConceptEdit.Upper"/>, standardised units).</summary>
    Bound,
}
