using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace InFiConD.Core;

/// <summary>
/// Builds <c>.npy</c> headers byte for byte as NumPy's <c>np.save</c> does (<c>numpy.lib.format</c>, NumPy
/// 1.14 to 2.x): keys sorted, <c>fortran_order</c> False, room for the first dimension to grow to 21 digits,
/// then spaces and a final <c>'\n'</c> so the data starts at a multiple of 64 bytes. Version 1.0 when the
/// header length fits its 2-byte field, otherwise 2.0.
/// </summary>
internal static class NpyHeaderWriter
{
    /// <summary>The complete prefix (magic, version, header length and padded header) for an array.</summary>
    public static byte[] Build(NpyDataType type, ReadOnlySpan<long> shape)
    {
        var dict = $"{{'descr': '{NpyFormat.Descr(type)}', 'fortran_order': False, 'shape': {NpyFormat.FormatShape(shape)}, }}";
        // NumPy: header += " " * (GROWTH_AXIS_MAX_DIGITS - len(repr(shape[0]))) for non-scalar shapes.
        var growth = shape.IsEmpty ? 0 : Math.Max(NpyFormat.GrowthAxisMaxDigits - shape[0].ToString(CultureInfo.InvariantCulture).Length, 0);
        var textLength = dict.Length + growth + 1;
        var (major, prefixLength) = (1, 10);
        var headerLength = Padded(prefixLength, textLength);
        if (headerLength > ushort.MaxValue)
        {
            (major, prefixLength) = (2, 12);
            headerLength = Padded(prefixLength, textLength);
        }
        var bytes = new byte[prefixLength + headerLength];
        NpyFormat.Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        }
        var written = Encoding.ASCII.GetBytes(dict, bytes.AsSpan(prefixLength));
        bytes.AsSpan(prefixLength + written).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>NumPy's rule: pad by 64 - (prefix + text) % 64 bytes, so 1 to 64 bytes, never 0.</summary>
    private static int Padded(int prefixLength, int textLength) =>
        textLength + NpyFormat.Alignment - (prefixLength + textLength) % NpyFormat.Alignment;
}
