namespace InFiConD.Datasets;

/// <summary>A simple polygon filled with the even–odd rule; vertices as x₀, y₀, x₁, y₁, ….</summary>
internal sealed class PolygonShape : Shape
{
    private readonly double[] _xy;

    public PolygonShape(params double[] xy)
    {
        if (xy.Length < 6 || xy.Length % 2 != 0)
        {
            throw new ArgumentException($"A polygon needs at least three vertices as x, y pairs; got {xy.Length} numbers.", nameof(xy));
        }
        _xy = xy;
        double top = double.MaxValue, bottom = double.MinValue, left = double.MaxValue, right = double.MinValue;
        for (var i = 0; i < xy.Length; i += 2)
        {
            left = Math.Min(left, xy[i]);
            right = Math.Max(right, xy[i]);
            top = Math.Min(top, xy[i + 1]);
            bottom = Math.Max(bottom, xy[i + 1]);
        }
        (Top, Bottom, Left, Right) = (top, bottom, left, right);
    }

    /// <summary>The axis-aligned rectangle [x₀, x₁] × [y₀, y₁].</summary>
    public static PolygonShape Rectangle(double x0, double y0, double x1, double y1) => new(x0, y0, x1, y0, x1, y1, x0, y1);

    public override double Top { get; }

    public override double Bottom { get; }

    public override double Left { get; }

    public override double Right { get; }

    public override int MaxEndpoints => _xy.Length / 2;

    public override int Intervals(double y, Span<double> endpoints)
    {
        var n = _xy.Length / 2;
        var count = 0;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            double xi = _xy[2 * i], yi = _xy[(2 * i) + 1], xj = _xy[2 * j], yj = _xy[(2 * j) + 1];
            // Half-open in y so a vertex on the line counts once.
            if ((yi <= y && y < yj) || (yj <= y && y < yi))
            {
                var x = xi + ((y - yi) * (xj - xi) / (yj - yi));
                // Insertion sort: a handful of crossings per line.
                var k = count++;
                while (k > 0 && endpoints[k - 1] > x)
                {
                    endpoints[k] = endpoints[k - 1];
                    k--;
                }
                endpoints[k] = x;
            }
        }
        return count & ~1;
    }

    public override Shape Transform(in Similarity transform)
    {
        var xy = new double[_xy.Length];
        for (var i = 0; i < xy.Length; i += 2)
        {
            (xy[i], xy[i + 1]) = transform.Apply(_xy[i], _xy[i + 1]);
        }
        return new PolygonShape(xy);
    }
}
