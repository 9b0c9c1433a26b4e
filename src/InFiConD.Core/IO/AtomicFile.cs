namespace InFiConD.Core;

/// <summary>
/// Writes files atomically: content goes to a temporary file in the target's directory, is flushed to
/// disk, and is then renamed over the target. Readers see either the old file or the complete new one,
/// never a torn write; a failed or cancelled write leaves the old file untouched and no temp file behind.
/// Every writer in the InFiConD libraries goes through this type.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes a file atomically with a synchronous writer.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content to the stream it is given. Must not dispose the stream.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file could not be written or renamed; the target is unchanged.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var target = Path.GetFullPath(path);
        var temp = TempPathFor(target);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes a file atomically with an asynchronous writer.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content to the stream it is given. Must not dispose the stream.</param>
    /// <param name="cancellationToken">Cancels the write; the target is then left unchanged.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file could not be written or renamed; the target is unchanged.</exception>
    /// <exception cref="OperationCanceledException">The write was cancelled; the target is unchanged.</exception>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var target = Path.GetFullPath(path);
        var temp = TempPathFor(target);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes bytes to a file atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="content">The complete content.</param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        // Spans cannot be captured by the writer delegate, so copy once; callers with large payloads use Write.
        var copy = content.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>Writes text to a file atomically as UTF-8 without a byte-order mark.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="content">The complete content.</param>
    public static void WriteAllText(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Write(path, s =>
        {
            using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(content);
        });
    }

    private static string TempPathFor(string target)
    {
        var directory = Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"'{target}' has no parent directory.", nameof(target));
        Directory.CreateDirectory(directory);
        // Same directory as the target so the final rename never crosses file systems.
        return Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    private static void TryDelete(string temp)
    {
        try { File.Delete(temp); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
