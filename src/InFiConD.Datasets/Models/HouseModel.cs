namespace InFiConD.Datasets;

/// <summary>A house front: optional chimney, wall, roof, optional door and windows.</summary>
internal sealed class HouseModel : ObjectModel
{
    private const int Chimney = 0, Wall = 1, Roof = 2, Door = 3, Window = 4;

    public override string Name => "house";

    public override BackgroundKind Cue => BackgroundKind.Grass;

    public override IReadOnlyList<PartModel> Parts { get; } =
        [new("chimney", FixedColours.Brick), new("house wall", null), new("roof", FixedColours.Roof), new("door", FixedColours.Door), new("window", FixedColours.Glass)];

    public override ulong ChooseParts(ref SplitMix64 random)
    {
        var bits = Bits(Wall, Roof);
        bits |= random.Chance(0.5) ? Bits(Chimney) : 0;
        bits |= random.Chance(0.85) ? Bits(Door) : 0;
        bits |= random.Chance(0.8) ? Bits(Window) : 0;
        return bits;
    }

    public override void AddShapes(int part, ref SplitMix64 random, List<PartShape> shapes)
    {
        switch (part)
        {
            case Chimney:
                shapes.Add(new(PolygonShape.Rectangle(0.3, -0.72, 0.45, -0.3)));
                break;
            case Wall:
                shapes.Add(new(PolygonShape.Rectangle(-0.6, -0.12, 0.6, 0.7)));
                break;
            case Roof:
                shapes.Add(new(new PolygonShape(-0.76, -0.1, 0.76, -0.1, 0.0, -0.76)));
                break;
            case Door:
                shapes.Add(new(PolygonShape.Rectangle(-0.12, 0.32, 0.12, 0.7)));
                break;
            default:
                shapes.Add(new(PolygonShape.Rectangle(-0.46, 0.04, -0.22, 0.28)));
                shapes.Add(new(PolygonShape.Rectangle(0.22, 0.04, 0.46, 0.28)));
                break;
        }
    }
}
