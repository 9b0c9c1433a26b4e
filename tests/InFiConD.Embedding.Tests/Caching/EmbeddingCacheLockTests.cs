using System.Diagnostics;
using InFiConD.Core;

namespace InFiConD.Embedding.Tests.Caching;

/// <summary>One writer per cache directory: the exclusive lock on <see cref="EmbeddingCache.LockFileName"/>.</summary>
public sealed class EmbeddingCacheLockTests
{
    /// <summary>util-linux's flock(1): a second process taking the same kind of lock .NET takes on Unix (flock(2)).</summary>
    private const string FlockTool = "/usr/bin/flock";

    private static SegmentEmbeddingRecord Record(byte seed)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([seed]));
        return new SegmentEmbeddingRecord(hash, FloatMatrix.Wrap([seed, 1, 2], 1, 3), [new SegmentBox(0, 0, 1, 1)]);
    }

    [Fact]
    public void A_second_open_of_the_same_directory_is_refused_until_the_first_closes()
    {
        using var folder = new TempFolder();
        using (var first = EmbeddingCache.Open(folder.Path, "m", "whole", 3))
        {
            first.Append(Record(1));
            var error = Assert.Throws<CacheInUseException>(() => EmbeddingCache.Open(folder.Path, "m", "whole", 3));
            Assert.Equal(Path.GetFullPath(folder.Path), error.Directory);
            Assert.Contains("is in use by another process", error.Message, StringComparison.Ordinal);
            Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<InFiConDException>(error);
            // The refused open touched nothing: the first writer goes on appending.
            Assert.True(first.Append(Record(2)));
        }
        using var reopened = EmbeddingCache.Open(folder.Path, "m", "whole", 3);
        Assert.Equal(2, reopened.Count);
        Assert.Equal(0, reopened.DroppedBytes);
        Assert.True(File.Exists(Path.Combine(folder.Path, EmbeddingCache.LockFileName)));
    }

    [Fact]
    public void A_refused_open_does_not_check_or_write_the_header()
    {
        using var folder = new TempFolder();
        using var first = EmbeddingCache.Open(folder.Path, "m", "whole", 3);
        // Another model would get InvalidFileException from the header check; the lock is taken before it.
        Assert.Throws<CacheInUseException>(() => EmbeddingCache.Open(folder.Path, "other-model", "whole", 3));
        Assert.Equal("m", first.ModelId);
    }

    [Fact]
    public void A_cache_locked_by_another_process_is_refused_and_opens_once_that_process_ends()
    {
        if (!File.Exists(FlockTool))
        {
            return; // no flock(1) on this machine (Windows, macOS): the in-process test covers the lock
        }
        using var folder = new TempFolder();
        using (var cache = EmbeddingCache.Open(folder.Path, "m", "whole", 3))
        {
            cache.Append(Record(1));
        }
        var lockPath = Path.Combine(folder.Path, EmbeddingCache.LockFileName);
        using var holder = Process.Start(new ProcessStartInfo(FlockTool, ["--exclusive", lockPath, "-c", "echo locked; read line"])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        })!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());
            var error = Assert.Throws<CacheInUseException>(() => EmbeddingCache.Open(folder.Path, "m", "whole", 3));
            Assert.Contains("is in use by another process", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.StandardInput.WriteLine("done");
            holder.StandardInput.Close();
            holder.WaitForExit();
        }
        using var reopened = EmbeddingCache.Open(folder.Path, "m", "whole", 3);
        Assert.Equal(1, reopened.Count);
    }

    [Fact]
    public void Another_process_cannot_take_the_lock_while_a_cache_is_open()
    {
        if (!File.Exists(FlockTool))
        {
            return;
        }
        using var folder = new TempFolder();
        var lockPath = Path.Combine(folder.Path, EmbeddingCache.LockFileName);
        int TryLockElsewhere()
        {
            using var probe = Process.Start(new ProcessStartInfo(FlockTool, ["--nonblock", "--exclusive", lockPath, "true"]) { UseShellExecute = false })!;
            probe.WaitForExit();
            return probe.ExitCode;
        }
        using (EmbeddingCache.Open(folder.Path, "m", "whole", 3))
        {
            Assert.NotEqual(0, TryLockElsewhere());
        }
        Assert.Equal(0, TryLockElsewhere());
    }
}
