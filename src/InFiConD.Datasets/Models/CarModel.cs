namespace InFiConD.Datasets;

/// <summary>A car in side view: body with cabin, optional side windows, two wheels with hubs.</summary>
internal sealed class CarModel : ObjectModel
{
    private const int Body = 0, Window = 1, Wheel = 2;

    public override string Name => "car";

    public override BackgroundKind Cue => BackgroundKind.Road;

    public override IReadOnlyList<PartModel> Parts { get; } =
        [new("car body", null), new("window", FixedColours.Glass), new("wheel", FixedColours.Tyre)];

    public override ulong ChooseParts(ref SplitMix64 random) =>
        Bits(Body, Wheel) | (random.Chance(0.75) ? Bits(Window) : 0);

    public override void AddShapes(int part, ref SplitMix64 random, List<PartShape> shapes)
    {
        switch (part)
        {
            case Body:
                shapes.Add(new(new PolygonShape(-0.9, 0.36, -0.9, 0.0, -0.52, 0.0, -0.3, -0.36, 0.35, -0.36, 0.6, 0.0, 0.9, 0.02, 0.9, 0.36)));
                break;
            case Window:
                shapes.Add(new(new PolygonShape(-0.4, -0.05, -0.24, -0.29, -0.02, -0.29, -0.02, -0.05)));
                shapes.Add(new(new PolygonShape(0.06, -0.05, 0.06, -0.29, 0.3, -0.29, 0.48, -0.05)));
                break;
            default:
                foreach (var x in (ReadOnlySpan<double>)[-0.5, 0.5])
                {
                    shapes.Add(new(EllipseShape.Circle(x, 0.36, 0.19)));
                    shapes.Add(new(EllipseShape.Circle(x, 0.36, 0.08), FixedColours.Hub));
                }
                break;
        }
    }
}
