using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Cli;

/// <summary>
/// Teacher outputs on disk: one CSV per shard (the library's <see cref="PrecomputedTeacher"/> format: <c>id,&lt;classes&gt;</c>,
/// probabilities), named <c>teacher-&lt;teacherKey&gt;-&lt;sourceId&gt;-&lt;i&gt;-of-&lt;N&gt;.csv</c> so <c>distill</c> finds
/// each source's shards and can refuse a folder that mixes teachers or lacks a shard.
/// </summary>
internal static partial class TeacherOutputFiles
{
    /// <summary>A short key of a teacher id (16 hex digits of its SHA-256).</summary>
    public static string KeyOf(string teacherId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(teacherId)))[..16];

    /// <summary>The CSV's path for a shard.</summary>
    public static string PathFor(string directory, string teacherId, string sourceId, ShardSpec shard) =>
        Path.Combine(directory, $"teacher-{KeyOf(teacherId)}-{sourceId}-{shard.FileTag}.csv");

    /// <summary>Reads every shard of a source's outputs and joins them in file order.</summary>
    /// <exception cref="CliException">No outputs for the source, two teachers, a missing shard, or shards with other class names (exit 4).</exception>
    public static TeacherOutputs Load(string directory, ResolvedSource source)
    {
        if (!Directory.Exists(directory))
        {
            throw CliException.Input("DirectoryNotFound", $"--teacher-outputs '{directory}' does not exist.");
        }
        var files = Directory.GetFiles(directory, "teacher-*.csv")
            .Select(f => (File: f, Match: Name().Match(Path.GetFileName(f))))
            .Where(f => f.Match.Success && f.Match.Groups["source"].Value == source.Id)
            .Select(f => (f.File, Teacher: f.Match.Groups["teacher"].Value, Index: int.Parse(f.Match.Groups["i"].Value), Count: int.Parse(f.Match.Groups["n"].Value)))
            .OrderBy(f => f.Index).ToList();
        if (files.Count == 0)
        {
            throw CliException.Refused("MissingTeacherOutputs", $"'{directory}' holds no teacher outputs for {source.Text} (source {source.Id}): run infcd teacher --source {source.Text} --out {directory}.");
        }
        if (files.Select(f => f.Teacher).Distinct().Count() > 1 || files.Select(f => f.Count).Distinct().Count() > 1)
        {
            throw CliException.Refused("MixedTeacherOutputs", $"'{directory}' holds outputs of {source.Text} from different teachers or shard counts: {string.Join(", ", files.Select(f => Path.GetFileName(f.File)))}; keep one run's files.");
        }
        var missing = Enumerable.Range(0, files[0].Count).Except(files.Select(f => f.Index)).ToList();
        if (missing.Count > 0)
        {
            throw CliException.Refused("MissingTeacherOutputs", $"The teacher outputs of {source.Text} in '{directory}' lack shard{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} of {files[0].Count}: run them (infcd teacher --shard i/{files[0].Count}).");
        }
        var parts = files.Select(f => PrecomputedTeacher.FromCsv(f.File, TeacherOutputKind.Probabilities)).ToList();
        var classes = parts[0].ClassNames;
        for (var p = 1; p < parts.Count; p++)
        {
            if (!parts[p].ClassNames.SequenceEqual(classes, StringComparer.Ordinal))
            {
                throw CliException.Refused("MixedTeacherOutputs", $"'{files[p].File}' has classes {string.Join(",", parts[p].ClassNames)} but '{files[0].File}' has {string.Join(",", classes)}.");
            }
        }
        var rows = parts.Sum(p => p.ImageCount);
        var values = new FloatMatrix(rows, classes.Count);
        var ids = new List<string>(rows);
        var at = 0;
        foreach (var part in parts)
        {
            part.Probabilities.AsSpan().CopyTo(values.RowBlock(at, part.ImageCount));
            at += part.ImageCount;
            ids.AddRange(part.ImageIds);
        }
        return TeacherOutputs.FromProbabilities(values, classes, ids, parts[0].MultiLabel);
    }

    [GeneratedRegex(@"^teacher-(?<teacher>[0-9a-f]{16})-(?<source>[0-9a-f]{16})-(?<i>\d+)-of-(?<n>\d+)\.csv$")]
    private static partial Regex Name();
}
