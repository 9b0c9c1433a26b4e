namespace InFiConD.Datasets;

/// <summary>
/// Makes the scene specs of a split: per class, the backgrounds from <see cref="BackgroundPlan"/>, and per
/// image the colour, texture and optional parts from the image's own stream (seeded by split, class and
/// position, so one image does not depend on how many others there are); then one shuffle of the split.
/// </summary>
internal static class SplitBuilder
{
    public static (SceneSpec[] Specs, ConceptWorldScene[] Scenes) Build(
        IReadOnlyList<int> models, ConceptTable table, ConceptWorldSplitKind kind, int perClass, double strength, ulong worldSeed)
    {
        var splitSeed = SplitMix64.Derive(worldSeed, 0x5350_0000UL + (ulong)kind);
        var specs = new List<(SceneSpec Spec, int Class)>(perClass * models.Count);
        for (var c = 0; c < models.Count; c++)
        {
            var model = WorldCatalog.Models[models[c]];
            var planRandom = new SplitMix64(SplitMix64.Derive(splitSeed, (ulong)models[c]));
            var backgrounds = kind == ConceptWorldSplitKind.Shifted
                ? BackgroundPlan.Balanced(c, perClass, ref planRandom)
                : BackgroundPlan.WithCue(model.Cue, perClass, strength, ref planRandom);
            for (var j = 0; j < perClass; j++)
            {
                var random = new SplitMix64(SplitMix64.Derive(splitSeed, ((ulong)(models[c] + 1) << 32) | (uint)j));
                var colour = random.NextInt(WorldCatalog.Colours.Count);
                var texture = (TextureKind)random.NextInt(WorldCatalog.TextureNames.Count);
                var parts = model.ChooseParts(ref random);
                specs.Add((new SceneSpec(SceneKind.Object, models[c], parts, backgrounds[j], colour, texture, random.NextUInt64()), c));
            }
        }
        var order = specs.ToArray();
        var shuffle = new SplitMix64(SplitMix64.Derive(splitSeed, 0x4F52_4445_52UL));
        shuffle.Shuffle(order.AsSpan());

        var name = SplitName(kind);
        var scenes = new ConceptWorldScene[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var (spec, c) = order[i];
            scenes[i] = new ConceptWorldScene(
                $"{name}/{i:D6}", c, WorldCatalog.Models[spec.Model].Name, WorldCatalog.BackgroundNames[(int)spec.Background!.Value],
                WorldCatalog.ColourNames[spec.Colour], WorldCatalog.TextureNames[(int)spec.Texture],
                ConceptTable.PartNames(spec), table.Presence(spec));
        }
        return (order.Select(o => o.Spec).ToArray(), scenes);
    }

    /// <summary>"train", "test" or "shifted".</summary>
    public static string SplitName(ConceptWorldSplitKind kind) => kind switch
    {
        ConceptWorldSplitKind.Train => "train",
        ConceptWorldSplitKind.Test => "test",
        _ => "shifted",
    };
}
