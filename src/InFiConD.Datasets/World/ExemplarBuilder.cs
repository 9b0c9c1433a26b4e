namespace InFiConD.Datasets;

/// <summary>
/// Makes the exemplar specs of one concept. Positives cycle through the ways the concept can appear (each
/// class that has the part); negatives cycle through the concept's siblings of the same kind from a random
/// start, so each sibling appears ⌊n / siblings⌋ or one more times. Every image has its own seeded stream.
/// </summary>
internal static class ExemplarBuilder
{
    public static ConceptWorldExemplars Build(WorldConcept concept, IReadOnlyList<int> models, ConceptTable table, int count, ulong worldSeed, int size,
        ExemplarStyle style = ExemplarStyle.Isolated)
    {
        var conceptSeed = SplitMix64.Derive(SplitMix64.Derive(worldSeed, 0x4558_454D_504CUL), NameHash(concept.Name));
        var siblings = table.Concepts.Where(c => c.Kind == concept.Kind && c.Name != concept.Name).Select(c => c.Name).ToArray();
        var start = new SplitMix64(conceptSeed).NextInt(siblings.Length);
        var positives = new SceneSpec[count];
        var negatives = new SceneSpec[count];
        for (var j = 0; j < count; j++)
        {
            if (concept.Kind != ConceptKind.Background && style == ExemplarStyle.InScene)
            {
                var sibling = siblings[(start + j) % siblings.Length];
                (positives[j], negatives[j]) = InScenePair(concept, sibling, j, models, SplitMix64.Derive(conceptSeed, 2UL * (ulong)j));
                continue;
            }
            positives[j] = Spec(concept.Kind, concept.Name, j, models, SplitMix64.Derive(conceptSeed, 2UL * (ulong)j));
            negatives[j] = Spec(concept.Kind, siblings[(start + j) % siblings.Length], j / siblings.Length, models, SplitMix64.Derive(conceptSeed, (2UL * (ulong)j) + 1));
        }
        var slug = concept.Name.Replace(' ', '-');
        var (positiveScenes, negativeScenes) = (Scenes(positives, table, $"exemplar/{slug}/positive"), Scenes(negatives, table, $"exemplar/{slug}/negative"));
        return new ConceptWorldExemplars(concept,
            new SceneImageSource(positives, positiveScenes, size, $"ConceptWorld exemplars of '{concept.Name}' (positive)"), positiveScenes,
            new SceneImageSource(negatives, negativeScenes, size, $"ConceptWorld exemplars of '{concept.Name}' (negative)"), negativeScenes);
    }

    /// <summary>A scene showing <paramref name="name"/> (a concept of <paramref name="kind"/>); <paramref name="variant"/> picks among the classes having a part.</summary>
    private static SceneSpec Spec(ConceptKind kind, string name, int variant, IReadOnlyList<int> models, ulong seed)
    {
        var random = new SplitMix64(seed);
        var colour = random.NextInt(WorldCatalog.Colours.Count);
        var texture = (TextureKind)random.NextInt(WorldCatalog.TextureNames.Count);
        switch (kind)
        {
            case ConceptKind.Part:
                var owners = models.Where(m => WorldCatalog.Models[m].PartIndex(name) >= 0).ToArray();
                var model = owners[variant % owners.Length];
                var part = WorldCatalog.Models[model].PartIndex(name);
                return new SceneSpec(SceneKind.Parts, model, 1UL << part, null, colour, texture, random.NextUInt64());
            case ConceptKind.Colour:
                return new SceneSpec(SceneKind.Swatch, -1, 0, null, IndexOf(WorldCatalog.ColourNames, name), texture, random.NextUInt64());
            case ConceptKind.Texture:
                return new SceneSpec(SceneKind.Swatch, -1, 0, null, colour, (TextureKind)IndexOf(WorldCatalog.TextureNames, name), random.NextUInt64());
            default:
                return new SceneSpec(SceneKind.Background, -1, 0, (BackgroundKind)IndexOf(WorldCatalog.BackgroundNames, name), -1, texture, random.NextUInt64());
        }
    }

    /// <summary>
    /// A whole scene that shows the concept (an owner of the part, or any class in the colour or texture, its other parts as a
    /// split would choose them) and the same scene with only the concept changed: the part withheld (its shapes drawn from the stream
    /// but not painted, so the pose and the other parts are the same bits), or the <paramref name="sibling"/>
    /// colour or texture instead (colour and texture draw the same random numbers whatever their value, so the pose is the same).
    /// </summary>
    private static (SceneSpec Positive, SceneSpec Negative) InScenePair(WorldConcept concept, string sibling, int variant, IReadOnlyList<int> models, ulong seed)
    {
        var random = new SplitMix64(seed);
        var owners = concept.Kind == ConceptKind.Part ? models.Where(m => WorldCatalog.Models[m].PartIndex(concept.Name) >= 0).ToArray() : [.. models];
        var model = owners[variant % owners.Length];
        var colour = random.NextInt(WorldCatalog.Colours.Count);
        var texture = (TextureKind)random.NextInt(WorldCatalog.TextureNames.Count);
        var background = (BackgroundKind)random.NextInt(WorldCatalog.BackgroundNames.Count);
        var parts = WorldCatalog.Models[model].ChooseParts(ref random);
        var positive = new SceneSpec(SceneKind.Object, model, parts, background, colour, texture, random.NextUInt64());
        switch (concept.Kind)
        {
            case ConceptKind.Part:
                var bit = 1UL << WorldCatalog.Models[model].PartIndex(concept.Name);
                positive = positive with { Parts = parts | bit };
                return (positive, positive with { Parts = parts & ~bit, Withheld = bit });
            case ConceptKind.Colour:
                positive = positive with { Colour = IndexOf(WorldCatalog.ColourNames, concept.Name) };
                return (positive, positive with { Colour = IndexOf(WorldCatalog.ColourNames, sibling) });
            default:
                positive = positive with { Texture = (TextureKind)IndexOf(WorldCatalog.TextureNames, concept.Name) };
                return (positive, positive with { Texture = (TextureKind)IndexOf(WorldCatalog.TextureNames, sibling) });
        }
    }

    private static ConceptWorldScene[] Scenes(SceneSpec[] specs, ConceptTable table, string prefix)
    {
        var scenes = new ConceptWorldScene[specs.Length];
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = specs[i];
            var shows = spec.ShowsColour;
            scenes[i] = new ConceptWorldScene($"{prefix}/{i:D3}", -1, null,
                spec.Background is { } b ? WorldCatalog.BackgroundNames[(int)b] : null,
                shows ? WorldCatalog.ColourNames[spec.Colour] : null,
                shows ? WorldCatalog.TextureNames[(int)spec.Texture] : null,
                ConceptTable.PartNames(spec), table.Presence(spec));
        }
        return scenes;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }
        throw new ArgumentException($"'{name}' is not a ConceptWorld concept.", nameof(name));
    }

    /// <summary>FNV-1a over the UTF-16 code units: a stable hash (string.GetHashCode is randomised per process).</summary>
    private static ulong NameHash(string name)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var ch in name)
        {
            hash = (hash ^ ch) * 0x100000001B3UL;
        }
        return hash;
    }
}
