using System.Diagnostics;

namespace InFiConD.Core.Tests;

/// <summary>
/// Temp files of writers that are gone (a killed save) are removed by the next write or open; a live writer's temp
/// never is. A writer is live while it holds its temp open (an exclusive OS lock, released when its process dies).
/// </summary>
public sealed class AtomicFileTempTests
{
    [Fact]
    public void A_temp_left_by_a_dead_writer_is_removed_by_the_next_write()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.infcd");
        File.WriteAllText(path, "old");
        var stale = StaleTemp(dir, "run.infcd", DeadProcessId());

        AtomicFile.WriteAllText(path, "new");

        Assert.False(File.Exists(stale), "the dead writer's temp is still there");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["run.infcd"], dir.ListFiles());
    }

    [Fact]
    public async Task WriteAsync_also_removes_temps_left_by_dead_writers()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.infcd");
        var stale = new[] { StaleTemp(dir, "run.infcd", DeadProcessId()), StaleTemp(dir, "run.infcd", DeadProcessId()) };

        await AtomicFile.WriteAsync(path, (s, ct) => s.WriteAsync("async"u8.ToArray(), ct).AsTask());

        Assert.All(stale, t => Assert.False(File.Exists(t), $"{t} is still there"));
        Assert.Equal(["run.infcd"], dir.ListFiles());
    }

    [Fact]
    public void RemoveStaleTemps_cleans_a_target_without_writing_it()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.infcd");
        File.WriteAllText(path, "kept");
        StaleTemp(dir, "run.infcd", DeadProcessId());

        Assert.Equal(1, AtomicFile.RemoveStaleTemps(path));

        Assert.Equal("kept", File.ReadAllText(path));
        Assert.Equal(["run.infcd"], dir.ListFiles());
        Assert.Equal(0, AtomicFile.RemoveStaleTemps(dir.File("missing-folder/none.txt")));
    }

    [Fact]
    public void A_temp_that_its_writer_holds_open_is_kept_even_when_its_pid_is_unknown_here()
    {
        // A writer in another container sharing the folder: its pid means nothing here, its lock still counts.
        using var dir = new TempDirectory();
        var path = dir.File("run.infcd");
        var held = TempName(dir, "run.infcd", DeadProcessId());
        using (var writer = new FileStream(held, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            writer.Write("in progress"u8);

            AtomicFile.WriteAllText(path, "other writer");
            Assert.Equal(0, AtomicFile.RemoveStaleTemps(path));

            Assert.True(File.Exists(held), "a live writer's temp was removed");
        }
        Assert.Equal(1, AtomicFile.RemoveStaleTemps(path));
        Assert.Equal(["run.infcd"], dir.ListFiles());
    }

    [Fact]
    public async Task A_concurrent_write_in_this_process_keeps_the_other_writers_temp_and_both_complete()
    {
        using var dir = new TempDirectory();
        var path = dir.File("shared.txt");
        using var writing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var slow = Task.Run(() => AtomicFile.Write(path, s =>
        {
            s.Write("slow writer"u8);
            writing.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        }));
        Assert.True(writing.Wait(TimeSpan.FromSeconds(30)));

        AtomicFile.WriteAllText(path, "fast writer");
        Assert.Equal(0, AtomicFile.RemoveStaleTemps(path));
        var temps = dir.ListFiles().Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)).ToArray();
        release.Set();
        await slow.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(temps);
        Assert.Equal("slow writer", File.ReadAllText(path));
        Assert.Equal(["shared.txt"], dir.ListFiles());
    }

    [Fact]
    public void Only_this_writers_temp_names_are_touched()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.infcd");
        string[] others =
        [
            ".run.infcd.backup.tmp",            // not <pid>.<guid>
            ".run.infcd.12.not-a-guid.tmp",
            "run.infcd.123.0123456789abcdef0123456789abcdef.tmp",   // no leading dot
            ".run.infcd.123.0123456789abcdef0123456789abcdef.tmp.keep",
            "notes.tmp",
        ];
        foreach (var name in others)
        {
            File.WriteAllText(dir.File(name), "user file");
        }

        AtomicFile.WriteAllText(path, "new");
        AtomicFile.RemoveStaleTemps(path);

        Assert.Equal([.. others.Append("run.infcd").Order(StringComparer.Ordinal)], dir.ListFiles());
    }

    [Fact]
    public void A_temp_of_another_target_in_the_folder_is_removed_by_its_own_open()
    {
        using var dir = new TempDirectory();
        var stale = StaleTemp(dir, "other.npy", DeadProcessId());

        AtomicFile.RemoveStaleTemps(dir.File("run.infcd"));
        Assert.True(File.Exists(stale), "RemoveStaleTemps(path) touches only the temps of path");

        AtomicFile.RemoveStaleTemps(dir.File("other.npy"));
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void The_directory_of_a_renamed_file_is_synced_on_unix()
    {
        using var dir = new TempDirectory();

        var synced = DirectorySync.Flush(dir.Path);

        Assert.Equal(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), synced);
        Assert.Throws<IOException>(() => DirectorySync.Flush(dir.File("no-such-folder")));
    }

    private static string TempName(TempDirectory dir, string target, int pid) =>
        dir.File($".{target}.{pid}.{Guid.NewGuid():N}.tmp");

    /// <summary>A temp as a killed writer leaves it: named after the target and a pid, closed, half written.</summary>
    private static string StaleTemp(TempDirectory dir, string target, int pid)
    {
        var path = TempName(dir, target, pid);
        File.WriteAllText(path, "half a save");
        return path;
    }

    /// <summary>The id of a process that has exited (and been reaped).</summary>
    private static int DeadProcessId()
    {
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe", "/c exit 0")
            : new ProcessStartInfo("/bin/sh", "-c true");
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.Id;
    }
}
