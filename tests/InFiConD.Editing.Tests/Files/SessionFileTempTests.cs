namespace InFiConD.Editing.Tests.Files;

/// <summary>Opening a session file removes the temps that killed saves of it left behind.</summary>
public sealed class SessionFileTempTests
{
    [Fact]
    public async Task Opening_a_session_file_removes_temps_of_killed_saves_and_keeps_others()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.infcd");
        using (var session = EditingData.Default.NewSession())
        {
            await SessionFile.SaveAsync(path, session);
        }
        // As a save killed mid-write leaves it: named after the target and a process that is gone, closed.
        var stale = dir.Write($".run.infcd.{int.MaxValue}.{Guid.NewGuid():N}.tmp", "half a save");
        var otherTarget = dir.Write($".other.infcd.{int.MaxValue}.{Guid.NewGuid():N}.tmp", "half of another save");

        var loaded = await SessionFile.LoadAsync(path);
        loaded.Session.Dispose();

        Assert.False(File.Exists(stale), "the killed save's temp is still there");
        Assert.True(File.Exists(otherTarget), "opening one file removed another file's temp");
    }
}
