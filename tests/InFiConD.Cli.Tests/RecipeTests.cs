using System.CommandLine;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace InFiConD.Cli.Tests;

/// <summary>
/// The fleet recipes in samples/fleet, checked without a cluster: the Kubernetes manifests parse as YAML and hold the
/// fields the recipe relies on (an Indexed Job whose completions match --shard-count, a shared ReadWriteMany claim
/// mounted where the caches go), the Slurm scripts declare their array and dependency, and every infcd command line
/// in them parses with the tool's own parser (so a renamed option breaks this test, not a fleet run).
/// </summary>
public sealed class RecipeTests
{
    private static readonly string Fleet = Path.Combine(RepositoryRoot(), "samples", "fleet");

    [Fact]
    public void Kubernetes_encode_job_is_an_indexed_job_sharding_by_its_completion_index()
    {
        var job = Load("kubernetes/encode-job.yaml");
        Assert.Equal("batch/v1", Scalar(job, "apiVersion"));
        Assert.Equal("Job", Scalar(job, "kind"));
        var spec = Map(job, "spec");
        Assert.Equal("Indexed", Scalar(spec, "completionMode"));
        var completions = int.Parse(Scalar(spec, "completions"));
        Assert.InRange(int.Parse(Scalar(spec, "parallelism")), 1, completions);
        var pod = Map(Map(spec, "template"), "spec");
        Assert.Equal("Never", Scalar(pod, "restartPolicy"));
        var container = (YamlMappingNode)Sequence(pod, "containers").Children.Single();
        var lines = CommandLines(container);
        var encode = lines.Single(l => l[0] == "encode");
        Assert.Equal("auto", Option(encode, "--shard"));
        Assert.Equal(completions.ToString(), Option(encode, "--shard-count"));
        Assert.Contains("$JOB_COMPLETION_INDEX", Option(encode, "--cache"), StringComparison.Ordinal);
        var teacher = lines.Single(l => l[0] == "teacher");
        Assert.Equal(completions.ToString(), Option(teacher, "--shard-count"));
        var shared = SharedMount(pod, container);
        Assert.StartsWith(shared + "/", Option(encode, "--cache"), StringComparison.Ordinal);
        Assert.StartsWith(shared + "/", Option(teacher, "--out"), StringComparison.Ordinal);
        AllParse(lines);
    }

    [Fact]
    public void Kubernetes_merge_job_merges_the_shard_folders_the_encode_job_writes()
    {
        var encodeJob = Load("kubernetes/encode-job.yaml");
        var encodeContainer = (YamlMappingNode)Sequence(Map(Map(Map(encodeJob, "spec"), "template"), "spec"), "containers").Children.Single();
        var shardFolder = Option(CommandLines(encodeContainer).Single(l => l[0] == "encode"), "--cache").Replace("$JOB_COMPLETION_INDEX", "*", StringComparison.Ordinal);

        var job = Load("kubernetes/merge-job.yaml");
        var spec = Map(job, "spec");
        Assert.False(spec.Children.ContainsKey(new YamlScalarNode("completionMode")), "the merge is one pod, not indexed");
        Assert.Equal("1", Scalar(spec, "completions"));
        var pod = Map(Map(spec, "template"), "spec");
        var container = (YamlMappingNode)Sequence(pod, "containers").Children.Single();
        var lines = CommandLines(container);
        var merge = lines.Single(l => l[0] == "merge");
        Assert.Contains(shardFolder, merge);
        var distill = lines.Single(l => l[0] == "distill");
        Assert.Equal(Option(merge, "--into"), Option(distill, "--cache"));
        Assert.StartsWith(SharedMount(pod, container) + "/", Option(merge, "--into"), StringComparison.Ordinal);
        AllParse(lines);
    }

    [Fact]
    public void Kubernetes_shared_claim_is_read_write_many_and_is_the_one_the_jobs_mount()
    {
        var claim = Load("kubernetes/shared-volume.yaml");
        Assert.Equal("PersistentVolumeClaim", Scalar(claim, "kind"));
        Assert.Equal("ReadWriteMany", ((YamlScalarNode)Sequence(Map(claim, "spec"), "accessModes").Children.Single()).Value);
        var name = Scalar(Map(claim, "metadata"), "name");
        foreach (var file in new[] { "kubernetes/encode-job.yaml", "kubernetes/merge-job.yaml" })
        {
            var volumes = Sequence(Map(Map(Map(Load(file), "spec"), "template"), "spec"), "volumes").Children.Cast<YamlMappingNode>();
            Assert.Contains(volumes, v => Scalar(v, "name") == "shared" && Scalar(Map(v, "persistentVolumeClaim"), "claimName") == name);
        }
    }

