namespace InFiConD.Datasets.Tests;

public class RasterizerTests
{
    private static readonly Rgb Black = new(0, 0, 0);
    private static readonly Rgb White = new(1, 1, 1);

    private static Canvas BlackCanvas(int width, int height)
    {
        var canvas = new Canvas(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                canvas.Set(x, y, Black);
            }
        }
        return canvas;
    }

    private static double CoverageSum(Canvas canvas)
    {
        double sum = 0;
        for (var i = 0; i < canvas.Pixels.Length; i += 3)
        {
            sum += canvas.Pixels[i];
        }
        return sum;
    }

    [Fact]
    public void A_rectangle_edge_at_x_10_5_half_covers_pixel_10()
    {
        var canvas = BlackCanvas(32, 32);
        var mask = new byte[32 * 32];
        Rasterizer.Fill(canvas, PolygonShape.Rectangle(10.5, 4, 20, 12), Paint.Solid(White), mask);
        var bytes = canvas.ToBytes();
        // Hand computation: pixel 10 spans [10, 11), the rectangle covers [10.5, 11) of it on every sample line.
        Assert.Equal(0.5f, canvas.Pixels[3 * ((6 * 32) + 10)]);
        Assert.Equal(128, bytes[3 * ((6 * 32) + 10)]); // ⌊0.5 · 255 + ½⌋
        Assert.Equal(255, bytes[3 * ((6 * 32) + 11)]);
        Assert.Equal(255, bytes[3 * ((6 * 32) + 19)]);
        Assert.Equal(0, bytes[3 * ((6 * 32) + 9)]);
        Assert.Equal(0, bytes[3 * ((6 * 32) + 20)]);
        Assert.Equal(0, bytes[3 * ((3 * 32) + 15)]);
        Assert.Equal(0, bytes[3 * ((12 * 32) + 15)]);
        // Coverage ≥ ½ goes into the mask: columns 10–19, rows 4–11.
        Assert.Equal(1, mask[(6 * 32) + 10]);
        Assert.Equal(0, mask[(6 * 32) + 9]);
        Assert.Equal(80, mask.Count(b => b == 1));
        Assert.Equal(9.5 * 8, CoverageSum(canvas), 1e-4);
    }

    [Fact]
    public void A_horizontal_edge_at_a_quarter_is_exact_with_four_sample_lines()
    {
        var canvas = BlackCanvas(16, 16);
        Rasterizer.Fill(canvas, PolygonShape.Rectangle(2, 3.75, 10, 8), Paint.Solid(White));
        // Row 3 spans [3, 4): the shape covers [3.75, 4), one of the four sample lines (3.875).
        Assert.Equal(0.25f, canvas.Pixels[3 * ((3 * 16) + 5)]);
        Assert.Equal(1f, canvas.Pixels[3 * ((4 * 16) + 5)]);
    }

    [Fact]
    public void Covered_area_matches_the_shape_area()
    {
        // A circle of radius 20: total coverage is π·r² up to the sampling error of 4 lines per row (≪ 1 %).
        var canvas = BlackCanvas(64, 64);
        Rasterizer.Fill(canvas, EllipseShape.Circle(31.3, 32.7, 20), Paint.Solid(White));
        Assert.Equal(Math.PI * 400, CoverageSum(canvas), Math.PI * 400 * 0.005);

        // A rotated rectangle 30 × 10 keeps its area 300.
        canvas = BlackCanvas(64, 64);
        var (sin, cos) = Trig.SinCos(0.4);
        Rasterizer.Fill(canvas, PolygonShape.Rectangle(-15, -5, 15, 5).Transform(new Similarity(1, cos, sin, false, 32.2, 31.9)), Paint.Solid(White));
        Assert.Equal(300, CoverageSum(canvas), 300 * 0.005);

        // A triangle with legs 40 and 30: area 600.
        canvas = BlackCanvas(64, 64);
        Rasterizer.Fill(canvas, new PolygonShape(5.5, 5.25, 45.5, 5.25, 5.5, 35.25), Paint.Solid(White));
        Assert.Equal(600, CoverageSum(canvas), 600 * 0.005);
    }

    [Fact]
    public void Coverage_blends_as_alpha_over_the_canvas()
    {
        var canvas = BlackCanvas(8, 8);
        Rasterizer.Fill(canvas, PolygonShape.Rectangle(0, 0, 8, 8), Paint.Solid(new Rgb(0.8f, 0.4f, 0.2f)));
        Rasterizer.Fill(canvas, PolygonShape.Rectangle(2.5, 0, 8, 8), Paint.Solid(White), null, 0.5f);
        // Pixel 2: coverage ½ · opacity ½ = ¼ of the way to white.
        Assert.Equal(0.8f + (0.25f * 0.2f), canvas.Pixels[3 * 2], 1e-6f);
        Assert.Equal(0.4f + (0.25f * 0.6f), canvas.Pixels[(3 * 2) + 1], 1e-6f);
        // Pixel 3: fully covered at opacity ½.
        Assert.Equal(0.2f + (0.5f * 0.8f), canvas.Pixels[(3 * 3) + 2], 1e-6f);
    }

    [Fact]
    public void Shapes_outside_the_canvas_are_clipped()
    {
        var canvas = BlackCanvas(10, 10);
        var mask = new byte[100];
        Rasterizer.Fill(canvas, PolygonShape.Rectangle(-5, -5, 3, 15), Paint.Solid(White), mask);
        Assert.Equal(30, CoverageSum(canvas), 1e-4);
        Assert.Equal(30, mask.Count(b => b == 1));
        Rasterizer.Fill(canvas, EllipseShape.Circle(50, 50, 3), Paint.Solid(White), mask);
        Assert.Equal(30, CoverageSum(canvas), 1e-4);
    }

    [Fact]
    public void Ellipse_intervals_match_a_brute_force_inside_test()
    {
        var (sin, cos) = Trig.SinCos(0.7);
        var ellipse = new EllipseShape(10, 12, 7, 3, cos, sin);
        Span<double> ends = stackalloc double[2];
        for (var y = 4.0; y < 20; y += 0.37)
        {
            var n = ellipse.Intervals(y, ends);
            for (var x = 0.0; x < 24; x += 0.013)
            {
                double u = x - 10, v = y - 12;
                double p = (u * cos) + (v * sin), q = (-u * sin) + (v * cos);
                var inside = ((p * p) / 49) + ((q * q) / 9) < 1;
                var byIntervals = n == 2 && x >= ends[0] && x < ends[1];
                var nearEdge = n == 2 && (Math.Abs(x - ends[0]) < 1e-9 || Math.Abs(x - ends[1]) < 1e-9);
                Assert.True(inside == byIntervals || nearEdge, $"({x}, {y})");
            }
        }
    }

    [Fact]
    public void Textures_mix_the_colour_with_its_darker_shade()
    {
        var red = new Rgb(0.8f, 0.1f, 0.1f);
        foreach (var texture in new[] { TextureKind.Striped, TextureKind.Dotted, TextureKind.Checked })
        {
            var paint = Paint.Pattern(texture, red, 12);
            var values = new HashSet<float>();
            for (var y = 0; y < 36; y++)
            {
                for (var x = 0; x < 36; x++)
                {
                    var c = paint.At(x, y);
                    // Every pixel lies on the segment from the shade (0.45 · red) to red.
                    Assert.InRange(c.R, (0.45f * 0.8f) - 1e-5f, 0.8f + 1e-5f);
                    Assert.Equal(c.R / 0.8f, c.G / 0.1f, 1e-4f);
                    values.Add(MathF.Round(c.R, 3));
                }
            }
            Assert.Contains(0.8f, values);
            Assert.Contains(MathF.Round(0.45f * 0.8f, 3), values);
        }
        Assert.Equal(red, Paint.Pattern(TextureKind.Plain, red, 12).At(3, 7));
    }
}
