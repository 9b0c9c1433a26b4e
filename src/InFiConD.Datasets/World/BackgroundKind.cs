namespace InFiConD.Datasets;

/// <summary>The backgrounds; the order matches the background concepts of <see cref="WorldCatalog"/>.</summary>
internal enum BackgroundKind
{
    Water,
    Grass,
    Road,
    Sand,
    Sky,
    Wall,
}
