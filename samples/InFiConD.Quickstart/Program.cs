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
    var clock = Stopwatch.StartNew();
    var last = "";
    var progress = new SynchronousProgress<QuickstartProgress>(p =>
    {
        if (p.Step != last)
        {
            last = p.Step;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:F1} s] {p.Step}"));
        }
    });
    return await QuickstartJob.RunAsync(options, progress, cancellationToken: cancellationToken);
}

static async Task<QuickstartResult> RunWithBarsAsync(QuickstartOptions options, CancellationToken cancellationToken) =>
    await AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
        .StartAsync(async context =>
        {
            var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
            ProgressTask? current = null;
            var progress = new SynchronousProgress<QuickstartProgress>(p =>
            {
                lock (tasks)
                {
                    if (!tasks.TryGetValue(p.Step, out var task))
                    {
                        current?.StopTask();
                        task = tasks[p.Step] = context.AddTask(Markup.Escape(p.Step), maxValue: Math.Max(1, p.Total));
                        current = task;
                    }
                    if (p.Total > 0)
                    {
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                    }
                }
            });
            var result = await QuickstartJob.RunAsync(options, progress, cancellationToken: cancellationToken);
            lock (tasks)
            {
                foreach (var task in tasks.Values)
                {
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            }
            return result;
        });
