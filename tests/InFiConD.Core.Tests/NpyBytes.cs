using System.Buffers.Binary;
using System.Text;

namespace InFiConD.Core.Tests;

/// <summary>
/// Builds <c>.npy</c> content byte by byte, independently of the library's writer: magic, version, the
/// little-endian header length (2 bytes for version 1, 4 otherwise) and the header exactly as given.
/// </summary>
internal static class NpyBytes
{
    public static byte[] File(int major, string header, byte[] data, Encoding? encoding = null)
    {
        var text = (encoding ?? Encoding.Latin1).GetBytes(header);
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        bytes.AddRange(major == 1
            ? [(byte)text.Length, (byte)(text.Length >> 8)]
            : [(byte)text.Length, (byte)(text.Length >> 8), (byte)(text.Length >> 16), (byte)(text.Length >> 24)]);
        bytes.AddRange(text);
        bytes.AddRange(data);
        return [.. bytes];
    }

    /// <summary>Version 1.0 content with a float32 (2, 3) header in NumPy's layout and the given data.</summary>
    public static byte[] Float32Header2x3(byte[] data) =>
        File(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + new string(' ', 58) + "\n", data);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static byte[] FloatsLittleEndian(params float[] values) => Encode(values, 4, (s, v) => BinaryPrimitives.WriteSingleLittleEndian(s, v));

    public static byte[] DoublesLittleEndian(params double[] values) => Encode(values, 8, (s, v) => BinaryPrimitives.WriteDoubleLittleEndian(s, v));

    public static byte[] LongsLittleEndian(params long[] values) => Encode(values, 8, (s, v) => BinaryPrimitives.WriteInt64LittleEndian(s, v));

    public static byte[] FloatsBigEndian(params float[] values) => Encode(values, 4, (s, v) => BinaryPrimitives.WriteSingleBigEndian(s, v));

    private delegate void Writer<T>(Span<byte> destination, T value);

    private static byte[] Encode<T>(T[] values, int size, Writer<T> write)
    {
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            write(bytes.AsSpan(i * size, size), values[i]);
        }
        return bytes;
    }
}

/// <summary>Test conveniences for byte arrays.</summary>
internal static class ByteArrayExtensions
{
    public static MemoryStream AsStream(this byte[] bytes) => new(bytes, writable: false);
}
