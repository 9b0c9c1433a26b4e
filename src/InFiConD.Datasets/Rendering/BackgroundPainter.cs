namespace InFiConD.Datasets;

/// <summary>
/// Paints a whole canvas with a procedural background: per-pixel hash noise plus a pattern of the kind
/// (waves, grass blades, asphalt with a dashed lane line, sand ripples, sky with clouds, bricks) or, for
/// exemplars, a neutral grey. Only IEEE arithmetic and the given seed: the same seed gives the same pixels.
/// </summary>
internal static class BackgroundPainter
{
    private static readonly Rgb Neutral = new(0.5f, 0.5f, 0.5f);

    /// <summary>Paints <paramref name="kind"/> (<see langword="null"/>: neutral grey) over the canvas.</summary>
    public static void Draw(Canvas canvas, BackgroundKind? kind, ulong seed)
    {
        var random = new SplitMix64(seed);
        var noiseSeed = (uint)random.NextUInt64();
        switch (kind)
        {
            case BackgroundKind.Water: Water(canvas, ref random, noiseSeed); break;
            case BackgroundKind.Grass: Grass(canvas, noiseSeed); break;
            case BackgroundKind.Road: Road(canvas, ref random, noiseSeed); break;
            case BackgroundKind.Sand: Sand(canvas, ref random, noiseSeed); break;
            case BackgroundKind.Sky: Sky(canvas, ref random, noiseSeed); break;
            case BackgroundKind.Wall: Wall(canvas, ref random, noiseSeed); break;
            default: Grey(canvas, ref random, noiseSeed); break;
        }
    }

    private static void Grey(Canvas canvas, ref SplitMix64 random, uint noise)
    {
        var level = (float)random.Range(-0.06, 0.06);
        for (var y = 0; y < canvas.Height; y++)
        {
            for (var x = 0; x < canvas.Width; x++)
            {
                canvas.Set(x, y, Neutral.Add(level + (0.015f * PixelNoise.Signed(x, y, noise))));
            }
        }
    }

    private static void Water(Canvas canvas, ref SplitMix64 random, uint noise)
    {
        var deep = new Rgb(0.1f, 0.3f, 0.58f);
        var crest = new Rgb(0.55f, 0.75f, 0.92f);
        var size = canvas.Width;
        var period = (float)(size * random.Range(0.06, 0.09));
        var wavelength = (float)(size * random.Range(0.18, 0.3));
        var phase = (float)random.Range(0, 1);
        // Crests are thin bright bands bent by a triangle wave along x; alternate bands bend in
        // opposite phase (Triangle(a + ½) = 1 − Triangle(a)), so the wave depends on x and band parity only.
        Span<float> bend = stackalloc float[canvas.Width];
        for (var x = 0; x < bend.Length; x++)
        {
            bend[x] = Triangle((x / wavelength) + phase);
        }
        var amplitude = 0.35f * period;
        for (var y = 0; y < canvas.Height; y++)
        {
            var depth = 0.12f * y / canvas.Height;
            var odd = ((int)MathF.Floor(y / period) & 1) == 1;
            for (var x = 0; x < canvas.Width; x++)
            {
                var t = Triangle((y + (amplitude * (odd ? 1 - bend[x] : bend[x]))) / period);
                var highlight = Math.Clamp((0.25f - t) * 3f, 0f, 0.6f);
                canvas.Set(x, y, deep.Mix(crest, highlight).Add((0.04f * PixelNoise.Signed(x, y, noise)) - depth));
            }
        }
    }

    private static void Grass(Canvas canvas, uint noise)
    {
        var green = new Rgb(0.26f, 0.52f, 0.17f);
        // Blades: noise cells two pixels wide and eight tall, rows of cells staggered per column pair.
        Span<int> stagger = stackalloc int[canvas.Width];
        for (var x = 0; x < stagger.Length; x++)
        {
            stagger[x] = (int)(PixelNoise.Hash((uint)(x >> 1), 7, noise) & 7);
        }
        for (var y = 0; y < canvas.Height; y++)
        {
            for (var x = 0; x < canvas.Width; x++)
            {
                var blade = PixelNoise.Signed(x >> 1, (y + stagger[x]) >> 3, noise);
                var fine = PixelNoise.Signed(x, y, noise ^ 0x5bd1e995u);
                canvas.Set(x, y, green.Scale(1f + (0.22f * blade) + (0.06f * fine)));
            }
        }
    }

