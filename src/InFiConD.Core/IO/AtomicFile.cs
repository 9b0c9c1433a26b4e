using System.Collections.Concurrent;

namespace InFiConD.Core;

/// <summary>
/// Writes files atomically and durably: content goes to a temporary file in the target's directory
/// (<c>.&lt;name&gt;.&lt;pid&gt;.&lt;guid&gt;.tmp</c>), is flushed to disk, and is renamed over the target; then the
/// directory itself is flushed (Linux, macOS), so a write that returned survives a power loss. Readers see either the
/// old file or the complete new one, never a torn write; a failed or cancelled write leaves the old file untouched and
/// no temp file behind. Every writer in the InFiConD libraries goes through this type.
/// </summary>
/// <remarks>
/// A writer holds its temp file open with an exclusive lock (<see cref="FileShare.None"/>) until the temp has been
/// renamed, and the OS drops that lock when the writer's process dies, however it dies. A temp is therefore
/// <em>abandoned</em> (its writer was killed mid-write) when it can be opened exclusively, is not being written by this
/// process, and the process id in its name is not a running process; such temps are deleted by
/// <see cref="RemoveStaleTemps"/> (session files call it when they are opened) and by the next write into the same
/// directory (at most one sweep of a directory per second and process, so that writing many files into one folder
/// stays linear). A live writer's temp is never touched. With .NET's file locking switched off
/// (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>) no temp can be proven abandoned, and none is removed.
/// </remarks>
public static class AtomicFile
{
    private const long SweepIntervalMilliseconds = 1000;
    private const int MaxRememberedDirectories = 4096;

    /// <summary>The temps this process is writing now.</summary>
    private static readonly ConcurrentDictionary<string, byte> Writing = new(StringComparer.Ordinal);

    /// <summary>When each directory was last swept for abandoned temps (<see cref="Environment.TickCount64"/>).</summary>
    private static readonly ConcurrentDictionary<string, long> Swept = new(StringComparer.Ordinal);

    /// <summary>Writes a file atomically with a synchronous writer.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content to the stream it is given. Must not dispose the stream.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file could not be written or renamed (the target is unchanged), or the
    /// directory could not be flushed after the rename (the new content is in place but may not survive a power loss).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var (target, directory) = Resolve(path);
        var temp = BeginTemp(target, directory);
        FileStream? stream = null;
        try
        {
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
            Commit(stream, temp, target, directory);
        }
        catch
        {
            stream?.Dispose();
            TryDelete(temp);
            throw;
        }
        finally
        {
            Writing.TryRemove(temp, out _);
        }
    }

    /// <summary>Writes a file atomically with an asynchronous writer.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content to the stream it is given. Must not dispose the stream.</param>
    /// <param name="cancellationToken">Cancels the write; the target is then left unchanged.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file could not be written or renamed (the target is unchanged), or the
    /// directory could not be flushed after the rename (the new content is in place but may not survive a power loss).</exception>
    /// <exception cref="OperationCanceledException">The write was cancelled; the target is unchanged.</exception>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var (target, directory) = Resolve(path);
        var temp = BeginTemp(target, directory);
        FileStream? stream = null;
        try
        {
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await write(stream, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            Commit(stream, temp, target, directory);
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            TryDelete(temp);
            throw;
        }
        finally
        {
            Writing.TryRemove(temp, out _);
        }
    }

    /// <summary>Writes bytes to a file atomically.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="content">The complete content.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file could not be written (see <see cref="Write"/>).</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        // Spans cannot be captured by the writer delegate, so copy once; callers with large payloads use Write.
        var copy = content.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>Writes text to a file atomically as UTF-8 without a byte-order mark.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="content">The complete content.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file could not be written (see <see cref="Write"/>).</exception>
    public static void WriteAllText(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Write(path, s =>
        {
            using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(content);
        });
    }

    /// <summary>
    /// Deletes the temp files that writers of <paramref name="path"/> left behind when they were killed mid-write
    /// (see the remarks on <see cref="AtomicFile"/> for how an abandoned temp is told from a live writer's, which is
    /// never touched). Never throws for a missing directory or a temp that cannot be deleted; those are skipped.
    /// </summary>
    /// <param name="path">The target file (it need not exist).</param>
    /// <returns>How many temp files were deleted.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or has no parent directory.</exception>
    public static int RemoveStaleTemps(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (target, directory) = Resolve(path);
        return Sweep(directory, Path.GetFileName(target));
    }

    private static (string Target, string Directory) Resolve(string path)
    {
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"'{target}' has no parent directory.", nameof(path));
        return (target, directory);
    }

    /// <summary>Sweeps the directory when due, then names this write's temp and registers it as being written.</summary>
    private static string BeginTemp(string target, string directory)
    {
        Directory.CreateDirectory(directory);
        SweepWhenDue(directory);
        // Same directory as the target so the final rename never crosses file systems.
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Writing.TryAdd(temp, 0);
        return temp;
    }

    /// <summary>Renames the flushed temp over the target, releases it, and flushes the directory.</summary>
    private static void Commit(FileStream stream, string temp, string target, string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows cannot rename a file that is open without delete sharing: close first. Until the rename, the
            // running process id in the temp's name keeps other processes' sweeps away from it.
            stream.Dispose();
            File.Move(temp, target, overwrite: true);
        }
        else
        {
            // Renamed while still locked: the lock ends only after the temp's name is gone, so no sweep can take a
            // finished temp for an abandoned one.
            File.Move(temp, target, overwrite: true);
            stream.Dispose();
        }
        DirectorySync.Flush(directory);
    }

    private static void SweepWhenDue(string directory)
    {
        var now = Environment.TickCount64;
        if (Swept.TryGetValue(directory, out var last) && now - last < SweepIntervalMilliseconds)
        {
            return;
        }
        if (Swept.Count >= MaxRememberedDirectories)
        {
            Swept.Clear();
        }
        Swept[directory] = now;
        Sweep(directory, targetName: null);
    }

    /// <summary>Deletes the abandoned temps in <paramref name="directory"/> of <paramref name="targetName"/> (of any target when null).</summary>
    private static int Sweep(string directory, string? targetName)
    {
        if (FileLocks.Disabled)
        {
            return 0;
        }
        var removed = 0;
        try
        {
            foreach (var (temp, pid) in AtomicTempName.Find(directory, targetName))
            {
                if (TryDeleteAbandoned(temp, pid))
                {
                    removed++;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A directory that vanished or cannot be listed holds nothing this process can clean.
        }
        return removed;
    }

    /// <summary>Deletes <paramref name="temp"/> when its writer is gone; a live writer's temp is left alone.</summary>
    private static bool TryDeleteAbandoned(string temp, int pid)
    {
        if (Writing.ContainsKey(temp) || (pid != Environment.ProcessId && IsRunning(pid)))
        {
            return false;
        }
        try
        {
            // Opening exclusively succeeds only when no writer holds the temp; the name is deleted while it is held.
            using var probe = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Locked by a live writer, renamed or deleted meanwhile, or not ours to delete.
            return false;
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string temp)
    {
        try { File.Delete(temp); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
