using System.CommandLine;

namespace InFiConD.Cli;

/// <summary>
/// The <c>infcd</c> command tree and its one error boundary: a parse error is a usage error (exit 2, the errors on
/// stderr), and any exception a command throws becomes one named line on stderr and its exit code (<see cref="ErrorReport"/>).
/// </summary>
internal static class CliApp
{
    /// <summary>The root command with every sub-command.</summary>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("infcd: InFiConD from the command line. Encode images into shard caches (Kubernetes Indexed Jobs, Slurm arrays: --shard auto), merge them, run an ONNX teacher, distil concept students into a saved session with its report, and open the session in the Studio. Exit codes: docs/cli.md.");
        root.Subcommands.Add(EncodeCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(TeacherCommand.Create());
        root.Subcommands.Add(DistillCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(StudioCommand.Create());
        return root;
    }

    /// <summary>Parses and runs a command line; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: UsageError: {error.Message}").ConfigureAwait(false);
            }
            await Console.Error.WriteLineAsync("Run 'infcd --help' or 'infcd <command> --help' for the options.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        try
        {
            // Ctrl+C or SIGTERM (a pod's eviction) cancels between chunks, so the chunks encoded stay cached; Kubernetes
            // allows 30 s before SIGKILL, so wait up to 25 s for the current chunk before the runtime ends the process.
            var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(25) };
            if (parse.CommandResult.Command.Name == "studio")
            {
                // The Studio's web host handles Ctrl+C and SIGTERM itself (a graceful shutdown); ours would swallow them.
                configuration.ProcessTerminationTimeout = null;
            }
            return await parse.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return ErrorReport.Write(e, Console.Error);
        }
    }
}