    private static void Road(Canvas canvas, ref SplitMix64 random, uint noise)
    {
        var asphalt = new Rgb(0.33f, 0.33f, 0.35f);
        for (var y = 0; y < canvas.Height; y++)
        {
            for (var x = 0; x < canvas.Width; x++)
            {
                var speck = PixelNoise.Signed(x, y, noise);
                canvas.Set(x, y, asphalt.Add((0.05f * speck) + (speck > 0.92f ? 0.12f : 0f)));
            }
        }
        // A dashed lane marking across the road, anti-aliased like any shape.
        double size = canvas.Width, height = canvas.Height;
        var lane = height * random.Range(0.55, 0.85);
        var thickness = height * 0.03;
        var dash = size * 0.14;
        var gap = size * 0.09;
        var start = -random.Range(0, dash + gap);
        var paint = Paint.Solid(new Rgb(0.88f, 0.88f, 0.84f));
        for (var x = start; x < size; x += dash + gap)
        {
            Rasterizer.Fill(canvas, PolygonShape.Rectangle(x, lane, x + dash, lane + thickness), paint);
        }
    }

    private static void Sand(Canvas canvas, ref SplitMix64 random, uint noise)
    {
        var sand = new Rgb(0.86f, 0.75f, 0.52f);
        var period = (float)(canvas.Height * random.Range(0.05, 0.08));
        var wavelength = (float)(canvas.Width * random.Range(0.25, 0.4));
        Span<float> bend = stackalloc float[canvas.Width];
        for (var x = 0; x < bend.Length; x++)
        {
            bend[x] = 0.5f * period * Triangle(x / wavelength);
        }
        for (var y = 0; y < canvas.Height; y++)
        {
            for (var x = 0; x < canvas.Width; x++)
            {
                var ripple = Triangle((y + bend[x]) / period);
                var grain = PixelNoise.Signed(x, y, noise);
                var shade = (0.05f * ripple) + (0.04f * grain) - (grain > 0.9f ? 0.15f : 0f);
                canvas.Set(x, y, sand.Add(shade));
            }
        }
    }

    private static void Sky(Canvas canvas, ref SplitMix64 random, uint noise)
    {
        var top = new Rgb(0.36f, 0.58f, 0.9f);
        var bottom = new Rgb(0.7f, 0.83f, 0.96f);
        for (var y = 0; y < canvas.Height; y++)
        {
            var row = top.Mix(bottom, (float)y / canvas.Height);
            for (var x = 0; x < canvas.Width; x++)
            {
                canvas.Set(x, y, row.Add(0.012f * PixelNoise.Signed(x, y, noise)));
            }
        }
        // One to three clouds of three overlapping ellipses each, slightly transparent.
        double size = canvas.Width;
        var clouds = 1 + random.NextInt(3);
        var paint = Paint.Solid(new Rgb(0.97f, 0.97f, 0.98f));
        for (var c = 0; c < clouds; c++)
        {
            double cx = size * random.Range(0.1, 0.9), cy = size * random.Range(0.08, 0.9), r = size * random.Range(0.05, 0.09);
            Rasterizer.Fill(canvas, new EllipseShape(cx, cy, 2.2 * r, r), paint, null, 0.85f);
            Rasterizer.Fill(canvas, new EllipseShape(cx - r, cy - (0.6 * r), r, 0.8 * r), paint, null, 0.85f);
            Rasterizer.Fill(canvas, new EllipseShape(cx + (0.7 * r), cy - (0.7 * r), 1.1 * r, 0.9 * r), paint, null, 0.85f);
        }
    }

    private static void Wall(Canvas canvas, ref SplitMix64 random, uint noise)
    {
        var brick = new Rgb(0.6f, 0.3f, 0.22f);
        var mortar = new Rgb(0.76f, 0.74f, 0.7f);
        var brickHeight = Math.Max(4, (int)Math.Round(canvas.Height * random.Range(0.07, 0.1)));
        var brickWidth = 2 * brickHeight;
        var joint = Math.Max(1, brickHeight / 6);
        int shiftX = random.NextInt(brickWidth), shiftY = random.NextInt(brickHeight);
        for (var y = 0; y < canvas.Height; y++)
        {
            var row = (y + shiftY) / brickHeight;
            var inRow = (y + shiftY) % brickHeight;
            var offset = shiftX + ((row & 1) == 0 ? 0 : brickWidth / 2);
            for (var x = 0; x < canvas.Width; x++)
            {
                var column = (x + offset) / brickWidth;
                var fine = 0.03f * PixelNoise.Signed(x, y, noise);
                var isJoint = inRow < joint || (x + offset) % brickWidth < joint;
                var colour = isJoint ? mortar : brick.Scale(1f + (0.12f * PixelNoise.Signed(column, row, noise ^ 0x9e3779b9u)));
                canvas.Set(x, y, colour.Add(fine));
            }
        }
    }

    /// <summary>|2·frac(u) − 1|.</summary>
    private static float Triangle(float u) => MathF.Abs((2 * (u - MathF.Floor(u))) - 1);
}
