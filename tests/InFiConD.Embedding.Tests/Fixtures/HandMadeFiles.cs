using System.Buffers.Binary;

namespace InFiConD.Embedding.Tests;

/// <summary>Files built byte by byte, for headers and formats ImageSharp cannot write.</summary>
internal static class HandMadeFiles
{
    /// <summary>
    /// A PNG whose IHDR (with a correct CRC) claims <paramref name="width"/> × <paramref name="height"/>
    /// 8-bit RGB pixels, followed by an empty IDAT and IEND: a few dozen bytes that would need gigabytes to decode.
    /// </summary>
    public static byte[] PngHeader(uint width, uint height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 2;  // colour type: RGB
        // compression, filter, interlace: 0
        WriteChunk(stream, "IHDR", ihdr);
        WriteChunk(stream, "IDAT", []);
        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        stream.Write(length);
        var typeAndData = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        stream.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typeAndData));
        stream.Write(length);
    }

    /// <summary>CRC-32 (ISO 3309, as PNG uses), bit by bit: slow and obviously right.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
