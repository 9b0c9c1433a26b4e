using InFiConD.Core;
using InFiConD.Embedding;

namespace InFiConD.Cli;

/// <summary>
/// Turns any exception into one named line on stderr and an exit code, never a stack trace: a user of a scheduler
/// reads the last line of a failed task's log, so it must say what went wrong and where. <c>INFICOND_CLI_TRACE=1</c>
/// adds the stack trace for a bug report.
/// </summary>
internal static class ErrorReport
{
    /// <summary>Writes the error to <paramref name="error"/> and returns its exit code.</summary>
    public static int Write(Exception exception, TextWriter error)
    {
        var (name, code) = Classify(exception);
        var message = exception is OperationCanceledException
            ? "cancelled (Ctrl+C or SIGTERM); what was encoded is cached: run the same command again to resume."
            : OneLine(exception.Message);
        error.WriteLine($"error: {name}: {message}");
        if (exception.InnerException is { } inner && exception is not (CliException or OperationCanceledException))
        {
            error.WriteLine($"  caused by {inner.GetType().Name}: {OneLine(inner.Message)}");
        }
        if (Environment.GetEnvironmentVariable("INFICOND_CLI_TRACE") == "1")
        {
            error.WriteLine(exception.ToString());
        }
        return code;
    }

    /// <summary>The error's name and exit code.</summary>
    public static (string Name, int Code) Classify(Exception exception) => exception switch
    {
        CliException cli => (cli.Name, cli.ExitCode),
        OperationCanceledException => ("Cancelled", ExitCodes.Cancelled),
        CacheInUseException => ("CacheInUse", ExitCodes.Busy),
        ExecutionProviderUnavailableException => ("ProviderUnavailable", ExitCodes.ProviderUnavailable),
        FileNotFoundException => ("FileNotFound", ExitCodes.InvalidInput),
        DirectoryNotFoundException => ("DirectoryNotFound", ExitCodes.InvalidInput),
        InvalidFileException => ("InvalidFile", ExitCodes.InvalidInput),
        ShapeMismatchException => ("ShapeMismatch", ExitCodes.InvalidInput),
        ImageDecodeException => ("ImageDecode", ExitCodes.InvalidInput),
        InFiConDException => (exception.GetType().Name.Replace("Exception", "", StringComparison.Ordinal), ExitCodes.InvalidInput),
        ArgumentException => ("InvalidArgument", ExitCodes.Usage),
        _ => (exception.GetType().Name.Replace("Exception", "", StringComparison.Ordinal), ExitCodes.Failure),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
