namespace InFiConD.Datasets;

/// <summary>
/// p ↦ t + s·R(θ)·(±x, y): uniform scale, rotation, optional horizontal mirror and translation. Uniform
/// scale keeps circles circles and ellipses ellipses, which keeps shape transforms exact.
/// </summary>
/// <param name="Scale">Pixels per local unit, &gt; 0.</param>
/// <param name="Cos">cos θ.</param>
/// <param name="Sin">sin θ.</param>
/// <param name="Mirror">Whether local x is negated before rotating.</param>
/// <param name="X">Translation in x.</param>
/// <param name="Y">Translation in y.</param>
internal readonly record struct Similarity(double Scale, double Cos, double Sin, bool Mirror, double X, double Y)
{
    /// <summary>Scale and translation only.</summary>
    public static Similarity Place(double scale, double x, double y) => new(scale, 1, 0, false, x, y);

    /// <summary>The image of local point (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (double X, double Y) Apply(double x, double y)
    {
        var lx = Mirror ? -x : x;
        return (X + (Scale * ((Cos * lx) - (Sin * y))), Y + (Scale * ((Sin * lx) + (Cos * y))));
    }

    /// <summary>The image of a direction (cos φ, sin φ): mirrored, then rotated.</summary>
    public (double Cos, double Sin) Direction(double cos, double sin)
    {
        var s = Mirror ? -sin : sin;
        return ((cos * Cos) - (s * Sin), (s * Cos) + (cos * Sin));
    }
}
