using System.Globalization;
using InFiConD.CrashChild;
using Xunit.Abstractions;

namespace InFiConD.Editing.Tests.Crashes;

/// <summary>
/// A child appending edits to a file-backed <see cref="ProvenanceLog"/> is killed with SIGKILL at random moments. After
/// each kill the log must open at once (the dead writer's lock is gone), hold exactly the entries the child reported as
/// committed, byte for byte, plus at most the one in flight, and fit the students bit for bit; the next child continues
/// the same log.
/// </summary>
public sealed class AppendKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_provenance_log_survives_kills_at_random_points_of_an_append()
    {
        using var dir = new TempDirectory();
        var path = dir.File("edits.jsonl");
        var random = new Random(KillRounds.Seed);
        (int Entries, int Length, string Hash)? verified = null;
        var (inFlightKept, tornDropped) = (0, 0);
        for (var kill = 1; kill <= KillRounds.Count; kill++)
        {
            var context = $"kill {kill} of {KillRounds.Count}, seed {KillRounds.Seed}";
            IReadOnlyList<string> lines;
            using (var child = ChildProcess.Start("append", path))
            {
                var ready = State(await child.WaitForAsync(l => l.StartsWith("ready ", StringComparison.Ordinal), "ready"));
                // The child opened exactly the log this test left after the previous kill.
                Assert.True(verified is null || ready == verified, $"{context}: the child opened {ready}, the test left {verified}");
                await Task.Delay(random.Next(0, 60));
                child.Kill();
                lines = child.Lines;
            }
            var committed = State(lines.Last(l => l.StartsWith("ready ", StringComparison.Ordinal) || l.StartsWith("committed ", StringComparison.Ordinal)));

            // Opens at once: a lock left by the killed writer would throw ProvenanceLogInUseException here.
            var opened = ProvenanceLog.Open(path);
            tornDropped += opened.Warnings.Count;
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length >= committed.Length, $"{context}: the log is {bytes.Length} bytes, shorter than the committed {committed.Length}");
            Assert.True(KillRounds.Hash(bytes.AsSpan(0, committed.Length)) == committed.Hash, $"{context}: the committed bytes of the log changed");
            if (bytes.Length == committed.Length)
            {
                Assert.Equal(committed.Entries, opened.Log.Entries.Count);
            }
            else
            {
                // The append in flight reached the disk whole before the kill; only its report was lost.
                Assert.Equal(committed.Entries + 1, opened.Log.Entries.Count);
                inFlightKept++;
            }
            // Every entry's "before" rows must equal its parent's, bit for bit: the log still fits the students.
            using (var session = CrashData.Instance.NewSession(opened.Log))
            {
                Assert.Equal(opened.Log.Entries.Count == 0 ? ProvenanceLog.RootId : opened.Log.Entries[^1].Id, session.Current.Id);
            }
            Assert.Empty(KillRounds.Temps(dir.Path));
            verified = (opened.Log.Entries.Count, bytes.Length, KillRounds.Hash(bytes));
        }
        output.WriteLine($"{KillRounds.Count} kills (seed {KillRounds.Seed}): {verified?.Entries} entries in the end; {inFlightKept} appends in flight were complete on disk, {tornDropped} torn last lines dropped.");
    }

    private static (int Entries, int Length, string Hash) State(string line)
    {
        var parts = line.Split(' ');
        return (int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), parts[3]);
    }
}
