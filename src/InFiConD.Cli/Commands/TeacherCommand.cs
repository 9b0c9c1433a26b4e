using System.CommandLine;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD.Cli;

/// <summary>
/// <c>infcd teacher</c>: an ONNX teacher over a source (or one shard of it), its class probabilities written as a CSV per
/// shard (<see cref="TeacherOutputFiles"/>). <c>--model conceptworld</c> builds the main job's default teacher first
/// (<see cref="WorldTeacher"/>). Images the teacher cannot read are listed and left out; <c>distill</c> drops them.
/// </summary>
internal static class TeacherCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var model = new Option<string>("--model") { Description = "The teacher: an ONNX image classifier (first output one score per class), or conceptworld (the main job's ResNet-18 + ML.NET head, built once into --out).", Required = true, HelpName = "FILE|conceptworld" };
        var classes = new Option<string?>("--classes") { Description = "The class names, one per line in output order (needed unless the model carries them, as a composed teacher does).", HelpName = "FILE" };
        var preprocessing = new Option<string>("--preprocessing") { Description = "The model's input: resnet18 (raw 0-255 RGB 224 × 224, as the packaged ResNet-18) or clip.", DefaultValueFactory = _ => "resnet18" };
        var provider = new Option<string>("--provider") { Description = "Where the teacher runs: cpu, cuda or cuda:ID (needs the GPU build of ONNX Runtime; falls back to the CPU with a message).", DefaultValueFactory = _ => "cpu" };
        var requireProvider = new Option<bool>("--require-provider") { Description = "Fail (exit 6) instead of falling back to the CPU when --provider cannot be used." };
        var output = new Option<string>("--out") { Description = "The folder for the outputs (one CSV per shard; shared storage in a fleet).", Required = true, HelpName = "DIR" };
        var command = new Command("teacher", "Run an ONNX teacher over a source (or one shard of it) and write its class probabilities.");
        command.Options.Add(model);
        command.Options.Add(classes);
        command.Options.Add(preprocessing);
        command.Options.Add(provider);
        command.Options.Add(requireProvider);
        command.Options.Add(output);
        common.AddSource(command);
        common.AddShard(command);
        command.SetAction((parse, token) => RunAsync(parse, common, parse.GetValue(model)!, parse.GetValue(classes), parse.GetValue(preprocessing)!, parse.GetValue(output)!,
            ModelOptions(parse.GetValue(provider)!, parse.GetValue(requireProvider)), token));
        return command;
    }

    /// <summary>The teacher's model options for <c>--provider</c>: the batch size follows the device unless the model fixes it.</summary>
    internal static OnnxImageModelOptions ModelOptions(string provider, bool require)
    {
        ExecutionProvider parsed;
        try
        {
            parsed = ExecutionProvider.Parse(provider);
        }
        catch (FormatException e)
        {
            throw CliException.Usage($"--provider: {e.Message}");
        }
        return OnnxImageModelOptions.Default with { ExecutionProvider = parsed, ProviderFallback = require ? ProviderFallback.Throw : ProviderFallback.Cpu };
    }

    private static async Task<int> RunAsync(ParseResult parse, CommonOptions common, string model, string? classesFile, string preprocessingName, string outputDirectory,
        OnnxImageModelOptions modelOptions, CancellationToken token)
    {
        var preprocessing = preprocessingName switch
        {
            "resnet18" => Preprocessing.ResNet18Package,
            "clip" => Preprocessing.Clip,
            _ => throw CliException.Usage($"--preprocessing needs resnet18 or clip; got '{preprocessingName}'."),
        };
        var shard = common.ShardOf(parse);
        var world = common.World(parse);
        var source = SourceResolver.Resolve(parse.GetValue(common.Source)!, world);
        var reporter = new Reporter();
        var directory = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(directory);
        var path = model == SourceResolver.WorldName ? await WorldTeacher.EnsureAsync(directory, world, reporter, token).ConfigureAwait(false) : model;
        if (!File.Exists(path))
        {
            throw CliException.Input("FileNotFound", $"--model '{path}' does not exist.");
        }
        IReadOnlyList<string>? classNames = null;
        if (classesFile is not null)
        {
            classNames = File.Exists(classesFile)
                ? [.. File.ReadAllLines(classesFile).Select(l => l.Trim()).Where(l => l.Length > 0)]
                : throw CliException.Input("FileNotFound", $"--classes '{classesFile}' does not exist.");
        }
        var teacherOptions = new OnnxTeacherOptions { Model = modelOptions };
        using var teacher = classNames is null ? OnnxTeacher.Load(path, preprocessing, teacherOptions) : OnnxTeacher.Load(path, preprocessing, classNames, teacherOptions);
        if (teacher.Model.ExecutionProvider.Message is { } fallback)
        {
            reporter.Message(fallback);
        }
        var images = source.Images.Shard(shard.Index, shard.Count);
        reporter.Event("start", ("command", "teacher"), ("source", source.Text), ("sourceId", source.Id), ("shard", $"{shard.Index}/{shard.Count}"),
            ("shardFrom", shard.Origin), ("images", images.Count), ("teacher", teacher.TeacherId),
            ("provider", teacher.Model.ExecutionProvider.Effective.ToString()), ("batch", teacher.Model.BatchSize));
        var run = await reporter.StageAsync($"teacher {source.Text} shard {shard.Index}/{shard.Count}", progress => teacher.PredictAsync(images, progress, token)).ConfigureAwait(false);
        var csv = TeacherOutputFiles.PathFor(directory, teacher.TeacherId, source.Id, shard);
        PrecomputedTeacher.SaveCsv(run.Outputs, csv);
        foreach (var failure in run.Failures)
        {
            reporter.Message($"not scored: {failure.Id}: {failure.Reason} {failure.Message}");
        }
        reporter.Done("teacher", $"Teacher on shard {shard.Index}/{shard.Count} of {source.Text}: {run.Outputs.ImageCount} images, {run.Failures.Count} failed → {csv}.",
            ("shard", $"{shard.Index}/{shard.Count}"), ("images", run.Outputs.ImageCount), ("failed", run.Failures.Count), ("outputs", csv));
        return ExitCodes.Success;
    }
}
