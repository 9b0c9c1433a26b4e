using System.Runtime.InteropServices;
using System.Text;

namespace InFiConD.Core;

/// <summary>
/// Flushes a directory's entries to disk, so that a rename into it survives a power loss: the directory is opened,
/// <c>fsync</c>ed and closed through libc on Linux and macOS (.NET has no managed call for it: a directory cannot be
/// opened as a file). Windows needs no such step and has none, so there it does nothing.
/// </summary>
internal static unsafe class DirectorySync
{
    private const int EINTR = 4;
    private const int EPERM = 1;
    private const int EACCES = 13;
    private const int EINVAL = 22;

    private static readonly LibC? C = LibC.Find();

    /// <summary>Flushes <paramref name="directory"/>'s entries (names, renames) to disk.</summary>
    /// <param name="directory">An existing directory.</param>
    /// <returns><see langword="true"/> when the directory was synced; <see langword="false"/> where there is nothing
    /// to do or nothing can be done: Windows, no libc found, a file system without directory sync, or a directory this
    /// process may write but not open for reading.</returns>
    /// <exception cref="IOException">The directory does not exist, or the flush failed (the error number is named):
    /// the entries may not be on disk.</exception>
    internal static bool Flush(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (C is not { } c)
        {
            return false;
        }
        var path = Encoding.UTF8.GetBytes(directory + "\0");
        int fd, error;
        fixed (byte* p = path)
        {
            do
            {
                fd = c.Open(p, c.OpenFlags);
                error = fd < 0 ? Marshal.GetLastSystemError() : 0;
            }
            while (fd < 0 && error == EINTR);
        }
        if (fd < 0)
        {
            return error is EACCES or EPERM ? false : throw Failure("open", directory, error);
        }
        try
        {
            int result;
            do
            {
                result = c.Fsync(fd);
                error = result < 0 ? Marshal.GetLastSystemError() : 0;
            }
            while (result < 0 && error == EINTR);
            if (result == 0)
            {
                return true;
            }
            // EINVAL / ENOTSUP: the file system cannot sync a directory (some FUSE and network mounts).
            return error == EINVAL || error == c.NotSupported ? false : throw Failure("fsync", directory, error);
        }
        finally
        {
            c.Close(fd);
        }
    }

    private static IOException Failure(string call, string directory, int errno) =>
        new($"Could not sync the directory '{directory}' to disk: {call}() failed with errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)}). The files renamed into it may not survive a power loss.", errno);

    /// <summary>libc's open, fsync and close, found in the process's own symbols (libc is always loaded there).</summary>
    private sealed class LibC
    {
        public required delegate* unmanaged<byte*, int, int> Open { get; init; }

        public required delegate* unmanaged<int, int> Fsync { get; init; }

        public required delegate* unmanaged<int, int> Close { get; init; }

        /// <summary>O_RDONLY | O_CLOEXEC.</summary>
        public required int OpenFlags { get; init; }

        /// <summary>ENOTSUP.</summary>
        public required int NotSupported { get; init; }

        public static LibC? Find()
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                return null;
            }
            foreach (var library in Candidates())
            {
                if (NativeLibrary.TryGetExport(library, "open", out var open)
                    && NativeLibrary.TryGetExport(library, "fsync", out var fsync)
                    && NativeLibrary.TryGetExport(library, "close", out var close))
                {
                    return new LibC
                    {
                        Open = (delegate* unmanaged<byte*, int, int>)open,
                        Fsync = (delegate* unmanaged<int, int>)fsync,
                        Close = (delegate* unmanaged<int, int>)close,
                        OpenFlags = OperatingSystem.IsMacOS() ? 0x0100_0000 : 0x0008_0000,
                        NotSupported = OperatingSystem.IsMacOS() ? 45 : 95,
                    };
                }
            }
            return null;
        }

        private static IEnumerable<IntPtr> Candidates()
        {
            yield return NativeLibrary.GetMainProgramHandle();
            foreach (var name in OperatingSystem.IsMacOS() ? ["/usr/lib/libSystem.B.dylib"] : new[] { "libc.so.6", "libc.so" })
            {
                if (NativeLibrary.TryLoad(name, out var handle))
                {
                    yield return handle;
                }
            }
        }
    }
}
