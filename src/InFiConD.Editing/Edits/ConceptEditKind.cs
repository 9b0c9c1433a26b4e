namespace InFiConD.Editing;

/// <summary>What a <see cref="ConceptEdit"/> does to one weight w⁰ (standardised units) of one class's student.</summary>
public enum ConceptEditKind
{
    /// <summary>Raise the concept's influence: the weight is bounded between w⁰ and x·w⁰ and starts at x·w⁰.</summary>
    Uptune,

    /// <summary>Lower the concept's influence: the weight is bounded between w⁰/x and w⁰ and starts at w⁰/x.</summary>
    Downtune,

    /// <summary>Drop the concept from the class: the weight is fixed at 0.</summary>
    Remove,

    /// <summary>Keep the weight as it is through later refits: the weight is fixed at w⁰.</summary>
    Lock,

    /// <summary>Lift the constraint an earlier edit put on the weight; the weight is free again in the refit.</summary>
    Release,
}
