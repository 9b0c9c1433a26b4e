using System.Diagnostics;
using System.Text.RegularExpressions;

namespace InFiConD.Quickstart.Tests;

/// <summary>
/// The main job as a newcomer sees it: run in a real terminal (tmux) of a given size on the fixture's warm cache, with the
/// screen read back after it ends.
/// </summary>
[Collection(QuickstartRunCollection.Name)]
public sealed partial class TerminalTests(QuickstartRunFixture run)
{
    [TmuxTheory]
    [InlineData(80, 24)]
    [InlineData(80, 50)]
    public void Every_step_ends_on_one_line_with_its_own_duration_and_no_bar_is_left(int columns, int rows)
    {
        var output = Path.Combine(run.Directory, $"terminal-{columns}x{rows}");
        var o = run.Options;
        var command = $"dotnet '{typeof(QuickstartJob).Assembly.Location}' --images-per-class {o.ImagesPerClass} --eval-per-class {o.EvaluationImagesPerClass} " +
            $"--exemplars {o.ExemplarsPerConcept} --output '{output}' --cache '{o.EffectiveCacheDirectory}'; echo EXIT=$?; sleep 300";
        var socket = $"infcd-{Environment.ProcessId}-{columns}x{rows}";
        try
        {
            Tmux(socket, "new-session", "-d", "-s", "job", "-x", $"{columns}", "-y", $"{rows}", command);
            var screen = "";
            var clock = Stopwatch.StartNew();
            while (!screen.Contains("EXIT=", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromMinutes(4))
            {
                Thread.Sleep(1000);
                screen = Tmux(socket, "capture-pane", "-p", "-S", "-", "-t", "job");
            }
            Assert.Contains("EXIT=0", screen, StringComparison.Ordinal);
            var lines = screen.Split('\n');
            // One ✓ line per step the job reported, in order, each ending with its own duration.
            // (A step name may come back later, as "Encoding train" does: count changes of step, not distinct names.)
            var steps = run.ColdProgress.Select(p => p.Step).Where((step, i) => i == 0 || step != run.ColdProgress[i - 1].Step).ToArray();
            var done = lines.Where(l => l.StartsWith('✓')).ToArray();
            Assert.Equal(steps.Length, done.Length);
            for (var i = 0; i < steps.Length; i++)
            {
                Assert.Matches(StepLine(), done[i]);
                var shown = done[i][2..done[i].LastIndexOf(' ', done[i].Length - 3)].TrimEnd('…');
                Assert.StartsWith(shown, steps[i], StringComparison.Ordinal);
            }
            Assert.DoesNotContain(lines, l => l.Contains('━'));
            Assert.Contains(lines, l => l.StartsWith("Done in ", StringComparison.Ordinal));
            Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= columns, $"wider than {columns}: {l}"));
        }
        finally
        {
            try
            {
                Tmux(socket, "kill-server");
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private static string Tmux(string socket, params string[] args)
    {
        var start = new ProcessStartInfo(TmuxTheoryAttribute.TmuxPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(socket);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? text : throw new InvalidOperationException($"tmux {string.Join(' ', args)}: {error}");
    }

    [GeneratedRegex(@"^✓ .+ \d+\.\d s$")]
    private static partial Regex StepLine();
}
