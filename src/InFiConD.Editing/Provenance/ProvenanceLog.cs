using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using InFiConD.Core;

namespace InFiConD.Editing;

/// <summary>
/// The tree of applied edits, kept in memory and, when file-backed, as an append-only JSON Lines file: a header line,
/// then one <see cref="ProvenanceEntry"/> per line, each flushed to disk as it is written. Nothing is ever deleted:
/// undo and checkout move a session's current version, and an edit applied after them starts a branch.
/// Readers may enumerate <see cref="Entries"/> while a session appends (they see a snapshot).
/// <para>A file-backed log has one writer at a time: <see cref="Create"/> and <see cref="Open"/> take an exclusive OS
/// lock on a lock file beside the log (its name plus <see cref="LockFileSuffix"/>) and hold it until
/// <see cref="Dispose"/>; a second writer, in this process or another, gets a <see cref="ProvenanceLogInUseException"/>.
/// The OS releases the lock when the writer's process dies, so a crash never leaves the log locked. The lock file holds
/// no data and is left in place (deleting it while another process might be opening it would let two writers in).
/// Reading the log file itself (with <see cref="Read"/>, or any tool) needs no lock. The lock is .NET's
/// <see cref="FileShare.None"/> lock, so on Unix it is only taken while .NET's file locking is on (it is unless
/// <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> is set).</para>
/// </summary>
public sealed class ProvenanceLog : IDisposable
{
    /// <summary>The id of the base students, the root of the tree.</summary>
    public const string RootId = "v0";

    private readonly object _appendLock = new();
    private ImmutableList<ProvenanceEntry> _entries = [];
    private ImmutableDictionary<string, ProvenanceEntry> _byId = ImmutableDictionary<string, ProvenanceEntry>.Empty.WithComparers(StringComparer.Ordinal);
    private FileStream? _stream;
    private FileStream? _lock;

    private ProvenanceLog(string? filePath, FileStream? stream, FileStream? writerLock)
    {
        FilePath = filePath;
        _stream = stream;
        _lock = writerLock;
    }

    /// <summary>What is appended to a log file's name to name its lock file (<c>edits.jsonl</c> → <c>edits.jsonl.lock</c>).</summary>
    public const string LockFileSuffix = ".lock";

    /// <summary>The backing file, or <see langword="null"/> for an in-memory log.</summary>
    public string? FilePath { get; }

    /// <summary>Every entry, in the order written (parents before children).</summary>
    public IReadOnlyList<ProvenanceEntry> Entries => _entries;

    /// <summary>A log that lives in memory only (a session file saves it).</summary>
    public static ProvenanceLog CreateInMemory() => new(null, null, null);

    /// <summary>Creates a new log file holding only its header, flushed to disk, and holds it as its one writer until disposed.</summary>
    /// <param name="path">The file; it must not exist.</param>
    /// <exception cref="ProvenanceLogInUseException">Another writer holds the log's lock (in this process or another).</exception>
    /// <exception cref="IOException">The file exists or cannot be created.</exception>
    public static ProvenanceLog Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var writerLock = AcquireLock(full);
        FileStream? stream = null;
        try
        {
            stream = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            WriteLine(stream, HeaderBytes());
            return new ProvenanceLog(full, stream, writerLock);
        }
        catch
        {
            stream?.Dispose();
            writerLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads a log file and keeps it open for appending. An interrupted last entry (a crash mid-write leaves a line
    /// without its newline that does not parse) is dropped, the file is cut back to the last complete entry, and a
    /// warning says so; every earlier entry is kept. The log is held as its one writer until disposed.
    /// </summary>
    /// <param name="path">The log file.</param>
    /// <exception cref="ProvenanceLogInUseException">Another writer has the log open (in this process or another);
    /// nothing was read or changed.</exception>
    /// <exception cref="InvalidFileException">The header is wrong or from a newer version, or a line other than an
    /// interrupted last one is not a valid entry, repeats an id or names an unknown parent (file and line named).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ProvenanceLoadResult Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var stream = new FileStream(full, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        FileStream? writerLock = null;
        try
        {
            // The lock before the first byte is read: the tail repair below and every append assume no other writer.
            writerLock = AcquireLock(full);
            var content = new byte[stream.Length];
            stream.ReadExactly(content);
            var (log, warnings, keep, needsHeader) = Parse(content, path, () => new ProvenanceLog(full, stream, writerLock));
            if (keep < content.Length)
            {
                stream.SetLength(keep);
            }
            stream.Seek(0, SeekOrigin.End);
            if (needsHeader)
            {
                WriteLine(stream, HeaderBytes());
            }
            else if (keep > 0 && content[keep - 1] != (byte)'\n')
            {
                // A complete last entry whose newline was lost: end the line before the next append.
                stream.WriteByte((byte)'\n');
                stream.Flush(flushToDisk: true);
            }
            return new ProvenanceLoadResult(log, warnings);
        }
        catch
        {
            stream.Dispose();
            writerLock?.Dispose();
            throw;
        }
    }

    /// <summary>Reads a log from a stream into memory (as a session file holds it), with the same recovery as <see cref="Open"/>.</summary>
    /// <param name="stream">The log's bytes.</param>
    /// <param name="sourceName">The name errors report.</param>
    /// <exception cref="InvalidFileException">The content is not a valid log (see <see cref="Open"/>).</exception>
    public static ProvenanceLoadResult Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var (log, warnings, _, _) = Parse(buffer.ToArray(), sourceName, CreateInMemory);
        return new ProvenanceLoadResult(log, warnings);
    }

