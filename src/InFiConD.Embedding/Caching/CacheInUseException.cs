using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// An <see cref="EmbeddingCache"/> directory is already open, in another process or in this one: a cache
/// has one writer at a time, held by an exclusive lock on its <see cref="EmbeddingCache.LockFileName"/>.
/// </summary>
public sealed class CacheInUseException : InFiConDException
{
    /// <summary>Creates the exception for a cache directory.</summary>
    /// <param name="directory">The cache directory (full path).</param>
    /// <param name="innerException">The sharing violation reported by the file system.</param>
    public CacheInUseException(string directory, Exception? innerException)
        : base($"The embedding cache '{directory}' is in use by another process (or another EmbeddingCache in this one): " +
            $"its {EmbeddingCache.LockFileName} is locked. Wait for that run to finish, or give this run its own cache directory " +
            "(shards of one run each get their own and are merged afterwards with EmbeddingCache.Merge).", innerException)
    {
        Directory = directory;
    }

    /// <summary>The cache directory that is in use.</summary>
    public string Directory { get; }
}
