using System.Buffers.Binary;
using System.Runtime.InteropServices;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Reads records of an <see cref="EmbeddingCache"/> without opening it for writing: no lock is taken, so a run may keep
/// appending to the cache (or open it) while a reader is alive, and a reader never repairs anything. The records present
/// when the reader opened are indexed by walking their headers only (no data is read); each <see cref="TryGet"/> reads one
/// record and checks its CRC, so a record a writer cut off or that is damaged is simply not found. For a front end that
/// shows one image at a time from a cache of any size. Thread-safe.
/// </summary>
public sealed class EmbeddingCacheReader
{
    private readonly Dictionary<UInt128, (long Offset, int Count)> _index;
    private readonly string _dataPath;

    private EmbeddingCacheReader(string directory, int dimension, Dictionary<UInt128, (long Offset, int Count)> index)
    {
        Directory = directory;
        Dimension = dimension;
        _dataPath = Path.Combine(directory, EmbeddingCache.DataFileName);
        _index = index;
    }

    /// <summary>The cache directory (full path).</summary>
    public string Directory { get; }

    /// <summary>The embedding width D.</summary>
    public int Dimension { get; }

    /// <summary>Number of records indexed when the reader opened.</summary>
    public int Count => _index.Count;

    /// <summary>Opens a cache made with the given model, segmentation and dimension for reading.</summary>
    /// <param name="directory">The cache directory.</param>
    /// <param name="modelId">The encoder's model id the cache must have been made with.</param>
    /// <param name="segmentationKey">The segmentation key it must have been made with.</param>
    /// <param name="dimension">The embedding width it must have.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory holds no cache header.</exception>
    /// <exception cref="InvalidFileException">The header is malformed or was written for another model, segmentation or dimension.</exception>
    public static EmbeddingCacheReader Open(string directory, string modelId, string segmentationKey, int dimension)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        ArgumentException.ThrowIfNullOrEmpty(segmentationKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var full = Path.GetFullPath(directory);
        var headerPath = Path.Combine(full, EmbeddingCache.HeaderFileName);
        if (!File.Exists(headerPath))
        {
            throw new DirectoryNotFoundException($"'{full}' is not an embedding cache: it has no {EmbeddingCache.HeaderFileName}.");
        }
        CacheHeader.Read(headerPath).EnsureMatches(headerPath, CacheHeader.For(modelId, segmentationKey, dimension));
        return new EmbeddingCacheReader(full, dimension, Index(Path.Combine(full, EmbeddingCache.DataFileName), dimension));
    }

    /// <summary>Reads an image's cached segments.</summary>
    /// <param name="contentHash">The image's content hash (64 hex digits, any case).</param>
    /// <param name="record">The record, or <see langword="null"/> when the cache does not hold a whole, undamaged one.</param>
    /// <returns>Whether the record was read.</returns>
    /// <exception cref="ArgumentException">The hash is not 64 hex digits.</exception>
    public bool TryGet(string contentHash, out SegmentEmbeddingRecord? record)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        Span<byte> hash = stackalloc byte[CacheRecordLayout.HashBytes];
        if (contentHash.Length != 2 * CacheRecordLayout.HashBytes || Convert.FromHexString(contentHash, hash, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new ArgumentException($"A content hash is 64 hex digits (a SHA-256), got '{contentHash}'.", nameof(contentHash));
        }
        record = null;
        if (!_index.TryGetValue(Key(hash), out var at))
        {
            return false;
        }
        var bytes = new byte[CacheRecordLayout.Size(at.Count, Dimension)];
        using (var file = new FileStream(_dataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1))
        {
            if (RandomAccess.Read(file.SafeFileHandle, bytes, at.Offset) != bytes.Length)
            {
                return false;
            }
        }
        var span = bytes.AsSpan();
        if (Crc32.Compute(span[..^4]) != BinaryPrimitives.ReadUInt32LittleEndian(span[^4..]) || !span.Slice(4, CacheRecordLayout.HashBytes).SequenceEqual(hash))
        {
            return false;
        }
        var boxes = new SegmentBox[at.Count];
        for (var k = 0; k < boxes.Length; k++)
        {
            var box = span[(CacheRecordLayout.BoxesOffset + (16 * k))..];
            boxes[k] = new SegmentBox(BinaryPrimitives.ReadInt32LittleEndian(box), BinaryPrimitives.ReadInt32LittleEndian(box[4..]),
                BinaryPrimitives.ReadInt32LittleEndian(box[8..]), BinaryPrimitives.ReadInt32LittleEndian(box[12..]));
        }
        var floats = MemoryMarshal.Cast<byte, float>(span.Slice((int)CacheRecordLayout.FloatsOffset(at.Count), 4 * at.Count * Dimension)).ToArray();
        record = new SegmentEmbeddingRecord(Convert.ToHexStringLower(hash), FloatMatrix.Wrap(floats, at.Count, Dimension), boxes);
        return true;
    }

    /// <summary>Walks the record headers from the start, seeking past each record's data, until the first that is not whole.</summary>
    private static Dictionary<UInt128, (long Offset, int Count)> Index(string dataPath, int dimension)
    {
        var index = new Dictionary<UInt128, (long, int)>();
        if (!File.Exists(dataPath))
        {
            return index;
        }
        using var file = new FileStream(dataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        var length = file.Length;
        var prefix = new byte[CacheRecordLayout.PrefixBytes];
        for (long at = 0; length - at >= prefix.Length;)
        {
            if (RandomAccess.Read(file.SafeFileHandle, prefix, at) != prefix.Length || BinaryPrimitives.ReadUInt32LittleEndian(prefix) != CacheRecordLayout.Magic)
            {
                break;
            }
            var count = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(4 + CacheRecordLayout.HashBytes));
            var size = CacheRecordLayout.Size(count, dimension);
            if (count is < 0 or > CacheRecordLayout.MaxSegments || length - at < size)
            {
                break;
            }
            index.TryAdd(Key(prefix.AsSpan(4, CacheRecordLayout.HashBytes)), (at, count));
            at += size;
        }
        return index;
    }

    /// <summary>The first 16 bytes of the hash: unique in practice; a record read back is checked against the whole hash.</summary>
    private static UInt128 Key(ReadOnlySpan<byte> hash) => BinaryPrimitives.ReadUInt128LittleEndian(hash);
}