    /// <summary>The entry that created <paramref name="versionId"/>, or <see langword="null"/> (also for the root).</summary>
    /// <param name="versionId">A version id.</param>
    public ProvenanceEntry? Find(string versionId)
    {
        ArgumentNullException.ThrowIfNull(versionId);
        return _byId.GetValueOrDefault(versionId);
    }

    /// <summary>True when <paramref name="versionId"/> is the root or an entry of this log.</summary>
    /// <param name="versionId">A version id.</param>
    public bool Contains(string versionId) => versionId == RootId || _byId.ContainsKey(versionId);

    /// <summary>The entries from the root down to <paramref name="versionId"/>, in application order (empty for the root).</summary>
    /// <param name="versionId">A version id.</param>
    /// <exception cref="ArgumentException">The version is not in the log.</exception>
    public IReadOnlyList<ProvenanceEntry> PathTo(string versionId)
    {
        RequireKnown(versionId);
        var byId = _byId;
        var path = new List<ProvenanceEntry>();
        for (var id = versionId; id != RootId; id = byId[id].ParentId)
        {
            path.Add(byId[id]);
        }
        path.Reverse();
        return path;
    }

    /// <summary>The entries applied directly to <paramref name="versionId"/> (its branches), oldest first.</summary>
    /// <param name="versionId">A version id.</param>
    /// <exception cref="ArgumentException">The version is not in the log.</exception>
    public IReadOnlyList<ProvenanceEntry> ChildrenOf(string versionId)
    {
        RequireKnown(versionId);
        return _entries.Where(e => e.ParentId == versionId).ToArray();
    }

    /// <summary>Closes the backing file and releases its lock; the entries stay readable.</summary>
    public void Dispose()
    {
        lock (_appendLock)
        {
            _stream?.Dispose();
            _stream = null;
            _lock?.Dispose();
            _lock = null;
        }
    }

    /// <summary>The id the next entry gets.</summary>
    internal string NextId() => $"v{_entries.Count + 1}";

    /// <summary>Writes the entry as one line, flushed to disk, then makes it visible.</summary>
    internal void Append(ProvenanceEntry entry)
    {
        lock (_appendLock)
        {
            if (_byId.ContainsKey(entry.Id) || entry.Id == RootId || !Contains(entry.ParentId))
            {
                throw new InvalidOperationException($"Entry '{entry.Id}' cannot follow '{entry.ParentId}' in this log.");
            }
            if (FilePath is not null)
            {
                var stream = _stream ?? throw new ObjectDisposedException(nameof(ProvenanceLog), $"The provenance log {FilePath} is closed.");
                WriteLine(stream, JsonSerializer.SerializeToUtf8Bytes(entry, EditingJsonContext.Default.ProvenanceEntry));
            }
            Add(entry);
        }
    }

