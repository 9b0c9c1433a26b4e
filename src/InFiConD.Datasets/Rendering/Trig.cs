namespace InFiConD.Datasets;

/// <summary>
/// Sine and cosine from Taylor series in plain IEEE arithmetic. Math.Sin and Math.Cos call the platform's
/// C library, whose last bits may differ between systems; the world's pixels must not.
/// </summary>
internal static class Trig
{
    /// <summary>sin and cos of <paramref name="angle"/> (radians, |angle| ≤ 2π), accurate to about 1e−15.</summary>
    public static (double Sin, double Cos) SinCos(double angle)
    {
        // Reduce to [−π, π] with one exactly-representable step, then sum 20 terms of each series.
        if (angle > Math.PI)
        {
            angle -= 2 * Math.PI;
        }
        else if (angle < -Math.PI)
        {
            angle += 2 * Math.PI;
        }
        double sin = 0, cos = 0, term = 1;
        for (var k = 0; k < 20; k++)
        {
            // term = angle^(2k) / (2k)! with alternating sign.
            cos += term;
            var next = term * angle / ((2 * k) + 1);
            sin += next;
            term = -next * angle / ((2 * k) + 2);
        }
        return (sin, cos);
    }

    /// <summary>Degrees to radians.</summary>
    public static double Radians(double degrees) => degrees * (Math.PI / 180);
}
