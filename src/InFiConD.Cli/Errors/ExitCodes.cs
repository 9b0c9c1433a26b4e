namespace InFiConD.Cli;

/// <summary>
/// The tool's exit codes, documented in docs/cli.md. Schedulers read them: a Kubernetes Job or Slurm array retries a
/// task that exits non-zero, so only codes that a retry can fix (1, 5, 130) should be retried by a recipe.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>An unexpected error (a bug, an I/O failure): named on stderr with its type and message.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: an unknown option, a missing value, a value out of range.</summary>
    public const int Usage = 2;

    /// <summary>An input is missing or invalid: a file or folder that does not exist, a malformed cache, manifest, CSV, model or session.</summary>
    public const int InvalidInput = 3;

    /// <summary>Inputs that do not go together: caches of different models, overlapping or missing shards, teacher outputs that do not cover a source.</summary>
    public const int Refused = 4;

    /// <summary>A cache is in use by another process (one writer per cache folder); retry when it is done.</summary>
    public const int Busy = 5;

    /// <summary>The requested execution provider (CUDA) is not available and <c>--require-provider</c> was given.</summary>
    public const int ProviderUnavailable = 6;

    /// <summary>Cancelled by Ctrl+C or SIGTERM; what was encoded stays cached, so the same command resumes.</summary>
    public const int Cancelled = 130;
}
