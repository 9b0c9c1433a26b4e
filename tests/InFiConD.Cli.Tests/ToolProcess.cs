using System.Diagnostics;

namespace InFiConD.Cli.Tests;

/// <summary>Runs the built <c>infcd</c> as a child process, as a scheduler would, with its own environment.</summary>
internal static class ToolProcess
{
    /// <summary>The tool's entry assembly: copied beside the tests by the project reference.</summary>
    public static string ToolPath { get; } = Path.Combine(AppContext.BaseDirectory, "infcd.dll");

    /// <summary>Starts the tool with stdout and stderr redirected (so it writes JSON lines).</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // The scheduler variables of the machine running the tests must not leak into a shard's choice.
        foreach (var name in new[] { "JOB_COMPLETION_INDEX", "INFICOND_SHARD_COUNT", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN" })
        {
            start.Environment.Remove(name);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Runs the tool to its end.</summary>
    public static async Task<ToolResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new ToolResult(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the tool with no extra environment.</summary>
    public static Task<ToolResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);
}
