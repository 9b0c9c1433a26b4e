namespace InFiConD.Datasets;

/// <summary>Everything the world can draw: object models, colours, textures and backgrounds, with their concept names.</summary>
internal static class WorldCatalog
{
    /// <summary>The object models, in class order.</summary>
    public static IReadOnlyList<ObjectModel> Models { get; } =
        [new BoatModel(), new CarModel(), new HouseModel(), new TreeModel(), new FlowerModel(), new FishModel()];

    /// <summary>Colour concept names, in order.</summary>
    public static IReadOnlyList<string> ColourNames { get; } = ["red", "blue", "yellow", "green", "white", "orange", "purple"];

    /// <summary>The base colour of each colour concept (jittered per image).</summary>
    public static IReadOnlyList<Rgb> Colours { get; } =
    [
        new(0.85f, 0.12f, 0.12f), new(0.15f, 0.3f, 0.85f), new(0.95f, 0.85f, 0.15f), new(0.2f, 0.7f, 0.25f),
        new(0.95f, 0.95f, 0.95f), new(0.96f, 0.55f, 0.1f), new(0.55f, 0.2f, 0.72f),
    ];

    /// <summary>Texture concept names, in <see cref="TextureKind"/> order.</summary>
    public static IReadOnlyList<string> TextureNames { get; } = ["plain", "striped", "dotted", "checked"];

    /// <summary>Background concept names, in <see cref="BackgroundKind"/> order.</summary>
    public static IReadOnlyList<string> BackgroundNames { get; } = ["water", "grass", "road", "sand", "sky", "wall"];

    /// <summary>The model of the class called <paramref name="name"/>, or −1.</summary>
    public static int ModelIndex(string name)
    {
        for (var i = 0; i < Models.Count; i++)
        {
            if (Models[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }
}
