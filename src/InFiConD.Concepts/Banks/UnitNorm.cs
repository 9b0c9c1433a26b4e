namespace InFiConD.Concepts;

/// <summary>L2 norms of concept vectors, accumulated in double so the unit check does not depend on summation error.</summary>
internal static class UnitNorm
{
    public static double Of(ReadOnlySpan<float> row)
    {
        var sum = 0.0;
        foreach (var v in row)
        {
            sum += (double)v * v;
        }
        return Math.Sqrt(sum);
    }

    public static bool IsUnit(double norm) => Math.Abs(norm - 1) <= ConceptBank.NormTolerance;

    public static void Scale(Span<float> row, double norm)
    {
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = (float)(row[i] / norm);
        }
    }
}
