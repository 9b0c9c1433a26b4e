namespace InFiConD.Datasets;

/// <summary>A tree: trunk and a crown of overlapping ellipses (the leaves, in the object's colour).</summary>
internal sealed class TreeModel : ObjectModel
{
    private const int Trunk = 0;

    public override string Name => "tree";

    public override BackgroundKind Cue => BackgroundKind.Sky;

    public override IReadOnlyList<PartModel> Parts { get; } = [new("trunk", FixedColours.Wood), new("leaves", null)];

    public override ulong ChooseParts(ref SplitMix64 random) => Bits(0, 1);

    public override void AddShapes(int part, ref SplitMix64 random, List<PartShape> shapes)
    {
        if (part == Trunk)
        {
            shapes.Add(new(PolygonShape.Rectangle(-0.1, 0.0, 0.1, 0.95)));
            return;
        }
        shapes.Add(new(new EllipseShape(0.0, -0.38, 0.5, 0.45)));
        shapes.Add(new(new EllipseShape(-0.35, -0.12, 0.32, 0.3)));
        shapes.Add(new(new EllipseShape(0.35, -0.12, 0.32, 0.3)));
        shapes.Add(new(new EllipseShape(0.0, -0.05, 0.4, 0.25)));
    }
}
