using System.Text;
using InFiConD.Core;

namespace InFiConD.Concepts;

/// <summary>Strict UTF-8 decoding for concept files: invalid bytes are an error that names the line, never a silent U+FFFD.</summary>
internal static class Utf8Text
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 with or without a byte-order mark.</summary>
    /// <exception cref="InvalidFileException">The bytes are not valid UTF-8; names the byte offset and line.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string source)
    {
        var bom = bytes.StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        var content = bytes[bom..];
        try
        {
            return Strict.GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            // The exception's index is relative to an internal buffer, so locate the bad byte ourselves.
            var offset = FirstInvalidOffset(content);
            var line = content[..offset].Count((byte)'\n') + 1;
            throw new InvalidFileException(source, null, line,
                $"invalid UTF-8 at byte offset {bom + offset}; concept files must be UTF-8 encoded (with or without BOM).", ex);
        }
    }

    /// <summary>Reads a whole stream and decodes it.</summary>
    /// <exception cref="InvalidFileException">The bytes are not valid UTF-8.</exception>
    public static string Decode(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), source);
    }

    /// <summary>Reads a whole text reader, dropping a leading byte-order mark character.</summary>
    public static string Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = reader.ReadToEnd();
        return text.StartsWith('\uFEFF') ? text[1..] : text;
    }

    private static int FirstInvalidOffset(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }
            i += consumed;
        }
        return bytes.Length;
    }
}
