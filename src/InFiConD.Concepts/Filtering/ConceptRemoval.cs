namespace InFiConD.Concepts;

/// <summary>One concept a filter removed, and why.</summary>
/// <param name="Concept">The removed concept.</param>
/// <param name="Reason">The first rule that applied.</param>
/// <param name="Detail">A readable explanation, such as the length found or the class name matched.</param>
public sealed record ConceptRemoval(Concept Concept, ConceptRemovalReason Reason, string Detail);
