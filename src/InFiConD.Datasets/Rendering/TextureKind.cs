namespace InFiConD.Datasets;

/// <summary>The fill patterns; the order matches the texture concepts of <see cref="WorldCatalog"/>.</summary>
internal enum TextureKind
{
    Plain,
    Striped,
    Dotted,
    Checked,
}
