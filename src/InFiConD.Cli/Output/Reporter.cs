using System.Diagnostics;
using System.Text;
using System.Text.Json;
using InFiConD.Embedding;
using Spectre.Console;

namespace InFiConD.Cli;

/// <summary>
/// Where a command's progress and results go. On a terminal: a progress bar per stage and plain sentences. When stdout is
/// not a terminal (a Kubernetes pod's log, a Slurm output file, a pipe): one JSON object per line, so a log collector
/// can parse it — <c>{"event":"progress","stage":…,"done":…,"total":…,"failed":…}</c> at most every 2 s per stage and
/// at its end, <c>{"event":"message",…}</c>, and a final <c>{"event":"done","command":…,…}</c>. Errors go to stderr in
/// both modes (<see cref="ErrorReport"/>).
/// </summary>
internal sealed class Reporter
{
    private static readonly TimeSpan JsonInterval = TimeSpan.FromSeconds(2);
    private readonly TextWriter _out;

    /// <summary>Creates a reporter on stdout, in JSON-lines mode when stdout is redirected.</summary>
    public Reporter()
        : this(Console.Out, Console.IsOutputRedirected)
    {
    }

    /// <summary>Creates a reporter.</summary>
    public Reporter(TextWriter output, bool jsonLines) => (_out, JsonLines) = (output, jsonLines);

    /// <summary>Whether output is JSON lines (not a terminal).</summary>
    public bool JsonLines { get; }

    /// <summary>Runs a stage with progress: a bar on a terminal, throttled JSON lines otherwise.</summary>
    public async Task<T> StageAsync<T>(string stage, Func<IProgress<ImageModelProgress>, Task<T>> work)
    {
        if (JsonLines)
        {
            var sink = new JsonProgress(this, stage);
            var result = await work(sink).ConfigureAwait(false);
            sink.Flush();
            return result;
        }
        T value = default!;
        await AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(stage), maxValue: 1);
                var progress = new Progress<ImageModelProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                });
                value = await work(progress).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return value;
    }

    /// <summary>A sentence for the user: plain on a terminal, a <c>message</c> event otherwise.</summary>
    public void Message(string text)
    {
        if (JsonLines)
        {
            Event("message", ("text", text));
        }
        else
        {
            _out.WriteLine(text);
        }
    }

    /// <summary>Writes one JSON-lines event (only in JSON mode).</summary>
    public void Event(string name, params (string Key, object? Value)[] fields)
    {
        if (!JsonLines)
        {
            return;
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event", name);
            foreach (var (key, value) in fields)
            {
                json.WritePropertyName(key);
                JsonSerializer.Serialize(json, value);
            }
            json.WriteEndObject();
        }
        lock (_out)
        {
            _out.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
            _out.Flush();
        }
    }

    /// <summary>The command's result: a <c>done</c> event in JSON mode, a sentence on a terminal.</summary>
    public void Done(string command, string sentence, params (string Key, object? Value)[] fields)
    {
        if (JsonLines)
        {
            Event("done", [("command", command), .. fields]);
        }
        else
        {
            _out.WriteLine(sentence);
        }
    }

    /// <summary>Progress as JSON lines, at most one line per <see cref="JsonInterval"/> and always the last.</summary>
    private sealed class JsonProgress(Reporter owner, string stage) : IProgress<ImageModelProgress>
    {
        private readonly Lock _gate = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _last;
        private ImageModelProgress? _latest;
        private ImageModelProgress? _written;

        public void Report(ImageModelProgress value)
        {
            lock (_gate)
            {
                _latest = value;
                if (_last is { } last && _clock.Elapsed - last < JsonInterval && value.Done < value.Total)
                {
                    return;
                }
                Write(value);
            }
        }

        /// <summary>Writes the latest report when the throttle held it back.</summary>
        public void Flush()
        {
            lock (_gate)
            {
                if (_latest is { } latest && !ReferenceEquals(latest, _written))
                {
                    Write(latest);
                }
            }
        }

        private void Write(ImageModelProgress value)
        {
            _written = value;
            _last = _clock.Elapsed;
            owner.Event("progress", ("stage", stage), ("done", value.Done), ("total", value.Total), ("failed", value.Failed));
        }
    }
}
