namespace InFiConD.Datasets;

/// <summary>
/// Draws a <see cref="SceneSpec"/>: background, then the object's parts back to front (or enlarged parts,
/// swatches) with a pose drawn from the scene's seed. A pure function of (spec, size): thread-safe, and the
/// same bits on every run and machine.
/// </summary>
internal static class SceneRenderer
{
    private const double MaxTiltDegrees = 12;

    public static RenderedScene Render(in SceneSpec spec, int size, bool withMasks)
    {
        var random = new SplitMix64(spec.Seed);
        var canvas = Canvas.ForThread(size, size);
        BackgroundPainter.Draw(canvas, spec.Background, random.NextUInt64());
        var masks = new List<(string, byte[])>();
        switch (spec.Kind)
        {
            case SceneKind.Object:
            case SceneKind.Parts:
                DrawObject(canvas, spec, ref random, withMasks ? masks : null);
                break;
            case SceneKind.Swatch:
                DrawSwatches(canvas, spec, ref random);
                break;
        }
        return new RenderedScene(canvas.ToBytes(), masks);
    }

    private static void DrawObject(Canvas canvas, in SceneSpec spec, ref SplitMix64 random, List<(string, byte[])>? masks)
    {
        var model = WorldCatalog.Models[spec.Model];
        var size = canvas.Width;
        var colour = ObjectColour(spec.Colour, ref random);
        var texture = Paint.Pattern(spec.Texture, colour, (float)(size * random.Range(0.05, 0.085)));
        var primary = spec.Texture == TextureKind.Plain ? Paint.Solid(colour) : texture;
        var (sin, cos) = Trig.SinCos(Trig.Radians(random.Range(-MaxTiltDegrees, MaxTiltDegrees)));
        var mirror = random.Chance(0.5);

        // Local shapes first: a parts scene is framed on the bounding box of the parts it shows.
        var shapes = new List<(int Part, PartShape Shape)>();
        var buffer = new List<PartShape>();
        for (var p = 0; p < model.Parts.Count; p++)
        {
            if (((spec.Parts | spec.Withheld) & (1UL << p)) == 0)
            {
                continue;
            }
            buffer.Clear();
            model.AddShapes(p, ref random, buffer);
            // A withheld part draws its shapes (so the stream, and with it everything after, is unchanged) but is not painted.
            if ((spec.Parts & (1UL << p)) != 0)
            {
                shapes.AddRange(buffer.Select(s => (p, s)));
            }
        }
        var transform = spec.Kind == SceneKind.Object
            ? PlaceObject(size, cos, sin, mirror, ref random)
            : FrameParts(shapes, size, cos, sin, mirror, ref random);

        byte[]? mask = null;
        var maskPart = -1;
        foreach (var (part, shape) in shapes)
        {
            var partModel = model.Parts[part];
            if (masks is not null && part != maskPart)
            {
                mask = new byte[size * size];
                masks.Add((partModel.Name, mask));
                maskPart = part;
            }
            var paint = shape.Colour is { } own ? Paint.Solid(own)
                : partModel.FixedColour is { } fixedColour ? Paint.Solid(fixedColour)
                : primary;
            Rasterizer.Fill(canvas, shape.Shape.Transform(transform), paint, mask);
        }
    }

    /// <summary>A pose keeping the unit disc (the whole object) inside the image: radius 27–42 % of the side.</summary>
    private static Similarity PlaceObject(int size, double cos, double sin, bool mirror, ref SplitMix64 random)
    {
        var scale = size * random.Range(0.27, 0.42);
        var margin = scale + 1;
        return new Similarity(scale, cos, sin, mirror, random.Range(margin, size - margin), random.Range(margin, size - margin));
    }

    /// <summary>A pose enlarging the parts' bounding box so its half-diagonal is 30–42 % of the side, inside the image.</summary>
    private static Similarity FrameParts(List<(int Part, PartShape Shape)> shapes, int size, double cos, double sin, bool mirror, ref SplitMix64 random)
    {
        double left = shapes.Min(s => s.Shape.Shape.Left), right = shapes.Max(s => s.Shape.Shape.Right);
        double top = shapes.Min(s => s.Shape.Shape.Top), bottom = shapes.Max(s => s.Shape.Shape.Bottom);
        var half = 0.5 * Math.Sqrt(((right - left) * (right - left)) + ((bottom - top) * (bottom - top)));
        var radius = size * random.Range(0.3, 0.42);
        var margin = radius + 1;
        var centred = new Similarity(radius / half, cos, sin, mirror, 0, 0);
        var (ox, oy) = centred.Apply(0.5 * (left + right), 0.5 * (top + bottom));
        return centred with { X = random.Range(margin, size - margin) - ox, Y = random.Range(margin, size - margin) - oy };
    }

    private static void DrawSwatches(Canvas canvas, in SceneSpec spec, ref SplitMix64 random)
    {
        var size = canvas.Width;
        var colour = ObjectColour(spec.Colour, ref random);
        var paint = spec.Texture == TextureKind.Plain ? Paint.Solid(colour) : Paint.Pattern(spec.Texture, colour, (float)(size * random.Range(0.05, 0.085)));
        var count = 1 + random.NextInt(3);
        for (var i = 0; i < count; i++)
        {
            var radius = size * random.Range(0.2, 0.32);
            var margin = radius + 1;
            double cx = random.Range(margin, size - margin), cy = random.Range(margin, size - margin);
            var (sin, cos) = Trig.SinCos(random.Range(-Math.PI, Math.PI));
            Shape shape = random.NextInt(3) switch
            {
                0 => new EllipseShape(cx, cy, radius, radius * random.Range(0.5, 1), cos, sin),
                1 => PolygonShape.Rectangle(-1, -random.Range(0.4, 0.7), 1, random.Range(0.4, 0.7)).Transform(new Similarity(radius, cos, sin, false, cx, cy)),
                _ => Blob(cx, cy, radius, ref random),
            };
            Rasterizer.Fill(canvas, shape, paint);
        }
    }

    /// <summary>A star-shaped polygon of 6–9 vertices at 70–100 % of <paramref name="radius"/>.</summary>
    private static PolygonShape Blob(double cx, double cy, double radius, ref SplitMix64 random)
    {
        var n = 6 + random.NextInt(4);
        var xy = new double[2 * n];
        for (var k = 0; k < n; k++)
        {
            var (sin, cos) = Trig.SinCos(2 * Math.PI * k / n);
            var r = radius * random.Range(0.7, 1);
            xy[2 * k] = cx + (r * cos);
            xy[(2 * k) + 1] = cy + (r * sin);
        }
        return new PolygonShape(xy);
    }

    /// <summary>The colour concept's base colour with a small per-image jitter.</summary>
    private static Rgb ObjectColour(int colour, ref SplitMix64 random)
    {
        var baseColour = WorldCatalog.Colours[Math.Max(0, colour)];
        return baseColour.Jitter((float)random.Range(-0.04, 0.04), (float)random.Range(-0.04, 0.04), (float)random.Range(-0.04, 0.04));
    }
}
