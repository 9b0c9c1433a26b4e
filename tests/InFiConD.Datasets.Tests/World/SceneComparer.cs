namespace InFiConD.Datasets.Tests;

/// <summary>Compares scenes by value, lists included (records compare lists by reference).</summary>
internal sealed class SceneComparer : IEqualityComparer<ConceptWorldScene>
{
    public static SceneComparer Instance { get; } = new();

    public bool Equals(ConceptWorldScene? x, ConceptWorldScene? y) =>
        x is not null && y is not null && x.Id == y.Id && x.ClassIndex == y.ClassIndex && x.ClassName == y.ClassName
        && x.Background == y.Background && x.Colour == y.Colour && x.Texture == y.Texture
        && x.Parts.SequenceEqual(y.Parts) && x.ConceptPresence.SequenceEqual(y.ConceptPresence);

    public int GetHashCode(ConceptWorldScene obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
}
