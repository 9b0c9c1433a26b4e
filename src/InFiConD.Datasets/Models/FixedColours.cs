namespace InFiConD.Datasets;

/// <summary>Colours of parts that do not take the object's colour; all away from the colour concepts' hues.</summary>
internal static class FixedColours
{
    public static readonly Rgb Wood = new(0.42f, 0.27f, 0.13f);
    public static readonly Rgb Tyre = new(0.1f, 0.1f, 0.11f);
    public static readonly Rgb Hub = new(0.62f, 0.62f, 0.64f);
    public static readonly Rgb Glass = new(0.6f, 0.74f, 0.82f);
    public static readonly Rgb Roof = new(0.36f, 0.21f, 0.19f);
    public static readonly Rgb Door = new(0.38f, 0.23f, 0.12f);
    public static readonly Rgb Brick = new(0.48f, 0.3f, 0.24f);
    public static readonly Rgb Stem = new(0.22f, 0.45f, 0.17f);
    public static readonly Rgb Pollen = new(0.45f, 0.31f, 0.08f);
    public static readonly Rgb Eye = new(0.05f, 0.05f, 0.05f);
}
