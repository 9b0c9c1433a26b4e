using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// An on-disk, append-only cache of segment embeddings for one encoder and segmentation, keyed by image
/// content hash (<see cref="ImageContentHash"/>). A cache is a directory holding <see cref="HeaderFileName"/>
/// (JSON: format, version, model id, segmentation key, dimension; written atomically) and
/// <see cref="DataFileName"/> (records appended one after another, each with its own CRC-32).
/// <para>
/// Crash safety: appends are flushed to disk per batch, and <see cref="Open(string, string, string, int)"/>
/// walks the records in order and truncates the file at the first one that is torn (cut short by a killed
/// run) or fails its CRC, reporting the bytes dropped in <see cref="DroppedBytes"/>. Records before that
/// point are never touched, so a killed run resumes where it stopped. A corrupted record mid-file also
/// drops every record after it (a record's length comes from its own count, so nothing after a bad record
/// can be trusted); those images are simply encoded again.
/// </para>
/// <para>
/// Reads are memory-mapped; an index from hash to record is built on open. The instance itself is thread-safe.
/// </para>
/// <para>
/// One writer per directory at a time: <see cref="Open(string, string, string, int)"/> takes an exclusive lock on
/// <see cref="LockFileName"/> (a sidecar file, opened with <see cref="FileShare.None"/>) before it reads or writes
/// anything, and holds it until <see cref="Dispose"/>; a second open of the same directory, from another process or
/// this one, fails at once with <see cref="CacheInUseException"/> instead of interleaving appends with the first.
/// On Linux and macOS this is an advisory <c>flock</c>, which every EmbeddingCache honours (unless the process sets
/// <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>); a process or machine that dies releases it. Shards of one run use
/// separate directories and <see cref="Merge"/>.
/// </para>
/// </summary>
public sealed class EmbeddingCache : IDisposable
{
    /// <summary>The header's file name inside the cache directory.</summary>
    public const string HeaderFileName = "cache.json";

    /// <summary>The data file's name inside the cache directory.</summary>
    public const string DataFileName = "segments.bin";

