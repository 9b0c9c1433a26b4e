using System.Numerics;

namespace InFiConD.Core;

public static partial class Kernels
{
    /// <summary>
    /// Colour values in [0, 1] as bytes: <c>destination[i] = ⌊clamp(source[i], 0, 1) · 255 + ½⌋</c>.
    /// </summary>
    /// <param name="source">The values (finite; outside [0, 1] they clamp).</param>
    /// <param name="destination">Receives one byte per value; as long as <paramref name="source"/>.</param>
    /// <exception cref="ShapeMismatchException">The lengths differ.</exception>
    /// <remarks>Element-wise, so every vector width (and the scalar tail) gives the same bytes.</remarks>
    public static void QuantizeUnitToBytes(ReadOnlySpan<float> source, Span<byte> destination)
    {
        if (destination.Length != source.Length)
        {
            throw new ShapeMismatchException("QuantizeUnitToBytes destination", $"{source.Length} bytes (one per value)", $"{destination.Length} bytes");
        }
        var i = 0;
        var width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            // Four float vectors narrow to one byte vector.
            for (; i <= source.Length - (4 * width); i += 4 * width)
            {
                var low = Vector.Narrow(Quantise(source[i..]), Quantise(source[(i + width)..]));
                var high = Vector.Narrow(Quantise(source[(i + (2 * width))..]), Quantise(source[(i + (3 * width))..]));
                Vector.Narrow(low, high).CopyTo(destination[i..]);
            }
        }
        for (; i < source.Length; i++)
        {
            destination[i] = (byte)((Math.Clamp(source[i], 0f, 1f) * 255f) + 0.5f);
        }
    }

    private static Vector<uint> Quantise(ReadOnlySpan<float> source)
    {
        var v = Vector.Min(Vector.Max(new Vector<float>(source), Vector<float>.Zero), Vector<float>.One);
        return Vector.AsVectorUInt32(Vector.ConvertToInt32((v * 255f) + new Vector<float>(0.5f)));
    }
}
