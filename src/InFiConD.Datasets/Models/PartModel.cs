namespace InFiConD.Datasets;

/// <summary>One part of an object model: its concept name and, unless it takes the object's colour and texture, its own colour.</summary>
/// <param name="Name">The part concept's name, for example "sail".</param>
/// <param name="FixedColour">The part's own colour, or <see langword="null"/> for a primary part painted in the object's colour and texture.</param>
internal sealed record PartModel(string Name, Rgb? FixedColour)
{
    /// <summary>Whether the part carries the object's colour and texture.</summary>
    public bool IsPrimary => FixedColour is null;
}
