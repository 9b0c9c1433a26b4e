namespace InFiConD.Datasets;

/// <summary>A fish: tail, optional dorsal fin, oval body (all three in the object's colour), optional eye.</summary>
internal sealed class FishModel : ObjectModel
{
    private const int Tail = 0, Fin = 1, Body = 2, Eye = 3;

    public override string Name => "fish";

    public override BackgroundKind Cue => BackgroundKind.Sand;

    public override IReadOnlyList<PartModel> Parts { get; } =
        [new("tail", null), new("fin", null), new("fish body", null), new("eye", FixedColours.Eye)];

    public override ulong ChooseParts(ref SplitMix64 random)
    {
        var bits = Bits(Tail, Body);
        bits |= random.Chance(0.75) ? Bits(Fin) : 0;
        bits |= random.Chance(0.85) ? Bits(Eye) : 0;
        return bits;
    }

    public override void AddShapes(int part, ref SplitMix64 random, List<PartShape> shapes)
    {
        switch (part)
        {
            case Tail:
                shapes.Add(new(new PolygonShape(-0.48, 0.0, -0.92, -0.33, -0.92, 0.33)));
                break;
            case Fin:
                shapes.Add(new(new PolygonShape(-0.28, -0.22, 0.16, -0.26, -0.22, -0.6)));
                break;
            case Body:
                shapes.Add(new(new EllipseShape(0.0, 0.0, 0.62, 0.34)));
                break;
            default:
                shapes.Add(new(EllipseShape.Circle(0.36, -0.07, 0.07)));
                break;
        }
    }
}
