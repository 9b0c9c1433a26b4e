namespace InFiConD.Cli.Tests;

/// <summary>
/// The main job's stages through the tool on a small ConceptWorld: encode (two shards of train, then test and shifted),
/// merge, the default teacher (sharded), distill into a session with its report, report again from the saved session.
/// </summary>
public sealed class EndToEndTests
{
    private static readonly string[] World = ["--images-per-class", "4", "--eval-per-class", "2", "--exemplars", "2"];

    [Fact]
    public async Task Encode_merge_teacher_distill_report()
    {
        using var temp = new TempFolder();
        string[] encode = ["encode", "--segmentation", "whole", .. World];
        (await ToolProcess.RunAsync(temp.Path, [.. encode, "--cache", "s0", "--shard", "0/2"])).Succeeded();
        (await ToolProcess.RunAsync(temp.Path, [.. encode, "--cache", "s1", "--shard", "1/2"])).Succeeded();
        (await ToolProcess.RunAsync(temp.Path, [.. encode, "--cache", "s2", "--source", "conceptworld:test"])).Succeeded();
        (await ToolProcess.RunAsync(temp.Path, [.. encode, "--cache", "s3", "--source", "conceptworld:shifted"])).Succeeded();
        var merged = (await ToolProcess.RunAsync(temp.Path, "merge", "--into", "all", "s0", "s1", "s2", "s3")).Succeeded().Done();
        Assert.Equal(24 + 12 + 12, merged.GetProperty("total").GetInt32());

        string[] teacher = ["teacher", "--model", "conceptworld", "--out", "teacher", .. World];
        var first = (await ToolProcess.RunAsync(temp.Path, [.. teacher, "--shard", "0/2"])).Succeeded().Done();
        Assert.Equal(12, first.GetProperty("images").GetInt32());
        Assert.Single(Directory.GetFiles(temp["teacher"], "teacher-conceptworld-*.onnx"));
        (await ToolProcess.RunAsync(temp.Path, [.. teacher, "--shard", "1/2"])).Succeeded();

        // Without the held-out splits' outputs distill refuses, naming the command that makes them.
        string[] distill = ["distill", "--cache", "all", "--teacher-outputs", "teacher", "--segmentation", "whole", "--out", "run.infcd", .. World];
        var refused = await ToolProcess.RunAsync(temp.Path, distill);
        refused.FailedWith(ExitCodes.Refused, "MissingTeacherOutputs");
        Assert.Contains("conceptworld:test", refused.Error, StringComparison.Ordinal);

        (await ToolProcess.RunAsync(temp.Path, [.. teacher, "--source", "conceptworld:test"])).Succeeded();
        (await ToolProcess.RunAsync(temp.Path, [.. teacher, "--source", "conceptworld:shifted"])).Succeeded();
        var done = (await ToolProcess.RunAsync(temp.Path, distill)).Succeeded().Done();
        Assert.Equal(24, done.GetProperty("images").GetInt32());
        Assert.Equal(6, done.GetProperty("classes").GetInt32());
        Assert.True(done.GetProperty("concepts").GetInt32() > 20);
        Assert.InRange(done.GetProperty("fidelity").GetDouble(), 0.5, 1.0);

        using (var session = await DistillationSession.LoadAsync(temp["run.infcd"]))
        {
            Assert.Equal(["train", "test", "shifted"], session.Splits.Select(s => s.Name));
            Assert.Equal(6, session.Students.ClassCount);
        }
        var html = await File.ReadAllTextAsync(temp["run.html"]);
        foreach (var part in new[] { "Diagnosis", "Fidelity on shifted", "Students", "Provenance" })
        {
            Assert.Contains(part, html, StringComparison.Ordinal);
        }
        var report = (await ToolProcess.RunAsync(temp.Path, "report", "run.infcd", "--out", "again.html")).Succeeded().Done();
        Assert.Equal("v0", report.GetProperty("version").GetString());
        Assert.True(new FileInfo(temp["again.html"]).Length > 10_000);

        await StudioServesTheSessionAsync(temp);
    }

    /// <summary><c>infcd studio</c> serves the saved session (the Studio's own routes) and stops on SIGTERM with exit 0.</summary>
    private static async Task StudioServesTheSessionAsync(TempFolder temp)
    {
        var port = FreePort();
        using var studio = ToolProcess.Start(temp.Path, null, "studio", "run.infcd", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", "studio-output");
        var output = studio.StandardOutput.ReadToEndAsync();
        var error = studio.StandardError.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        var state = "";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!state.Contains("\"status\":\"ready\"", StringComparison.Ordinal) && !studio.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                state = await http.GetStringAsync("api/state");
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        var page = state.Length > 0 ? await http.GetStringAsync("") : "";
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", studio.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await studio.WaitForExitAsync(stop.Token);
        var log = $"state: {state}; stdout: {await output}; stderr: {await error}";
        Assert.True(state.Contains("\"status\":\"ready\"", StringComparison.Ordinal) && state.Contains("\"mode\":\"file\"", StringComparison.Ordinal), log);
        Assert.Contains("<title>InFiConD Studio</title>", page, StringComparison.Ordinal);
        Assert.Contains($"open http://127.0.0.1:{port}/", log, StringComparison.Ordinal);
        Assert.True(studio.ExitCode == 0, $"exit {studio.ExitCode}; {log}");
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
