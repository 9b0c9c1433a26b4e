namespace InFiConD.Cli;

/// <summary>An error the tool reports by name on stderr, with the exit code it maps to (see <see cref="ExitCodes"/>).</summary>
internal sealed class CliException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="name">A short stable name scripts can match, e.g. <c>OverlappingShards</c>.</param>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="message">What is wrong and what to do, naming the files at fault.</param>
    public CliException(string name, int exitCode, string message)
        : base(message) => (Name, ExitCode) = (name, exitCode);

    /// <summary>The error's name.</summary>
    public string Name { get; }

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }

    /// <summary>A usage error (exit 2).</summary>
    public static CliException Usage(string message) => new("UsageError", ExitCodes.Usage, message);

    /// <summary>A missing or invalid input (exit 3).</summary>
    public static CliException Input(string name, string message) => new(name, ExitCodes.InvalidInput, message);

    /// <summary>Inputs that do not go together (exit 4).</summary>
    public static CliException Refused(string name, string message) => new(name, ExitCodes.Refused, message);
}
