namespace InFiConD.Core.Tests;

/// <summary>Double-precision brute-force references and the tolerances the kernel tests share.</summary>
internal static class Reference
{
    /// <summary>Relative tolerance of a float32 dot product of length d against its float64 value, scaled by Σ|a·b|.</summary>
    public const double DotTolerance = 1e-5;

    public static FloatMatrix Random(int rows, int columns, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var m = new FloatMatrix(rows, columns);
        var span = m.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        }
        return m;
    }

    public static FloatMatrix UnitRows(int rows, int columns, int seed)
    {
        var m = Random(rows, columns, seed);
        for (var r = 0; r < rows; r++)
        {
            var row = m.Row(r);
            double ss = 0;
            foreach (var v in row)
            {
                ss += (double)v * v;
            }
            var inv = 1 / Math.Sqrt(ss);
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = (float)(row[j] * inv);
            }
        }
        return m;
    }

    /// <summary>Returns (dot, Σ|a_p·b_p|) in float64.</summary>
    public static (double Dot, double Magnitude) Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, magnitude = 0;
        for (var p = 0; p < a.Length; p++)
        {
            var t = (double)a[p] * b[p];
            dot += t;
            magnitude += Math.Abs(t);
        }
        return (dot, magnitude);
    }

    public static double Norm(ReadOnlySpan<float> a) => Math.Sqrt(Dot(a, a).Dot);

    public static void AssertClose(double expected, double actual, double magnitude, string where)
    {
        var tolerance = DotTolerance * Math.Max(magnitude, 1e-30) + 1e-30;
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{where}: expected {expected}, got {actual} (tolerance {tolerance})");
    }
}
