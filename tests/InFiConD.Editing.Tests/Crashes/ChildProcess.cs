using System.Diagnostics;

namespace InFiConD.Editing.Tests.Crashes;

/// <summary>
/// The crash tests' child (tests/InFiConD.CrashChild, built beside this assembly) run as <c>dotnet InFiConD.CrashChild.dll
/// …</c>: its stdout lines are collected as they come, a line can be sent to its stdin, and <see cref="Kill"/> ends it
/// with SIGKILL (no handler, no flush, no finally runs), then waits until it is reaped and its output is drained.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Task _reader;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private ChildProcess(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>The lines written so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public int Id => _process.Id;

    public static ChildProcess Start(params string[] arguments)
    {
        var child = Path.Combine(AppContext.BaseDirectory, "InFiConD.CrashChild.dll");
        Assert.True(File.Exists(child), $"The crash child is not built beside the tests: {child}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(child);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Waits for the first line (since the start) that <paramref name="match"/> accepts.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        for (var seen = 0; ;)
        {
            var lines = Lines;
            for (; seen < lines.Count; seen++)
            {
                if (match(lines[seen]))
                {
                    return lines[seen];
                }
            }
            if (_reader.IsCompleted && seen == Lines.Count)
            {
                Assert.Fail($"The crash child exited (code {(_process.HasExited ? _process.ExitCode : -1)}) before '{what}'; it wrote: {string.Join(" | ", lines)}");
            }
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"The crash child did not say '{what}' within {Patience.TotalSeconds} s; it wrote: {string.Join(" | ", lines)}");
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public Task<string> WaitForAsync(string line) => WaitForAsync(l => l == line, line);

    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>SIGKILL, then waits until the process is gone and every line it wrote has been read.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
        WaitForExit();
    }

    public int WaitForExit()
    {
        Assert.True(_process.WaitForExit(Patience), "The crash child did not exit.");
        Assert.True(_reader.Wait(Patience), "The crash child's output did not end.");
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
        _arrived.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                _lines.Add(line);
            }
            _arrived.Release();
        }
        _arrived.Release();
    }

    /// <summary>The dotnet executable running these tests (the CLI names it in DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
