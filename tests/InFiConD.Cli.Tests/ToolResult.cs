using System.Text.Json;

namespace InFiConD.Cli.Tests;

/// <summary>A finished tool run: its exit code, stdout (JSON lines, since it is redirected) and stderr.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    /// <summary>The last <c>done</c> event, or a failure naming the run's output.</summary>
    public JsonElement Done()
    {
        var line = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.Contains("\"event\":\"done\"", StringComparison.Ordinal));
        Assert.True(line is not null, $"no done event (exit {ExitCode}); stdout: {Output}; stderr: {Error}");
        return JsonDocument.Parse(line!).RootElement.Clone();
    }

    /// <summary>Asserts a success.</summary>
    public ToolResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}; stderr: {Error}; stdout: {Output}");
        return this;
    }

    /// <summary>Asserts a named error with its exit code, on stderr, without a stack trace.</summary>
    public void FailedWith(int exitCode, string errorName)
    {
        Assert.True(ExitCode == exitCode, $"expected exit {exitCode}, got {ExitCode}; stderr: {Error}");
        Assert.StartsWith($"error: {errorName}: ", Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
    }
}
