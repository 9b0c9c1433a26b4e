namespace InFiConD.Core;

/// <summary>
/// Exclusive locks held through an open file: a file opened with <see cref="FileShare.None"/> is locked by the OS for
/// as long as the handle is open (a mandatory share lock on Windows; <c>flock(LOCK_EX)</c> on Linux and macOS, which
/// .NET takes for <see cref="FileShare.None"/>). The lock belongs to the handle, so a second open in the same process
/// conflicts as one in another process does, and it ends when the handle is closed or its process dies, however it
/// dies: nothing is left to clean up after a crash.
/// </summary>
public static class FileLocks
{
    /// <summary>Opens (creating when missing) <paramref name="path"/> and locks it exclusively.</summary>
    /// <param name="path">The lock file.</param>
    /// <param name="conflict">The sharing violation when another handle holds the lock; otherwise <see langword="null"/>.</param>
    /// <returns>The open, locked file (dispose it to release the lock), or <see langword="null"/> when another handle
    /// holds the lock.</returns>
    /// <exception cref="IOException">The file could not be opened for another reason than the lock.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be opened for writing.</exception>
    public static FileStream? TryAcquire(string path, out IOException? conflict)
    {
        conflict = null;
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException e) when (IsConflict(e))
        {
            conflict = e;
            return null;
        }
    }

    /// <summary>
    /// Whether an open failed because another handle holds the file: .NET reports it as a plain <see cref="IOException"/>
    /// whose HResult is the Windows sharing or lock violation, or on Unix the errno of <c>flock(LOCK_EX | LOCK_NB)</c>,
    /// EWOULDBLOCK.
    /// </summary>
    /// <param name="e">The exception an open threw.</param>
    /// <returns>True for a lock conflict.</returns>
    public static bool IsConflict(IOException e) => OperatingSystem.IsWindows()
        ? (e.HResult & 0xFFFF) is 0x20 or 0x21
        : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35);

    /// <summary>
    /// Whether .NET's file locking is switched off (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> or the
    /// <c>System.IO.DisableFileLocking</c> switch): then <see cref="FileShare.None"/> locks nothing on Unix, so no file
    /// may be judged abandoned because it could be opened exclusively.
    /// </summary>
    public static bool Disabled { get; } =
        (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled)
        || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true" or "True" or "TRUE";
}
