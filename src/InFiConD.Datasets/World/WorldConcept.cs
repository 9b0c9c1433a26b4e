namespace InFiConD.Datasets;

/// <summary>One text-labelled concept of a <see cref="ConceptWorld"/>.</summary>
/// <param name="Name">The concept's name, also its text label (for example "sail" or "water").</param>
/// <param name="Kind">Whether it is a part, a colour, a texture or a background.</param>
/// <param name="Description">One line saying when the concept is present.</param>
public sealed record WorldConcept(string Name, ConceptKind Kind, string Description);
