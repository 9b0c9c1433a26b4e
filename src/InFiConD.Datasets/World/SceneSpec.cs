namespace InFiConD.Datasets;

/// <summary>
/// Everything that decides a scene's ground truth, plus the seed its pose and details are drawn from at
/// render time. Cheap to hold for every image of a split; pixels are made on demand.
/// </summary>
/// <param name="Kind">What the scene shows.</param>
/// <param name="Model">Index into <see cref="WorldCatalog.Models"/>, or −1.</param>
/// <param name="Parts">Bit i set when the model's part i is drawn.</param>
/// <param name="Background">The background, or <see langword="null"/> for neutral grey.</param>
/// <param name="Colour">Index into <see cref="WorldCatalog.Colours"/>, or −1.</param>
/// <param name="Texture">The texture of the primary parts or swatches.</param>
/// <param name="Seed">Seed of the scene's own random stream.</param>
internal readonly record struct SceneSpec(SceneKind Kind, int Model, ulong Parts, BackgroundKind? Background, int Colour, TextureKind Texture, ulong Seed)
{
    /// <summary>
    /// Parts whose shapes are drawn from the scene's stream but not painted (bit i: the model's part i). A scene with a part
    /// withheld is the same scene, pose and other parts bit for bit, without that part: the negative of a counterfactual pair.
    /// </summary>
    public ulong Withheld { get; init; }

    /// <summary>Whether a primary (coloured, textured) part or a swatch is drawn, so colour and texture concepts apply.</summary>
    public bool ShowsColour
    {
        get
        {
            if (Kind == SceneKind.Swatch)
            {
                return true;
            }
            if (Kind == SceneKind.Background || Model < 0)
            {
                return false;
            }
            var parts = WorldCatalog.Models[Model].Parts;
            for (var i = 0; i < parts.Count; i++)
            {
                if ((Parts & (1UL << i)) != 0 && parts[i].IsPrimary)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
