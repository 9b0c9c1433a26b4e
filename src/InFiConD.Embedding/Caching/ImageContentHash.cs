using System.Buffers.Binary;
using System.Security.Cryptography;

namespace InFiConD.Embedding;

/// <summary>
/// The content hash that keys an <see cref="EmbeddingCache"/>: SHA-256 of what the image is, not of its id
/// or path, so a renamed or copied image still hits the cache and an edited one misses it.
/// </summary>
public static class ImageContentHash
{
    // Prefix of the hashed bytes for decoded pixels: keeps raw RGB from ever hashing like an encoded file.
    private static readonly byte[] DecodedDomain = "infcd-rgb8\0"u8.ToArray();

    /// <summary>
    /// Hashes an item's content, looked for in the decoder's order: <see cref="ImageItem.Decoded"/> pixels
    /// (SHA-256 of a fixed prefix, width and height as little-endian int32 and the RGB bytes), then
    /// <see cref="ImageItem.Encoded"/> bytes, the <see cref="ImageItem.OpenStream"/> content or the file at
    /// <see cref="ImageItem.Path"/> (SHA-256 of the encoded bytes, as <c>sha256sum</c> prints it).
    /// </summary>
    /// <param name="item">The image.</param>
    /// <param name="hash">64 lower-case hex digits, or <see langword="null"/> when the content could not be read.</param>
    /// <returns><see langword="false"/> when the item has no content or it could not be read (the encoder then reports why).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is <see langword="null"/>.</exception>
    public static bool TryCompute(ImageItem item, out string? hash)
    {
        ArgumentNullException.ThrowIfNull(item);
        hash = null;
        try
        {
            if (item.Decoded is { } image)
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                Span<byte> size = stackalloc byte[8];
                BinaryPrimitives.WriteInt32LittleEndian(size, image.Width);
                BinaryPrimitives.WriteInt32LittleEndian(size[4..], image.Height);
                sha.AppendData(DecodedDomain);
                sha.AppendData(size);
                sha.AppendData(image.Rgb);
                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            }
            else if (item.Encoded is { } bytes)
            {
                hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            }
            else if (item.OpenStream is { } open)
            {
                using var stream = open();
                hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            else if (item.Path is { } path)
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
        }
        // An unreadable image is not a run error: it goes to the encoder uncached, which reports it by name.
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return hash is not null;
    }
}
