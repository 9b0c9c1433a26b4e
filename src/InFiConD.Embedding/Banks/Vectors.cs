using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>Small float64 vector helpers for bank building, where accuracy matters more than speed.</summary>
/// <remarks>
/// <see cref="Dot"/> is a plain unfused loop, not Core's <c>Kernels.Dot</c>: exemplar embeddings are normalised with it,
/// and the fused, lane-ordered product rounds differently, which would change every concept bank's bits.
/// </remarks>
internal static class Vectors
{
    internal static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /// <summary>Scales to unit L2 norm; a zero vector stays zero.</summary>
    internal static void NormalizeInPlace(double[] v)
    {
        var norm = Math.Sqrt(Dot(v, v));
        if (norm > 0)
        {
            for (var i = 0; i < v.Length; i++)
            {
                v[i] /= norm;
            }
        }
    }

    /// <summary>A float row as a unit float64 vector.</summary>
    /// <exception cref="NonFiniteValueException">The row holds NaN or ±∞; <paramref name="field"/> names what it is.</exception>
    /// <exception cref="InFiConDException">The row is all zeros, so it has no direction.</exception>
    internal static double[] Normalized(ReadOnlySpan<float> row, string field, long rowIndex)
    {
        var v = new double[row.Length];
        for (var j = 0; j < row.Length; j++)
        {
            if (!float.IsFinite(row[j]))
            {
                throw new NonFiniteValueException(field, rowIndex, j, row[j]);
            }
            v[j] = row[j];
        }
        if (Dot(v, v) == 0)
        {
            throw new InFiConDException($"The {field} is all zeros, so it has no direction to normalise.");
        }
        NormalizeInPlace(v);
        return v;
    }

    internal static void CopyTo(double[] source, Span<float> destination)
    {
        for (var j = 0; j < source.Length; j++)
        {
            destination[j] = (float)source[j];
        }
    }
}
