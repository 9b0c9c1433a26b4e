using System.Diagnostics;
using System.Globalization;

namespace InFiConD.Quickstart;

/// <summary>
/// Progress for a log or a pipe (no terminal): a line when a step starts, a line every <see cref="Interval"/> while a long
/// step runs (done of total, and an estimate of the time left at the rate so far), and a line with its duration when it ends.
/// </summary>
internal sealed class StepLog(TextWriter output, Func<TimeSpan>? clock = null)
{
    /// <summary>How often a running step reports.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly Func<TimeSpan> _now = clock ?? Stopwatch.StartNew().ElapsedTime();
    private string? _step;
    private TimeSpan _stepStart;
    private TimeSpan _lastLine;

    /// <summary>Takes one report.</summary>
    public void Report(QuickstartProgress p)
    {
        var now = _now();
        if (p.Step != _step)
        {
            Finish();
            (_step, _stepStart, _lastLine) = (p.Step, now, now);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{now.TotalSeconds,6:F1} s] {p.Step}"));
            return;
        }
        if (p.Total > 0 && p.Done > 0 && now - _lastLine >= Interval)
        {
            _lastLine = now;
            var elapsed = (now - _stepStart).TotalSeconds;
            var left = elapsed / p.Done * (p.Total - p.Done);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{now.TotalSeconds,6:F1} s]   {p.Done} of {p.Total} ({100.0 * p.Done / p.Total:F0}%), about {left:F0} s left"));
        }
    }

    /// <summary>Ends the running step, printing its duration.</summary>
    public void Finish()
    {
        if (_step is null)
        {
            return;
        }
        var now = _now();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{now.TotalSeconds,6:F1} s]   done in {(now - _stepStart).TotalSeconds:F1} s"));
        _step = null;
    }
}

/// <summary>A running stopwatch as a clock.</summary>
file static class StopwatchClock
{
    public static Func<TimeSpan> ElapsedTime(this Stopwatch watch) => () => watch.Elapsed;
}
