namespace InFiConD.Datasets;

/// <summary>One object class of a <see cref="ConceptWorld"/>.</summary>
/// <param name="Name">The class name, for example "boat".</param>
/// <param name="Parts">The class's part concepts, in drawing order (back to front).</param>
/// <param name="CueBackground">The background planted with the class in the train and test splits (boat: "water").</param>
public sealed record WorldClass(string Name, IReadOnlyList<string> Parts, string CueBackground);
