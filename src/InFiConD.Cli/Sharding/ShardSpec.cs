using System.Globalization;

namespace InFiConD.Cli;

/// <summary>
/// Which shard of a source this process works on: positions <c>p</c> with <c>p mod Count = Index</c> (the library's
/// <c>ImageSource.Shard</c>). Parsed from <c>--shard i/N</c>, or with <c>--shard auto</c> from the scheduler's
/// environment: a Kubernetes Indexed Job's <c>JOB_COMPLETION_INDEX</c> (the count from <c>--shard-count</c> or
/// <c>INFICOND_SHARD_COUNT</c>, since Kubernetes does not export <c>completions</c>) or a Slurm array's
/// <c>SLURM_ARRAY_TASK_ID</c> and <c>SLURM_ARRAY_TASK_COUNT</c>.
/// </summary>
/// <param name="Index">The shard's index, 0 ≤ Index &lt; Count.</param>
/// <param name="Count">The number of shards, ≥ 1.</param>
/// <param name="Origin">Where the values came from (for the log): <c>--shard</c>, a variable's name, or <c>none</c>.</param>
internal sealed record ShardSpec(int Index, int Count, string Origin)
{
    /// <summary>The whole source as one shard.</summary>
    public static ShardSpec Whole { get; } = new(0, 1, "none");

    /// <summary>The file-name form, <c>i-of-N</c>.</summary>
    public string FileTag => $"{Index}-of-{Count}";

    /// <summary>Reads <c>--shard</c> and <c>--shard-count</c>.</summary>
    /// <param name="value">The <c>--shard</c> value: <see langword="null"/> (whole source), <c>i/N</c> or <c>auto</c>.</param>
    /// <param name="shardCount">The <c>--shard-count</c> value, if given.</param>
    /// <param name="environment">Reads an environment variable (the process's own, or a test's).</param>
    /// <exception cref="CliException">The value is malformed or out of range, or <c>auto</c> finds no scheduler variables (exit 2).</exception>
    public static ShardSpec Parse(string? value, int? shardCount, Func<string, string?> environment)
    {
        if (value is null)
        {
            return shardCount is null ? Whole : throw CliException.Usage("--shard-count needs --shard auto.");
        }
        if (value == "auto")
        {
            return FromEnvironment(shardCount, environment);
        }
        var parts = value.Split('/');
        if (parts.Length != 2 || !TryInt(parts[0], out var index) || !TryInt(parts[1], out var count))
        {
            throw CliException.Usage($"--shard needs i/N (e.g. 2/8) or auto; got '{value}'.");
        }
        if (shardCount is not null)
        {
            throw CliException.Usage("--shard-count goes with --shard auto only; --shard i/N already names the count.");
        }
        return Checked(index, count, "--shard");
    }

    private static ShardSpec FromEnvironment(int? shardCount, Func<string, string?> environment)
    {
        if (environment("JOB_COMPLETION_INDEX") is { } kubernetes)
        {
            var count = shardCount ?? (environment("INFICOND_SHARD_COUNT") is { } text
                ? TryInt(text, out var n) ? n : throw CliException.Usage($"INFICOND_SHARD_COUNT must be an integer; got '{text}'.")
                : throw CliException.Usage("--shard auto found JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) but no shard count: pass --shard-count N (the Job's completions) or set INFICOND_SHARD_COUNT."));
            return TryInt(kubernetes, out var index)
                ? Checked(index, count, "JOB_COMPLETION_INDEX")
                : throw CliException.Usage($"JOB_COMPLETION_INDEX must be an integer; got '{kubernetes}'.");
        }
        if (environment("SLURM_ARRAY_TASK_ID") is { } slurm)
        {
            if (!TryInt(slurm, out var task))
            {
                throw CliException.Usage($"SLURM_ARRAY_TASK_ID must be an integer; got '{slurm}'.");
            }
            // Slurm arrays may start at any index (--array=1-8); SLURM_ARRAY_TASK_MIN shifts them to 0.
            var min = environment("SLURM_ARRAY_TASK_MIN") is { } m && TryInt(m, out var parsed) ? parsed : 0;
            var count = shardCount ?? (environment("SLURM_ARRAY_TASK_COUNT") is { } c && TryInt(c, out var tasks)
                ? tasks
                : throw CliException.Usage("--shard auto found SLURM_ARRAY_TASK_ID but no SLURM_ARRAY_TASK_COUNT: pass --shard-count N."));
            return Checked(task - min, count, "SLURM_ARRAY_TASK_ID");
        }
        throw CliException.Usage("--shard auto needs JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm job array) in the environment; neither is set.");
    }

    private static ShardSpec Checked(int index, int count, string origin) =>
        count < 1 ? throw CliException.Usage($"The shard count must be ≥ 1; got {count} (from {origin}).")
        : index < 0 || index >= count ? throw CliException.Usage($"The shard index must be in [0, {count - 1}]; got {index} (from {origin}).")
        : new ShardSpec(index, count, origin);

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
