using System.Diagnostics;
using System.Globalization;
using InFiConD.Quickstart;
using Spectre.Console;

QuickstartOptions options;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(QuickstartOptions.Usage);
        return 0;
    }
    options = QuickstartOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(QuickstartOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

AnsiConsole.MarkupLine("[bold]InFiConD Quickstart[/]: distil a ResNet-18 teacher on ConceptWorld into concept students, find where they disagree, tune a concept.");
QuickstartResult result;
try
{
    result = options.Plain || !AnsiConsole.Profile.Capabilities.Interactive
        ? await RunPlainAsync(options, cancel.Token)
        : await RunWithBarsAsync(options, cancel.Token);
}
catch (OperationCanceledException)
{
    AnsiConsole.MarkupLine("[yellow]Cancelled.[/] Everything encoded so far is cached; the next run resumes from it.");
    return 130;
}

using (result)
{
    QuickstartConsole.Print(result);
}
return 0;

static async Task<QuickstartResult> RunPlainAsync(QuickstartOptions options, CancellationToken cancellationToken)
{
    var log = new StepLog(Console.Out);
    var result = await QuickstartJob.RunAsync(options, new SynchronousProgress<QuickstartProgress>(log.Report), cancellationToken: cancellationToken);
    log.Finish();
    return result;
}

// One live bar for the running step; each finished step becomes a line above it with its own duration, so the display
// fits any terminal height and no finished step is left at 0 %.
static async Task<QuickstartResult> RunWithBarsAsync(QuickstartOptions options, CancellationToken cancellationToken) =>
    await AnsiConsole.Progress()
        .AutoClear(true)
        .HideCompleted(true)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
        .StartAsync(async context =>
        {
            ProgressTask? current = null;
            string? step = null;
            var started = Stopwatch.StartNew();
            // A description that wraps breaks the live display: each line keeps to the terminal's width.
            string Fit(string text, int reserved) => Markup.Escape(text.Length + reserved <= AnsiConsole.Profile.Width ? text : text[..Math.Max(8, AnsiConsole.Profile.Width - reserved - 1)] + "…");
            var stepStart = TimeSpan.Zero;
            void Finish()
            {
                if (current is null)
                {
                    return;
                }
                current.Value = current.MaxValue;
                current.StopTask();
                var seconds = string.Create(CultureInfo.InvariantCulture, $"{(started.Elapsed - stepStart).TotalSeconds:F1} s");
                AnsiConsole.MarkupLine($"[green]✓[/] {Fit(step!, seconds.Length + 3)} [grey]{seconds}[/]");
                current = null;
            }
            var progress = new SynchronousProgress<QuickstartProgress>(p =>
            {
                lock (context)
                {
                    if (current is null || step != p.Step)
                    {
                        Finish();
                        (step, stepStart) = (p.Step, started.Elapsed);
                        // The bar, percentage, elapsed time and spinner take about 60 columns at most.
                        current = context.AddTask(Fit(p.Step, 60), maxValue: Math.Max(1, p.Total));
                        if (p.Total == 0)
                        {
                            current.IsIndeterminate = true;
                        }
                    }
                    if (p.Total > 0)
                    {
                        current.IsIndeterminate = false;
                        current.MaxValue = p.Total;
                        current.Value = p.Done;
                    }
                }
            });
            var result = await QuickstartJob.RunAsync(options, progress, cancellationToken: cancellationToken);
            lock (context)
            {
                Finish();
            }
            return result;
        });