    /// <summary>The lock file's name inside the cache directory: held exclusively while a cache is open; left in place when it closes.</summary>
    public const string LockFileName = "cache.lock";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Offset, int Count)> _index = new(StringComparer.Ordinal);
    private readonly FileStream _writer;
    private readonly FileStream _lock;
    private readonly CacheHeader _header;
    private MemoryMappedFile? _map;
    private MemoryMappedViewAccessor? _view;
    private long _mappedLength;
    private bool _disposed;

    private EmbeddingCache(string directory, CacheHeader header, FileStream writer, FileStream lockFile)
    {
        Directory = directory;
        _header = header;
        _writer = writer;
        _lock = lockFile;
    }

    /// <summary>The cache directory (full path).</summary>
    public string Directory { get; }

    /// <summary>The encoder <see cref="IImageEncoder.ModelId"/> the records were made with.</summary>
    public string ModelId => _header.ModelId;

    /// <summary>The segmentation key the records were made with.</summary>
    public string SegmentationKey => _header.Segmentation;

    /// <summary>The embedding width D.</summary>
    public int Dimension => _header.Dimension;

    /// <summary>Bytes cut from the end of the data file on open (a torn or corrupted tail); 0 when it was whole.</summary>
    public long DroppedBytes { get; private set; }

    /// <summary>Why bytes were dropped on open (with the byte offset), or <see langword="null"/> when none were.</summary>
    public string? DropReason { get; private set; }

    /// <summary>Number of images in the cache.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>
    /// Opens the cache in <paramref name="directory"/>, creating it when the directory holds none, and
    /// repairs a torn tail left by a killed run (see <see cref="DroppedBytes"/>).
    /// </summary>
    /// <param name="directory">The cache directory; created when missing.</param>
    /// <param name="modelId">The encoder's <see cref="IImageEncoder.ModelId"/>.</param>
    /// <param name="segmentationKey">The segmentation's key (for example <see cref="Segmentation.Key"/>).</param>
    /// <param name="dimension">The embedding width, at least 1.</param>
    /// <returns>The open cache; dispose it to release the files.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/>, <paramref name="modelId"/> or <paramref name="segmentationKey"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is below 1.</exception>
    /// <exception cref="InvalidFileException">The header is malformed or was written for another model id, segmentation or
    /// dimension (names the header file and the field), or a data file exists without a header.</exception>
    /// <exception cref="CacheInUseException">The directory's cache is open elsewhere (another process, or another instance in this one).</exception>
    /// <exception cref="PlatformNotSupportedException">The machine is big-endian (records are little-endian floats read in place).</exception>
    public static EmbeddingCache Open(string directory, string modelId, string segmentationKey, int dimension)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        ArgumentException.ThrowIfNullOrEmpty(segmentationKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("EmbeddingCache stores little-endian floats and reads them in place; this machine is big-endian.");
        }
        var full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        // The lock comes first: header checks, tail repair and appends all assume no other writer.
        var lockFile = AcquireLock(full);
        try
        {
            return OpenLocked(full, modelId, segmentationKey, dimension, lockFile);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Whether the cache holds an image.</summary>
    /// <param name="contentHash">The image's content hash (hex).</param>
    /// <returns><see langword="true"/> when a record exists.</returns>
    public bool Contains(string contentHash)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        lock (_gate)
        {
            return _index.ContainsKey(contentHash.ToLowerInvariant());
        }
    }

    /// <summary>Reads an image's cached segments.</summary>
    /// <param name="contentHash">The image's content hash (hex, any case).</param>
    /// <param name="record">The record (a copy, owned by the caller), or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the cache holds the image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contentHash"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The cache was disposed.</exception>
    public bool TryGet(string contentHash, out SegmentEmbeddingRecord? record)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        var key = contentHash.ToLowerInvariant();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_index.TryGetValue(key, out var at))
            {
                record = null;
                return false;
            }
            var view = ViewCovering(at.Offset + CacheRecordLayout.Size(at.Count, Dimension));
            var ints = new int[4 * at.Count];
            view.ReadArray(at.Offset + CacheRecordLayout.BoxesOffset, ints, 0, ints.Length);
            var floats = new float[at.Count * Dimension];
            view.ReadArray(at.Offset + CacheRecordLayout.FloatsOffset(at.Count), floats, 0, floats.Length);
            var boxes = new SegmentBox[at.Count];
            for (var k = 0; k < boxes.Length; k++)
            {
                boxes[k] = new SegmentBox(ints[4 * k], ints[(4 * k) + 1], ints[(4 * k) + 2], ints[(4 * k) + 3]);
            }
            record = new SegmentEmbeddingRecord(key, FloatMatrix.Wrap(floats, at.Count, Dimension), boxes);
            return true;
        }
    }

    /// <summary>Appends one image's segments and flushes them to disk; an image already cached is skipped.</summary>
    /// <param name="record">The record.</param>
    /// <returns><see langword="true"/> when it was added, <see langword="false"/> when the hash was already cached.</returns>
    /// <exception cref="ArgumentException">The hash is not 64 hex digits.</exception>
    /// <exception cref="ShapeMismatchException">The segments are not one row per box of the cache's dimension.</exception>
    /// <exception cref="IOException">The write failed; the file is put back as it was.</exception>
    public bool Append(SegmentEmbeddingRecord record) => AppendRange([record]) == 1;

    /// <summary>
    /// Appends records as one batch: all are checked first, then written and flushed to disk once. Hashes
    /// already cached (or repeated within the batch) are skipped.
    /// </summary>
    /// <param name="records">The records.</param>
    /// <returns>How many were added.</returns>
    /// <exception cref="ArgumentException">A hash is not 64 hex digits.</exception>
    /// <exception cref="ShapeMismatchException">A record's segments are not one row per box of the cache's dimension.</exception>
    /// <exception cref="IOException">The write failed; the file is put back as it was before the batch.</exception>
    /// <exception cref="ObjectDisposedException">The cache was disposed.</exception>
    public int AppendRange(IEnumerable<SegmentEmbeddingRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        foreach (var record in list)
        {
            CacheRecordLayout.Validate(record, Dimension);
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var start = _writer.Position;
            var added = new List<(string Key, long Offset, int Count)>();
            try
            {
                foreach (var record in list)
                {
                    var key = record.ContentHash.ToLowerInvariant();
                    if (_index.ContainsKey(key) || added.Exists(a => a.Key == key))
                    {
                        continue;
                    }
                    added.Add((key, _writer.Position, record.Boxes.Count));
                    _writer.Write(CacheRecordLayout.Encode(record with { ContentHash = key }, Dimension));
                }
                _writer.Flush(flushToDisk: true);
            }
            catch
            {
                // Cut a half-written batch off now: later appends would otherwise follow a torn record,
                // and the next open would drop them along with it.
                try
                {
                    _writer.SetLength(start);
                    _writer.Seek(start, SeekOrigin.Begin);
                }
                catch (IOException) { }
                throw;
            }
            foreach (var (key, offset, count) in added)
            {
                _index[key] = (offset, count);
            }
            return added.Count;
        }
    }

    /// <summary>
    /// Copies into this cache every record of other caches (typically one per shard of a run) that this one
    /// lacks. Each shard cache is opened (so its torn tail, if any, is dropped first) and must have been made
    /// with the same model id, segmentation and dimension.
    /// </summary>
    /// <param name="shardCacheDirectories">The other cache directories; this cache's own directory is skipped.</param>
    /// <returns>How many records were added.</returns>
    /// <exception cref="DirectoryNotFoundException">A directory holds no cache header.</exception>
    /// <exception cref="InvalidFileException">A shard's header differs from this cache's (names its file and the field).</exception>
    public int Merge(IEnumerable<string> shardCacheDirectories)
    {
        ArgumentNullException.ThrowIfNull(shardCacheDirectories);
        var added = 0;
        foreach (var directory in shardCacheDirectories)
        {
            ArgumentException.ThrowIfNullOrEmpty(directory, nameof(shardCacheDirectories));
            var full = Path.GetFullPath(directory);
            if (string.Equals(full.TrimEnd(Path.DirectorySeparatorChar), Directory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                continue;
            }
            var headerPath = Path.Combine(full, HeaderFileName);
            if (!File.Exists(headerPath))
            {
                // Open would create an empty cache there; a merge source must already be one.
                throw new DirectoryNotFoundException($"'{full}' is not an embedding cache: it has no {HeaderFileName}.");
            }
            using var shard = Open(full, ModelId, SegmentationKey, Dimension);
            // In file order, so a merge of the same shards always gives the same file; in batches so a
            // large shard is never held in memory whole, each batch flushed like a run's chunk.
            foreach (var batch in shard.Records().Chunk(256))
            {
                added += AppendRange(batch);
            }
        }
        return added;
    }

    /// <summary>Closes the files.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _view?.Dispose();
            _map?.Dispose();
            _writer.Dispose();
            _lock.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"EmbeddingCache {Directory} ({Count} images, {ModelId}, {SegmentationKey}, D = {Dimension})";

    private static EmbeddingCache OpenLocked(string full, string modelId, string segmentationKey, int dimension, FileStream lockFile)
    {
        var headerPath = Path.Combine(full, HeaderFileName);
        var dataPath = Path.Combine(full, DataFileName);
        var expected = CacheHeader.For(modelId, segmentationKey, dimension);
        if (File.Exists(headerPath))
        {
            CacheHeader.Read(headerPath).EnsureMatches(headerPath, expected);
        }
        else if (File.Exists(dataPath) && new FileInfo(dataPath).Length > 0)
        {
            // Records without a header could come from any model: refuse rather than guess.
            throw new InvalidFileException(headerPath, null, null, $"missing, but {DataFileName} holds records; the cache's model is unknown.");
        }
        else
        {
            // Header first: a run killed before it is written leaves no data to misattribute.
            expected.Write(headerPath);
        }
        var writer = new FileStream(dataPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        try
        {
            var cache = new EmbeddingCache(full, expected, writer, lockFile);
            var (valid, reason) = cache.Scan();
            var dropped = writer.Length - valid;
            if (dropped > 0)
            {
                writer.SetLength(valid);
                writer.Flush(flushToDisk: true);
            }
            writer.Seek(valid, SeekOrigin.Begin);
            cache.DroppedBytes = dropped;
            cache.DropReason = dropped > 0 ? reason : null;
            return cache;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Opens the lock file exclusively; a sharing violation means another open cache holds it.</summary>
    private static FileStream AcquireLock(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException e) when (IsLockConflict(e))
        {
            throw new CacheInUseException(directory, e);
        }
    }

    /// <summary>
    /// Whether an open failed because another handle holds the lock: .NET reports it as a plain IOException whose
    /// HResult is the Windows sharing/lock violation, or on Unix the errno of flock(LOCK_EX | LOCK_NB), EWOULDBLOCK.
    /// </summary>
    private static bool IsLockConflict(IOException e) => OperatingSystem.IsWindows()
        ? (e.HResult & 0xFFFF) is 0x20 or 0x21
        : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35);

    /// <summary>The records in file order.</summary>
    internal IEnumerable<SegmentEmbeddingRecord> Records()
    {
        List<(string Key, long Offset)> order;
        lock (_gate)
        {
            order = _index.Select(p => (p.Key, p.Value.Offset)).OrderBy(p => p.Offset).ToList();
        }
        foreach (var (key, _) in order)
        {
            TryGet(key, out var record);
            yield return record!;
        }
    }

    /// <summary>A view of the data file reaching at least <paramref name="end"/>; remapped after appends grew the file.</summary>
    private MemoryMappedViewAccessor ViewCovering(long end)
    {
        if (_view is null || end > _mappedLength)
        {
            _view?.Dispose();
            _map?.Dispose();
            _mappedLength = _writer.Length;
            // A separate read handle: the map must not own (and later close) the writer's stream.
            var reader = new FileStream(Path.Combine(Directory, DataFileName), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            _map = MemoryMappedFile.CreateFromFile(reader, null, _mappedLength, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            _view = _map.CreateViewAccessor(0, _mappedLength, MemoryMappedFileAccess.Read);
        }
        return _view;
    }

    /// <summary>
    /// Walks the records from the start, indexing each whole one whose CRC matches, and returns the length of
    /// the valid prefix and why the walk stopped early (if it did).
    /// </summary>
    private (long Valid, string? Reason) Scan()
    {
        var length = _writer.Length;
        _writer.Seek(0, SeekOrigin.Begin);
        var prefix = new byte[CacheRecordLayout.PrefixBytes];
        long at = 0;
        while (at < length)
        {
            if (length - at < prefix.Length)
            {
                return (at, $"torn record at byte {at}: {length - at} bytes, shorter than a record header");
            }
            _writer.ReadExactly(prefix);
            if (BinaryPrimitives.ReadUInt32LittleEndian(prefix) != CacheRecordLayout.Magic)
            {
                return (at, $"no record marker at byte {at}");
            }
            var count = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(4 + CacheRecordLayout.HashBytes));
            if (count is < 0 or > CacheRecordLayout.MaxSegments)
            {
                return (at, $"record at byte {at} claims {count} segments");
            }
            var size = CacheRecordLayout.Size(count, Dimension);
            if (length - at < size)
            {
                return (at, $"torn record at byte {at}: {length - at} of {size} bytes");
            }
            var record = new byte[size];
            prefix.CopyTo(record, 0);
            _writer.ReadExactly(record, prefix.Length, record.Length - prefix.Length);
            var body = record.AsSpan(0, record.Length - 4);
            if (Crc32.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(record.Length - 4)))
            {
                return (at, $"CRC mismatch in the record at byte {at}");
            }
            // The first copy of a hash wins; a repeat can only come from a merge race and holds the same content.
            _index.TryAdd(Convert.ToHexStringLower(record.AsSpan(4, CacheRecordLayout.HashBytes)), (at, count));
            at += size;
        }
        return (at, null);
    }
}
