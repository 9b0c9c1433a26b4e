namespace InFiConD.Datasets;

/// <summary>An ellipse with centre (cx, cy), radii (rx, ry) and its x-axis along (cos φ, sin φ).</summary>
internal sealed class EllipseShape : Shape
{
    private readonly double _cx, _cy, _rx, _ry, _cos, _sin;
    // Line y's inside set is A·u² + B·u + C ≤ 0 with u = x − cx; A and the v-terms are fixed per ellipse.
    private readonly double _a, _bFactor, _cFactor;

    public EllipseShape(double cx, double cy, double rx, double ry, double cos = 1, double sin = 0)
    {
        if (!(rx > 0) || !(ry > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(rx), $"Ellipse radii must be positive; got {rx} and {ry}.");
        }
        (_cx, _cy, _rx, _ry, _cos, _sin) = (cx, cy, rx, ry, cos, sin);
        double ia = 1 / (rx * rx), ib = 1 / (ry * ry);
        _a = (cos * cos * ia) + (sin * sin * ib);
        _bFactor = 2 * cos * sin * (ia - ib);
        _cFactor = (sin * sin * ia) + (cos * cos * ib);
        var halfWidth = Math.Sqrt((rx * rx * cos * cos) + (ry * ry * sin * sin));
        var halfHeight = Math.Sqrt((rx * rx * sin * sin) + (ry * ry * cos * cos));
        (Left, Right, Top, Bottom) = (cx - halfWidth, cx + halfWidth, cy - halfHeight, cy + halfHeight);
    }

    /// <summary>A circle.</summary>
    public static EllipseShape Circle(double cx, double cy, double r) => new(cx, cy, r, r);

    public override double Top { get; }

    public override double Bottom { get; }

    public override double Left { get; }

    public override double Right { get; }

    public override int MaxEndpoints => 2;

    public override int Intervals(double y, Span<double> endpoints)
    {
        var v = y - _cy;
        var b = _bFactor * v;
        var c = (_cFactor * v * v) - 1;
        var discriminant = (b * b) - (4 * _a * c);
        if (discriminant <= 0)
        {
            return 0;
        }
        var root = Math.Sqrt(discriminant);
        endpoints[0] = _cx + ((-b - root) / (2 * _a));
        endpoints[1] = _cx + ((-b + root) / (2 * _a));
        return 2;
    }

    public override Shape Transform(in Similarity transform)
    {
        var (cx, cy) = transform.Apply(_cx, _cy);
        var (cos, sin) = transform.Direction(_cos, _sin);
        return new EllipseShape(cx, cy, _rx * transform.Scale, _ry * transform.Scale, cos, sin);
    }
}
