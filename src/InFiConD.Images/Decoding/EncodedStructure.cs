using System.Buffers.Binary;

namespace InFiConD.Embedding;

/// <summary>What a structural walk of an encoded file found.</summary>
internal enum StructureVerdict
{
    /// <summary>The file reaches its end marker.</summary>
    Complete,

    /// <summary>The data stops before the end marker.</summary>
    Truncated,

    /// <summary>The walk could not follow the structure; leave the verdict to the decoder.</summary>
    Unclear,
}

/// <summary>
/// Walks the container structure of PNG and JPEG files to tell a truncated file from a damaged one.
/// ImageSharp, like libjpeg, decodes a truncated JPEG (or a PNG missing its last chunks) into an image
/// whose missing part is grey or black without an error; a dataset wants to hear about that.
/// </summary>
internal static class EncodedStructure
{
    /// <summary>
    /// Checks a PNG: chunks are followed by length until IEND. A chunk whose type is not four ASCII letters, or whose
    /// length is over 2³¹ − 1, is damage rather than a cut (a corrupted length field lands the walk in the middle of
    /// data), so the walk gives up as <see cref="StructureVerdict.Unclear"/> there.
    /// </summary>
    public static StructureVerdict CheckPng(ReadOnlySpan<byte> data)
    {
        long position = 8; // signature
        while (position + 8 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data.Slice((int)position, 4));
            var type = data.Slice((int)position + 4, 4);
            if (type.SequenceEqual("IEND"u8))
            {
                return StructureVerdict.Complete;
            }
            if (length > int.MaxValue || !IsChunkType(type))
            {
                return StructureVerdict.Unclear;
            }
            position += 12L + length; // length, type, data, CRC
        }
        return StructureVerdict.Truncated;
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Checks a JPEG: marker segments are followed by length, entropy-coded data after each SOS is scanned
    /// for the next marker (0xFF followed by anything but 0x00, a fill 0xFF or a restart marker), until EOI.
    /// Segments are skipped whole, so an EOI inside an embedded EXIF thumbnail is not mistaken for the end.
    /// </summary>
    public static StructureVerdict CheckJpeg(ReadOnlySpan<byte> data)
    {
        var position = 2; // SOI
        while (true)
        {
            if (position >= data.Length)
            {
                return StructureVerdict.Truncated;
            }
            if (data[position] != 0xFF)
            {
                return StructureVerdict.Unclear;
            }
            while (position < data.Length && data[position] == 0xFF)
            {
                position++; // fill bytes before a marker
            }
            if (position >= data.Length)
            {
                return StructureVerdict.Truncated;
            }
            var marker = data[position++];
            if (marker == 0xD9)
            {
                return StructureVerdict.Complete;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                continue; // stand-alone markers carry no length
            }
            if (position + 2 > data.Length)
            {
                return StructureVerdict.Truncated;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position, 2));
            if (length < 2)
            {
                return StructureVerdict.Unclear;
            }
            if ((long)position + length > data.Length)
            {
                return StructureVerdict.Truncated;
            }
            position += length;
            if (marker == 0xDA && !SkipEntropyData(data, ref position))
            {
                return StructureVerdict.Truncated;
            }
        }
    }

    private static bool SkipEntropyData(ReadOnlySpan<byte> data, ref int position)
    {
        while (position < data.Length)
        {
            var next = data[position..].IndexOf((byte)0xFF);
            if (next < 0 || position + next + 1 >= data.Length)
            {
                return false;
            }
            position += next;
            var following = data[position + 1];
            if (following == 0x00 || following is >= 0xD0 and <= 0xD7)
            {
                position += 2; // stuffed byte or restart marker: still entropy data
                continue;
            }
            if (following == 0xFF)
            {
                position++; // fill byte
                continue;
            }
            return true; // a real marker; the caller reads it at position
        }
        return false;
    }
}
