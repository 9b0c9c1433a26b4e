namespace InFiConD.Datasets;

/// <summary>
/// The concepts of one world (parts of its classes, then colours, textures, backgrounds) and the ground truth
/// of a scene over them.
/// </summary>
internal sealed class ConceptTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public ConceptTable(IReadOnlyList<int> models)
    {
        var concepts = new List<WorldConcept>();
        var owners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var m in models)
        {
            var model = WorldCatalog.Models[m];
            foreach (var part in model.Parts)
            {
                if (!owners.TryGetValue(part.Name, out var list))
                {
                    owners[part.Name] = list = [];
                    concepts.Add(new WorldConcept(part.Name, ConceptKind.Part, ""));
                }
                list.Add(model.Name);
            }
        }
        for (var i = 0; i < concepts.Count; i++)
        {
            var classes = string.Join(" or ", owners[concepts[i].Name].Select(c => $"a {c}"));
            concepts[i] = concepts[i] with { Description = $"{classes} with its {concepts[i].Name} drawn." };
        }
        ColourOffset = concepts.Count;
        concepts.AddRange(WorldCatalog.ColourNames.Select(c => new WorldConcept(c, ConceptKind.Colour, $"the object's primary parts (or a swatch) are {c}.")));
        TextureOffset = concepts.Count;
        concepts.AddRange(WorldCatalog.TextureNames.Select(t => new WorldConcept(t, ConceptKind.Texture,
            t == "plain" ? "the object's primary parts (or a swatch) have no pattern." : $"the object's primary parts (or a swatch) are {t}.")));
        BackgroundOffset = concepts.Count;
        concepts.AddRange(WorldCatalog.BackgroundNames.Select(b => new WorldConcept(b, ConceptKind.Background, $"the scene's background is {b}.")));
        Concepts = concepts;
        for (var i = 0; i < concepts.Count; i++)
        {
            _index[concepts[i].Name] = i;
        }
    }

    public IReadOnlyList<WorldConcept> Concepts { get; }

    public int ColourOffset { get; }

    public int TextureOffset { get; }

    public int BackgroundOffset { get; }

    /// <summary>The concept's index, or −1.</summary>
    public int IndexOf(string name) => _index.GetValueOrDefault(name, -1);

    /// <summary>Which concepts the scene shows.</summary>
    public bool[] Presence(in SceneSpec spec)
    {
        var present = new bool[Concepts.Count];
        foreach (var part in PartNames(spec))
        {
            present[_index[part]] = true;
        }
        if (spec.ShowsColour)
        {
            present[ColourOffset + spec.Colour] = true;
            present[TextureOffset + (int)spec.Texture] = true;
        }
        if (spec.Background is { } background)
        {
            present[BackgroundOffset + (int)background] = true;
        }
        return present;
    }

    /// <summary>The names of the parts the scene draws, in drawing order.</summary>
    public static IReadOnlyList<string> PartNames(in SceneSpec spec)
    {
        if (spec.Model < 0 || spec.Kind is SceneKind.Swatch or SceneKind.Background)
        {
            return [];
        }
        var parts = WorldCatalog.Models[spec.Model].Parts;
        var names = new List<string>();
        for (var i = 0; i < parts.Count; i++)
        {
            if ((spec.Parts & (1UL << i)) != 0)
            {
                names.Add(parts[i].Name);
            }
        }
        return names;
    }
}
