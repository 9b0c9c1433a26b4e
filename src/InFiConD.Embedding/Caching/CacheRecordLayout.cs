using System.Buffers.Binary;
using System.Runtime.InteropServices;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// The byte layout of one cache record, all little-endian:
/// <c>[magic u32][content hash 32 bytes][segment count u32][boxes: 4 × i32 each][floats: count × D f32][CRC-32 of the preceding bytes u32]</c>.
/// The record's length follows from the count, so records are found by walking from the file's start.
/// </summary>
internal static class CacheRecordLayout
{
    /// <summary>"ICS1" read as a little-endian u32: marks a record start, so a walk into garbage stops at once.</summary>
    public const uint Magic = 0x31534349;

    public const int HashBytes = 32;

    /// <summary>Magic, hash and count.</summary>
    public const int PrefixBytes = 4 + HashBytes + 4;

    /// <summary>
    /// A bound on segments per image, far above any real segmentation: a corrupted count must not make the
    /// open-time walk allocate gigabytes before the CRC can reject the record.
    /// </summary>
    public const int MaxSegments = 1 << 16;

    public static long Size(int count, int dimension) => PrefixBytes + (16L * count) + (4L * count * dimension) + 4;

    public static int BoxesOffset => PrefixBytes;

    public static long FloatsOffset(int count) => PrefixBytes + (16L * count);

    /// <summary>Serialises a record (checked by the caller) with its CRC.</summary>
    public static byte[] Encode(SegmentEmbeddingRecord record, int dimension)
    {
        var count = record.Boxes.Count;
        var bytes = new byte[checked((int)Size(count, dimension))];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        Convert.FromHexString(record.ContentHash, span.Slice(4, HashBytes), out _, out _);
        BinaryPrimitives.WriteInt32LittleEndian(span[(4 + HashBytes)..], count);
        var at = BoxesOffset;
        foreach (var box in record.Boxes)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], box.X);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 4)..], box.Y);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 8)..], box.Width);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 12)..], box.Height);
            at += 16;
        }
        // Floats are written in the machine's order; EmbeddingCache refuses big-endian machines, so this is little-endian.
        MemoryMarshal.AsBytes(record.Segments.AsSpan()).CopyTo(span[at..]);
        var crcAt = bytes.Length - 4;
        BinaryPrimitives.WriteUInt32LittleEndian(span[crcAt..], Crc32.Compute(span[..crcAt]));
        return bytes;
    }

    /// <summary>Checks a record's shape before it is written, naming what is wrong.</summary>
    public static void Validate(SegmentEmbeddingRecord record, int dimension)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.Segments);
        ArgumentNullException.ThrowIfNull(record.Boxes);
        if (record.ContentHash is not { Length: 2 * HashBytes } || !record.ContentHash.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"ContentHash must be 64 hex digits (a SHA-256), got '{record.ContentHash}'.", nameof(record));
        }
        if (record.Segments.Columns != dimension || record.Segments.Rows != record.Boxes.Count)
        {
            throw new ShapeMismatchException($"segments of {record.ContentHash}", $"{record.Boxes.Count} × {dimension} (one row per box, the cache's dimension)", $"{record.Segments.Rows} × {record.Segments.Columns}");
        }
        if (record.Boxes.Count > MaxSegments)
        {
            throw new ArgumentOutOfRangeException(nameof(record), $"{record.Boxes.Count} segments for {record.ContentHash}; a cache record holds at most {MaxSegments}.");
        }
    }
}