    /// <summary>Writes the header and every entry, one per line.</summary>
    internal void WriteTo(Stream stream)
    {
        stream.Write(HeaderBytes());
        stream.WriteByte((byte)'\n');
        foreach (var entry in _entries)
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(entry, EditingJsonContext.Default.ProvenanceEntry));
            stream.WriteByte((byte)'\n');
        }
    }

    private void Add(ProvenanceEntry entry)
    {
        _byId = _byId.Add(entry.Id, entry);
        _entries = _entries.Add(entry);
    }

    private void RequireKnown(string versionId)
    {
        ArgumentNullException.ThrowIfNull(versionId);
        if (!Contains(versionId))
        {
            throw new ArgumentException($"Version '{versionId}' is not in the provenance log (versions: {RootId}…v{_entries.Count}).", nameof(versionId));
        }
    }

    /// <summary>Locks the log's lock file exclusively; a held lock means another writer has the log open.</summary>
    private static FileStream AcquireLock(string full)
    {
        var lockPath = full + LockFileSuffix;
        return FileLocks.TryAcquire(lockPath, out var conflict) ?? throw new ProvenanceLogInUseException(full, lockPath, conflict);
    }

    private static byte[] HeaderBytes() =>
        JsonSerializer.SerializeToUtf8Bytes(new ProvenanceHeader { Format = ProvenanceHeader.FormatName, Version = ProvenanceHeader.CurrentVersion }, SessionFileJsonContext.Default.ProvenanceHeader);

    private static void WriteLine(FileStream stream, byte[] line)
    {
        // One write of the whole line, then to disk: a crash leaves at most this line torn.
        var buffer = new byte[line.Length + 1];
        line.CopyTo(buffer, 0);
        buffer[^1] = (byte)'\n';
        stream.Write(buffer);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Parses the content; returns the log, warnings, how many bytes to keep, and whether the header must be (re)written.</summary>
    private static (ProvenanceLog Log, List<string> Warnings, int Keep, bool NeedsHeader) Parse(byte[] content, string source, Func<ProvenanceLog> create)
    {
        var log = create();
        var warnings = new List<string>();
        var position = 0;
        var lineNumber = 0;
        while (position < content.Length)
        {
            lineNumber++;
            var end = Array.IndexOf(content, (byte)'\n', position);
            var terminated = end >= 0;
            var line = content.AsSpan(position, (terminated ? end : content.Length) - position);
            var parsed = lineNumber == 1 ? TryHeader(line, source, terminated) : TryEntry(log, line, source, lineNumber, terminated);
            if (!parsed)
            {
                // Only an unterminated last line gets here: the write that was cut short.
                warnings.Add($"{source}:{lineNumber}: the last line ({line.Length} bytes, no newline) is an interrupted write and was dropped; the {log._entries.Count} entries before it are intact.");
                return (log, warnings, position, lineNumber == 1);
            }
            position = terminated ? end + 1 : content.Length;
        }
        if (lineNumber == 0)
        {
            warnings.Add($"{source}: the log is empty (its creation was interrupted); a new header was written.");
        }
        return (log, warnings, content.Length, lineNumber == 0);
    }

    private static bool TryHeader(ReadOnlySpan<byte> line, string source, bool terminated)
    {
        ProvenanceHeader? header;
        try
        {
            header = JsonSerializer.Deserialize(line, SessionFileJsonContext.Default.ProvenanceHeader);
        }
        catch (JsonException ex)
        {
            return !terminated ? false : throw new InvalidFileException(source, "header", 1, $"the first line is not a provenance log header ({ex.Message}).", ex);
        }
        if (header?.Format != ProvenanceHeader.FormatName)
        {
            throw new InvalidFileException(source, "format", 1, $"expected format '{ProvenanceHeader.FormatName}', found '{header?.Format}'; this is not an InFiConD provenance log.");
        }
        if (header.Version is not { } version || version < 1 || version > ProvenanceHeader.CurrentVersion)
        {
            throw new InvalidFileException(source, "version", 1, $"the log has layout version {header.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}; this library reads version {ProvenanceHeader.CurrentVersion}. Update InFiConD to read logs written by a newer version.");
        }
        return true;
    }

    private static bool TryEntry(ProvenanceLog log, ReadOnlySpan<byte> line, string source, int lineNumber, bool terminated)
    {
        ProvenanceEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize(line, EditingJsonContext.Default.ProvenanceEntry);
        }
        catch (JsonException ex)
        {
            if (!terminated)
            {
                return false;
            }
            var preview = Encoding.UTF8.GetString(line[..Math.Min(line.Length, 60)]);
            throw new InvalidFileException(source, "entry", lineNumber, $"the line is not a valid provenance entry ({ex.Message}); it starts '{preview}'. Lines before and after it are intact: the file was altered, not cut short.", ex);
        }
        if (entry is null)
        {
            throw new InvalidFileException(source, "entry", lineNumber, "the line is JSON null, not a provenance entry.");
        }
        if (entry.Id == RootId || log._byId.ContainsKey(entry.Id))
        {
            throw new InvalidFileException(source, "id", lineNumber, $"the entry id '{entry.Id}' is used twice (or is the root's id '{RootId}').");
        }
        if (!log.Contains(entry.ParentId))
        {
            throw new InvalidFileException(source, "parentId", lineNumber, $"entry '{entry.Id}' names the parent '{entry.ParentId}', which no earlier line defines.");
        }
        log.Add(entry);
        return true;
    }
}