    [Fact]
    public void Slurm_array_shards_by_task_id_and_merge_waits_for_it()
    {
        var encode = File.ReadAllText(Path.Combine(Fleet, "slurm/encode.sbatch"));
        var array = Regex.Match(encode, @"^#SBATCH --array=(\d+)-(\d+)\s*$", RegexOptions.Multiline);
        Assert.True(array.Success, "encode.sbatch declares #SBATCH --array=first-last");
        Assert.True(int.Parse(array.Groups[2].Value) > int.Parse(array.Groups[1].Value));
        var lines = ScriptLines(encode);
        Assert.Equal(["encode", "teacher"], lines.Select(l => l[0]));
        Assert.All(lines, l => Assert.Equal("auto", Option(l, "--shard")));
        Assert.Contains("$SLURM_ARRAY_TASK_ID", Option(lines[0], "--cache"), StringComparison.Ordinal);
        AllParse(lines);

        var merge = ScriptLines(File.ReadAllText(Path.Combine(Fleet, "slurm/merge.sbatch")));
        Assert.Equal(["merge", "distill"], merge.Select(l => l[0]));
        Assert.Contains(Option(lines[0], "--cache").Replace("$SLURM_ARRAY_TASK_ID", "*", StringComparison.Ordinal), merge[0]);
        AllParse(merge);
        var submit = File.ReadAllText(Path.Combine(Fleet, "slurm/submit.sh"));
        Assert.Contains("sbatch --parsable encode.sbatch", submit, StringComparison.Ordinal);
        Assert.Contains("--dependency=\"afterok:${array}\" merge.sbatch", submit, StringComparison.Ordinal);
    }

    /// <summary>Every line parses with the tool's own parser and no errors.</summary>
    private static void AllParse(IEnumerable<string[]> lines)
    {
        foreach (var line in lines)
        {
            var parse = CliApp.CreateRoot().Parse(line);
            Assert.True(parse.Errors.Count == 0, $"infcd {string.Join(' ', line)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        }
    }

    /// <summary>The infcd command lines of a container's <c>sh -c</c> script, without the leading <c>infcd</c>.</summary>
    private static List<string[]> CommandLines(YamlMappingNode container)
    {
        var command = Sequence(container, "command").Children.Cast<YamlScalarNode>().Select(s => s.Value!).ToList();
        Assert.Equal(["sh", "-c"], command.Take(2));
        return [.. command[2].Split("&&").Select(Tokens)];
    }

    /// <summary>The infcd lines of a shell script (quotes dropped; variables left as written).</summary>
    private static List<string[]> ScriptLines(string script) =>
        [.. script.Split('\n').Where(l => l.StartsWith("infcd ", StringComparison.Ordinal)).Select(Tokens)];

    private static string[] Tokens(string line)
    {
        var tokens = line.Replace("\"", "", StringComparison.Ordinal).Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("infcd", tokens[0]);
        return tokens[1..];
    }

    private static string Option(string[] line, string name)
    {
        var at = Array.IndexOf(line, name);
        Assert.True(at >= 0 && at + 1 < line.Length, $"infcd {string.Join(' ', line)} has no {name} value");
        return line[at + 1];
    }

    /// <summary>The container's mount path of the volume named <c>shared</c>, checked to be a claim.</summary>
    private static string SharedMount(YamlMappingNode pod, YamlMappingNode container)
    {
        var volume = Sequence(pod, "volumes").Children.Cast<YamlMappingNode>().Single(v => Scalar(v, "name") == "shared");
        Assert.True(volume.Children.ContainsKey(new YamlScalarNode("persistentVolumeClaim")), "the shared volume is a persistent volume claim");
        var mount = Sequence(container, "volumeMounts").Children.Cast<YamlMappingNode>().Single(m => Scalar(m, "name") == "shared");
        Assert.False(mount.Children.ContainsKey(new YamlScalarNode("readOnly")), "the shared volume is writable");
        return Scalar(mount, "mountPath");
    }

    private static YamlMappingNode Load(string relative)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Fleet, relative));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "InFiConD.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("InFiConD.sln not found above " + AppContext.BaseDirectory);
    }
}
