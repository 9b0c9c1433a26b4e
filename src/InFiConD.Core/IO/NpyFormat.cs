using System.Globalization;
using System.Text;

namespace InFiConD.Core;

/// <summary>Constants and small helpers of the <c>.npy</c> format shared by the reader and the writer.</summary>
internal static class NpyFormat
{
    /// <summary>The six magic bytes every <c>.npy</c> file starts with: <c>\x93NUMPY</c>.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Data starts at a multiple of this many bytes, as NumPy ≥ 1.14 writes (<c>ARRAY_ALIGN</c>).</summary>
    public const int Alignment = 64;

    /// <summary>NumPy pads the header so the first shape entry can grow to this many digits in place.</summary>
    public const int GrowthAxisMaxDigits = 21;

    /// <summary>Longest header the reader accepts; real headers are well under a kilobyte.</summary>
    public const int MaxHeaderLength = 1 << 20;

    /// <summary>The supported dtypes, for error messages.</summary>
    public const string SupportedDtypes = "'<f4' (float32), '<f8' (float64), '<i8' (int64) and '<i2' (int16), little- or big-endian";

    public static string Descr(NpyDataType type) => type switch
    {
        NpyDataType.Float32 => "<f4",
        NpyDataType.Float64 => "<f8",
        NpyDataType.Int64 => "<i8",
        NpyDataType.Int16 => "<i2",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown NpyDataType."),
    };

    public static int ItemSize(NpyDataType type) => type switch
    {
        NpyDataType.Float32 => 4,
        NpyDataType.Int16 => 2,
        _ => 8,
    };

    public static string Name(NpyDataType type) => type switch
    {
        NpyDataType.Float32 => "float32",
        NpyDataType.Float64 => "float64",
        NpyDataType.Int16 => "int16",
        _ => "int64",
    };

    /// <summary>Formats a shape as Python's <c>repr</c> of a tuple: <c>()</c>, <c>(5,)</c>, <c>(2, 3)</c>.</summary>
    public static string FormatShape(ReadOnlySpan<long> shape)
    {
        var text = new StringBuilder("(");
        for (var i = 0; i < shape.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(shape[i].ToString(CultureInfo.InvariantCulture));
        }
        return text.Append(shape.Length == 1 ? ",)" : ")").ToString();
    }

    /// <summary>Multiplies non-negative dimensions; false when the product exceeds <see cref="long.MaxValue"/>.</summary>
    public static bool TryElementCount(ReadOnlySpan<long> shape, out long count)
    {
        count = 1;
        if (shape.Contains(0L))
        {
            count = 0;
            return true;
        }
        foreach (var dimension in shape)
        {
            if (count > long.MaxValue / dimension)
            {
                return false;
            }
            count *= dimension;
        }
        return true;
    }

    /// <summary>Checks that every dimension is non-negative and that their product equals <paramref name="length"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    /// <exception cref="ShapeMismatchException">The product of the dimensions differs from <paramref name="length"/>.</exception>
    public static void CheckShape(ReadOnlySpan<long> shape, long length, string valuesName)
    {
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), $"Shape {FormatShape(shape)} has a negative dimension.");
            }
        }
        var fits = TryElementCount(shape, out var count);
        if (!fits || count != length)
        {
            var expected = fits ? count.ToString(CultureInfo.InvariantCulture) : "more than 2^63";
            throw new ShapeMismatchException(valuesName, $"{expected} values (shape {FormatShape(shape)})", $"{length} values");
        }
    }
}
