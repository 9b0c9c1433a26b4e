namespace InFiConD.Datasets;

/// <summary>
/// What fills a shape: a colour, or a pattern of a primary and a secondary colour with a period in pixels.
/// Pattern edges are anti-aliased analytically (distance to the nearest edge, one pixel wide ramp).
/// </summary>
internal readonly struct Paint
{
    private const float InverseTwoRootTwo = 0.35355339f;

    private readonly TextureKind _texture;
    private readonly Rgb _primary, _secondary;
    private readonly float _period;

    private Paint(TextureKind texture, Rgb primary, Rgb secondary, float period)
    {
        (_texture, _primary, _secondary, _period) = (texture, primary, secondary, period);
    }

    /// <summary>One colour everywhere.</summary>
    public static Paint Solid(Rgb colour) => new(TextureKind.Plain, colour, colour, 1);

    /// <summary><paramref name="texture"/> in <paramref name="colour"/> with a darker shade, repeating every <paramref name="period"/> pixels (at least 4).</summary>
    public static Paint Pattern(TextureKind texture, Rgb colour, float period) =>
        new(texture, colour, colour.Scale(0.45f), Math.Max(4f, period));

    /// <summary>The colour at the centre of pixel (x, y).</summary>
    public Rgb At(int x, int y)
    {
        if (_texture == TextureKind.Plain)
        {
            return _primary;
        }
        float px = x + 0.5f, py = y + 0.5f, p = _period;
        float weight;
        switch (_texture)
        {
            case TextureKind.Striped:
            {
                // Diagonal bands: t is 0 on a band's centre line, 1 half a period away.
                var t = Triangle((px + py) / p);
                weight = Ramp((t - 0.5f) * p * InverseTwoRootTwo);
                break;
            }
            case TextureKind.Dotted:
            {
                var row = MathF.Floor(py / p);
                var offset = ((int)row & 1) == 0 ? 0f : 0.5f * p;
                var cx = ((MathF.Floor((px - offset) / p) + 0.5f) * p) + offset;
                var cy = (row + 0.5f) * p;
                float dx = px - cx, dy = py - cy;
                weight = Ramp(MathF.Sqrt((dx * dx) + (dy * dy)) - (0.3f * p));
                break;
            }
            default:
            {
                var ax = Ramp((Triangle(px / p) - 0.5f) * p * 0.5f);
                var ay = Ramp((Triangle(py / p) - 0.5f) * p * 0.5f);
                weight = (ax * (1 - ay)) + ((1 - ax) * ay);
                break;
            }
        }
        return _primary.Mix(_secondary, weight);
    }

    /// <summary>|2·frac(u) − 1|: 1 on integers, 0 half-way between.</summary>
    private static float Triangle(float u) => MathF.Abs((2 * (u - MathF.Floor(u))) - 1);

    /// <summary>Coverage of a pixel whose centre is <paramref name="distance"/> pixels outside an edge.</summary>
    private static float Ramp(float distance) => Math.Clamp(0.5f - distance, 0f, 1f);
}
