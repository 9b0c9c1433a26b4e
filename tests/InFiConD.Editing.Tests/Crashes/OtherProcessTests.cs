using InFiConD.Core;

namespace InFiConD.Editing.Tests.Crashes;

/// <summary>
/// Locks across processes: a provenance log held by another process is refused with a named error until that process
/// closes it or is killed; an atomic write in progress in another process keeps its temp; a killed one's temp goes.
/// </summary>
public sealed class OtherProcessTests
{
    [Fact]
    public async Task A_log_held_by_another_process_is_refused_until_that_process_is_killed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("edits.jsonl");
        ProvenanceLog.Create(path).Dispose();
        using var child = ChildProcess.Start("hold-log", path);
        await child.WaitForAsync("held");

        var error = Assert.Throws<ProvenanceLogInUseException>(() => ProvenanceLog.Open(path));
        Assert.Equal(Path.GetFullPath(path), error.FilePath);
        Assert.Throws<ProvenanceLogInUseException>(() => ProvenanceLog.Create(dir.File("edits.jsonl")));

        child.Kill();
        using var opened = ProvenanceLog.Open(path).Log;
        Assert.Empty(opened.Entries);
    }

    [Fact]
    public async Task A_log_closed_by_the_other_process_opens_again()
    {
        using var dir = new TempDirectory();
        var path = dir.File("edits.jsonl");
        using var child = ChildProcess.Start("hold-log", path);
        await child.WaitForAsync("held");
        Assert.Throws<ProvenanceLogInUseException>(() => ProvenanceLog.Open(path));

        child.Send("release");
        await child.WaitForAsync("released");
        Assert.Equal(0, child.WaitForExit());

        ProvenanceLog.Open(path).Log.Dispose();
    }

    [Fact]
    public async Task A_write_in_progress_in_another_process_keeps_its_temp_and_completes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("shared.txt");
        using var child = ChildProcess.Start("hold-write", path);
        await child.WaitForAsync("writing");
        var temp = Assert.Single(KillRounds.Temps(dir.Path));
        Assert.Contains($".{child.Id}.", temp, StringComparison.Ordinal);

        AtomicFile.WriteAllText(path, "written by the test");
        Assert.Equal(0, AtomicFile.RemoveStaleTemps(path));
        Assert.True(File.Exists(dir.File(temp)), "the live writer's temp was removed");

        child.Send("finish");
        await child.WaitForAsync("written");
        Assert.Equal(0, child.WaitForExit());
        Assert.Equal("written by the child", File.ReadAllText(path));
        Assert.Empty(KillRounds.Temps(dir.Path));
    }

    [Fact]
    public async Task The_temp_of_a_writer_killed_mid_write_is_removed_by_the_next_write()
    {
        using var dir = new TempDirectory();
        var path = dir.File("shared.txt");
        File.WriteAllText(path, "before");
        using var child = ChildProcess.Start("hold-write", path);
        await child.WaitForAsync("writing");
        child.Kill();
        Assert.Single(KillRounds.Temps(dir.Path));
        Assert.Equal("before", File.ReadAllText(path));

        AtomicFile.WriteAllText(path, "after");

        Assert.Empty(KillRounds.Temps(dir.Path));
        Assert.Equal("after", File.ReadAllText(path));
    }
}
