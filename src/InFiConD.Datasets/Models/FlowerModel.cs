namespace InFiConD.Datasets;

/// <summary>A flower: stem, optional leaf, 5–8 petals in the object's colour around a centre.</summary>
internal sealed class FlowerModel : ObjectModel
{
    private const int Stem = 0, Leaf = 1, Petal = 2;
    private const double CentreY = -0.38;

    public override string Name => "flower";

    public override BackgroundKind Cue => BackgroundKind.Wall;

    public override IReadOnlyList<PartModel> Parts { get; } =
        [new("stem", FixedColours.Stem), new("leaf", FixedColours.Stem), new("petal", null), new("flower centre", FixedColours.Pollen)];

    public override ulong ChooseParts(ref SplitMix64 random) => Bits(Stem, Petal, 3) | (random.Chance(0.7) ? Bits(Leaf) : 0);

    public override void AddShapes(int part, ref SplitMix64 random, List<PartShape> shapes)
    {
        switch (part)
        {
            case Stem:
                shapes.Add(new(PolygonShape.Rectangle(-0.03, -0.3, 0.03, 0.95)));
                break;
            case Leaf:
                var (sin, cos) = Trig.SinCos(Trig.Radians(-35));
                shapes.Add(new(new EllipseShape(0.17, 0.52, 0.18, 0.07, cos, sin)));
                break;
            case Petal:
                var count = 5 + random.NextInt(4);
                var turn = random.NextDouble() * 2 * Math.PI / count;
                for (var k = 0; k < count; k++)
                {
                    var (s, c) = Trig.SinCos(turn + (2 * Math.PI * k / count));
                    shapes.Add(new(new EllipseShape(0.27 * c, CentreY + (0.27 * s), 0.19, 0.1, c, s)));
                }
                break;
            default:
                shapes.Add(new(EllipseShape.Circle(0.0, CentreY, 0.12)));
                break;
        }
    }
}
