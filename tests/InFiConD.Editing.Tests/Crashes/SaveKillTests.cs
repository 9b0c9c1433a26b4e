using System.Globalization;
using InFiConD.CrashChild;
using Xunit.Abstractions;

namespace InFiConD.Editing.Tests.Crashes;

/// <summary>
/// A child saving a session over and over (<see cref="SessionFile.SaveAsync"/>) is killed with SIGKILL at random
/// moments. After each kill the file must load, equal the last save the child reported as committed (or the save in
/// flight, when its rename had happened), and no temp file may be left once the file has been opened.
/// </summary>
public sealed class SaveKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_session_file_survives_kills_at_random_points_of_SaveAsync()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.infcd");
        var random = new Random(KillRounds.Seed);
        string? committedHash = null;
        int? committedRound = null;
        var next = 1;
        var (midSave, tempsLeft, inFlightCommitted) = (0, 0, 0);
        for (var kill = 1; kill <= KillRounds.Count; kill++)
        {
            var context = $"kill {kill} of {KillRounds.Count}, seed {KillRounds.Seed}";
            IReadOnlyList<string> lines;
            using (var child = ChildProcess.Start("save", path, next.ToString(CultureInfo.InvariantCulture)))
            {
                await child.WaitForAsync("ready");
                await Task.Delay(random.Next(0, 150));
                child.Kill();
                lines = child.Lines;
            }
            int? inFlight = null;
            foreach (var line in lines.Skip(1))
            {
                var parts = line.Split(' ');
                var round = int.Parse(parts[1], CultureInfo.InvariantCulture);
                next = Math.Max(next, round + 1);
                if (parts[0] == "saving")
                {
                    inFlight = round;
                }
                else
                {
                    Assert.True(parts[0] == "saved" && round == inFlight, $"{context}: unexpected line '{line}'");
                    (committedHash, committedRound, inFlight) = (parts[2], round, null);
                }
            }
            midSave += inFlight is null ? 0 : 1;
            tempsLeft += KillRounds.Temps(dir.Path).Length;

            if (!File.Exists(path))
            {
                Assert.True(committedHash is null, $"{context}: the committed session file is gone");
                continue;
            }
            var hash = KillRounds.Hash(File.ReadAllBytes(path));
            var loaded = await SessionFile.LoadAsync(path);
            using (loaded.Session)
            {
                var round = int.Parse(loaded.Metadata["round"], CultureInfo.InvariantCulture);
                if (hash == committedHash)
                {
                    Assert.Equal(committedRound, round);
                }
                else
                {
                    // Only the save in flight may have replaced the committed file: its rename happened, its report did not.
                    Assert.True(inFlight is not null && round == inFlight, $"{context}: the file holds round {round}, neither the committed round {committedRound} nor the one in flight ({inFlight})");
                    (committedHash, committedRound) = (hash, round);
                    inFlightCommitted++;
                }
                Assert.Equal(CrashData.Instance.Students.ClassNames, loaded.Session.Students.ClassNames);
            }
            Assert.Empty(KillRounds.Temps(dir.Path));
        }
        output.WriteLine($"{KillRounds.Count} kills (seed {KillRounds.Seed}): {midSave} while a save was in flight, {inFlightCommitted} of those after its rename; {tempsLeft} temp files left by kills, all removed on the next open; {next - 1} saves in all.");
        Assert.True(midSave > 0, $"No kill landed inside SaveAsync in {KillRounds.Count} tries (seed {KillRounds.Seed}); the test did not exercise what it is for.");
    }
}
