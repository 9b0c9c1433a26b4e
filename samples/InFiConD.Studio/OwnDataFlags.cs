namespace InFiConD.Studio;

/// <summary>
/// The rules the flags of the user's data follow together, checked once the command line is read and before anything
/// runs: <c>--train</c>, <c>--teacher</c> and <c>--concepts</c> all or none; <c>--eval</c> and <c>--classes</c> only with
/// them; no session file and no ConceptWorld-only flag beside them; every folder and file there; split names distinct.
/// </summary>
internal static class OwnDataFlags
{
    private static readonly string[] Required = ["--train", "--teacher", "--concepts"];
    private static readonly string[] WorldOnly = ["--images-per-class", "--eval-per-class", "--exemplars", "--seed"];

    /// <summary>Returns <paramref name="options"/> when the flags in <paramref name="given"/> go together.</summary>
    /// <exception cref="ArgumentException">A rule is broken; the message names the flag and what was expected.</exception>
    public static StudioOptions Check(StudioOptions options, IReadOnlySet<string> given)
    {
        var own = Required.Where(given.Contains).ToArray();
        var extras = new[] { "--eval", "--classes" }.Where(given.Contains).ToArray();
        if (own.Length == 0)
        {
            return extras.Length == 0 ? options
                : throw new ArgumentException($"Flag {extras[0]} belongs to a session built from your own data: give --train, --teacher and --concepts as well.");
        }
        if (own.Length < Required.Length)
        {
            throw new ArgumentException($"Your own data needs --train, --teacher and --concepts together; missing: {string.Join(", ", Required.Except(own))}.");
        }
        if (options.SessionFile is { } file)
        {
            throw new ArgumentException($"Either open a session file ('{file}') or build from your own data (--train), not both.");
        }
        if (WorldOnly.FirstOrDefault(given.Contains) is { } world)
        {
            throw new ArgumentException($"Flag {world} describes a ConceptWorld session; a session built from your own data (--train) takes its images from the folders.");
        }
        RequireFolder("--train", options.TrainDirectory!);
        foreach (var evaluation in options.EvaluationFolders)
        {
            RequireFolder($"--eval {evaluation.Name}=DIR", evaluation.Directory);
        }
        if (options.EvaluationFolders.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Flag --eval names the split '{twice.Key}' {twice.Count()} times; give each held-out split its own name.");
        }
        RequireFile("--teacher", options.TeacherModel!);
        if (options.ClassesFile is { } classes)
        {
            RequireFile("--classes", classes);
        }
        RequireFolder("--concepts", options.ConceptsDirectory!);
        return options;
    }

    private static void RequireFolder(string flag, string path)
    {
        if (!Directory.Exists(path))
        {
            throw new ArgumentException($"Flag {flag} needs a folder; '{path}' does not exist{(File.Exists(path) ? " (it is a file)" : "")}.");
        }
    }

    private static void RequireFile(string flag, string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"Flag {flag} needs a file; '{path}' does not exist{(Directory.Exists(path) ? " (it is a folder)" : "")}.");
        }
    }
}
