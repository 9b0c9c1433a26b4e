namespace InFiConD.Embedding;

/// <summary>Reads an item's encoded bytes into memory, turning I/O problems into failures.</summary>
internal readonly record struct EncodedContent(byte[]? Bytes, DecodeFailure? Failure)
{
    /// <summary>Reads the item's <see cref="ImageItem.Encoded"/> bytes, stream or file, within <paramref name="maxBytes"/>.</summary>
    public static EncodedContent Read(ImageItem item, long maxBytes)
    {
        try
        {
            if (item.Encoded is { } encoded)
            {
                return encoded.LongLength > maxBytes ? TooLarge(item, encoded.LongLength, maxBytes) : new(encoded, null);
            }
            if (item.OpenStream is { } open)
            {
                using var stream = open();
                return ReadStream(item, stream, maxBytes);
            }
            if (item.Path is { } path)
            {
                var file = new FileInfo(path);
                if (!file.Exists)
                {
                    return Failed(item, DecodeFailureReason.Missing, "the file does not exist.");
                }
                if (file.Length > maxBytes)
                {
                    return TooLarge(item, file.Length, maxBytes);
                }
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                return ReadStream(item, stream, maxBytes);
            }
            return Failed(item, DecodeFailureReason.Missing, "the item has no path, bytes, stream or pixels.");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(item, DecodeFailureReason.Missing, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return Failed(item, DecodeFailureReason.Unreadable, ex.Message);
        }
    }

    private static EncodedContent ReadStream(ImageItem item, Stream stream, long maxBytes)
    {
        // Read at most one byte past the limit so an endless or huge stream is refused early.
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return TooLarge(item, buffer.Length, maxBytes);
            }
        }
        return new(buffer.ToArray(), null);
    }

    private static EncodedContent TooLarge(ImageItem item, long length, long maxBytes) =>
        Failed(item, DecodeFailureReason.TooLarge, $"the encoded image is {(length > maxBytes ? "over " : "")}{length} bytes; the limit is {maxBytes}.");

    private static EncodedContent Failed(ImageItem item, DecodeFailureReason reason, string message) =>
        new(null, new DecodeFailure(item.Id, item.Path, reason, message));
}
