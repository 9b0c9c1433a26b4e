namespace InFiConD.Datasets;

/// <summary>A sailing boat: mast, triangular sail, trapezoid hull; some boats have no sail (and most of those no mast).</summary>
internal sealed class BoatModel : ObjectModel
{
    private const int Mast = 0, Sail = 1, Hull = 2;

    public override string Name => "boat";

    public override BackgroundKind Cue => BackgroundKind.Water;

    public override IReadOnlyList<PartModel> Parts { get; } =
        [new("mast", FixedColours.Wood), new("sail", null), new("hull", null)];

    public override ulong ChooseParts(ref SplitMix64 random)
    {
        var sail = random.Chance(0.7);
        var mast = sail || random.Chance(0.3);
        return Bits(Hull) | (sail ? Bits(Sail) : 0) | (mast ? Bits(Mast) : 0);
    }

    public override void AddShapes(int part, ref SplitMix64 random, List<PartShape> shapes)
    {
        switch (part)
        {
            case Mast:
                shapes.Add(new(PolygonShape.Rectangle(-0.035, -0.85, 0.035, 0.22)));
                break;
            case Sail:
                shapes.Add(new(new PolygonShape(0.08, -0.8, 0.08, 0.12, 0.72, 0.12)));
                break;
            default:
                shapes.Add(new(new PolygonShape(-0.95, 0.2, 0.95, 0.2, 0.68, 0.55, -0.62, 0.55)));
                break;
        }
    }
}
