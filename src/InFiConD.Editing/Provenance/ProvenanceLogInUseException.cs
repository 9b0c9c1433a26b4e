using InFiConD.Core;

namespace InFiConD.Editing;

/// <summary>
/// A provenance log file is already open for appending, in another process or in this one: a log has one writer at a
/// time, held by an exclusive OS lock on its lock file (<see cref="ProvenanceLog.LockFileSuffix"/> appended to the log's
/// name). The lock ends when the writer disposes its log or its process dies.
/// </summary>
public sealed class ProvenanceLogInUseException : InFiConDException
{
    /// <summary>Creates the exception for a log file.</summary>
    /// <param name="path">The log file (full path).</param>
    /// <param name="lockPath">Its lock file (full path).</param>
    /// <param name="innerException">The sharing violation reported by the file system.</param>
    public ProvenanceLogInUseException(string path, string lockPath, Exception? innerException)
        : base($"The provenance log '{path}' is open for appending elsewhere (another process, or another ProvenanceLog in this one): " +
            $"its lock file '{lockPath}' is locked. Two writers would lose or garble entries; dispose the other log (or session) first, " +
            "or read the log without appending with ProvenanceLog.Read.", innerException)
    {
        FilePath = path;
        LockPath = lockPath;
    }

    /// <summary>The log file that is in use.</summary>
    public string FilePath { get; }

    /// <summary>The lock file whose lock is held.</summary>
    public string LockPath { get; }
}
