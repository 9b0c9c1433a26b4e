using System.CommandLine;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD.Cli;

/// <summary>
/// <c>infcd distill</c>: the front door (<see cref="Distillation"/>) over a merged cache, the teacher outputs written by
/// <c>teacher</c> and a concept bank from exemplars, saving the session (<c>.infcd</c>) and its report
/// (<see cref="SessionReport"/>). Images the cache holds are read back, not encoded; any it lacks are encoded into it.
/// </summary>
internal static class DistillCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var cache = new Option<string>("--cache") { Description = "The (merged) cache folder: embeddings in <cache>/segments.", Required = true, HelpName = "DIR" };
        var teacherOutputs = new Option<string>("--teacher-outputs") { Description = "The folder infcd teacher wrote (every source's shards).", Required = true, HelpName = "DIR" };
        var evaluation = new Option<string[]>("--eval") { Description = "A held-out split, NAME=SOURCE (repeatable). Default with --source conceptworld: test and shifted.", HelpName = "NAME=SOURCE", AllowMultipleArgumentsPerToken = false };
        var concepts = new Option<string>("--concepts") { Description = "The concepts' exemplars: conceptworld, or a folder with one sub-folder of images per concept (not-NAME: images without NAME).", DefaultValueFactory = _ => SourceResolver.WorldName, HelpName = "conceptworld|DIR" };
        var l1 = new Option<double>("--l1") { Description = "The students' L1 penalty λ.", DefaultValueFactory = _ => 1e-2 };
        var output = new Option<string>("--out") { Description = "The session file to write (.infcd).", Required = true, HelpName = "FILE" };
        var report = new Option<string?>("--report") { Description = "The HTML report to write (default: beside the session, .html).", HelpName = "FILE" };
        var command = new Command("distill", "Distil the teacher into concept students from a cache and teacher outputs; save the session and its report.");
        command.Options.Add(cache);
        command.Options.Add(teacherOutputs);
        command.Options.Add(evaluation);
        command.Options.Add(concepts);
        command.Options.Add(l1);
        command.Options.Add(output);
        command.Options.Add(report);
        common.AddSource(command);
        common.AddEncoder(command);
        command.SetAction(async (parse, token) =>
        {
            var lambda = parse.GetValue(l1);
            if (!(lambda >= 0) || !double.IsFinite(lambda))
            {
                throw CliException.Usage($"--l1 must be a number ≥ 0; got {lambda}.");
            }
            var world = common.World(parse);
            var train = SourceResolver.Resolve(parse.GetValue(common.Source)!, world);
            var evals = Evaluations(parse.GetValue(evaluation) ?? [], train, world);
            var spec = common.EncoderOf(parse);
            var sessionPath = Path.GetFullPath(parse.GetValue(output)!);
            var reportPath = Path.GetFullPath(parse.GetValue(report) ?? Path.ChangeExtension(sessionPath, ".html"));
            var outputsDirectory = parse.GetValue(teacherOutputs)!;
            var trainOutputs = TeacherOutputFiles.Load(outputsDirectory, train);
            var evalOutputs = evals.Select(e => (e.Name, e.Source, Outputs: TeacherOutputFiles.Load(outputsDirectory, e.Source))).ToList();
            var exemplars = ConceptExemplars.Load(parse.GetValue(concepts)!, world);
            var cacheRoot = Path.GetFullPath(parse.GetValue(cache)!);
            if (!Directory.Exists(Path.Combine(cacheRoot, EncodeCommand.SegmentsFolder)))
            {
                throw CliException.Input("NotACache", $"--cache '{cacheRoot}' holds no {EncodeCommand.SegmentsFolder}/ folder: run infcd encode (and merge) first.");
            }
            var reporter = new Reporter();
            var (encoder, owner, providerMessage) = spec.Load();
            using var owned = owner;
            if (providerMessage is not null)
            {
                reporter.Message(providerMessage);
            }
            var builder = Distillation.On(train.Images);
            foreach (var (name, source, outputs) in evalOutputs)
            {
                builder = builder.WithEvaluation(name, source.Images, outputs);
            }
            builder = builder.WithConceptExemplars(exemplars, ExemplarMethod.Cav, ExemplarBankOptions.Default)
                .WithEncoder(encoder)
                .WithTeacher(trainOutputs)
                .WithStudents(s => s.L1(lambda))
                .WithCache(cacheRoot)
                .WithMetadata("source", train.Text);
            using var session = await reporter.StageAsync("distill", progress => builder.RunAsync(new StageProgress(progress, reporter), token)).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(sessionPath)!);
            await session.SaveAsync(sessionPath, token).ConfigureAwait(false);
            var headline = await SessionReport.WriteAsync(session, reportPath, $"InFiConD report: {Path.GetFileName(sessionPath)}", token).ConfigureAwait(false);
            var fidelity = session.MeasureFidelity();
            reporter.Done("distill",
                $"Distilled {session.Scores.ImageCount} images × {session.Scores.ConceptCount} concepts into {session.Students.ClassCount} students (fidelity {fidelity.Top1Agreement:P1} on train); session {sessionPath}, report {reportPath}." + (headline is null ? "" : $"\n{headline}"),
                ("images", session.Scores.ImageCount), ("concepts", session.Scores.ConceptCount), ("classes", session.Students.ClassCount),
                ("fidelity", fidelity.Top1Agreement), ("failed", session.Failures.Count), ("session", sessionPath), ("report", reportPath), ("headline", headline));
            return ExitCodes.Success;
        });
        return command;
    }

    private static List<(string Name, ResolvedSource Source)> Evaluations(string[] given, ResolvedSource train, WorldSettings world)
    {
        if (given.Length == 0)
        {
            return train.Text.StartsWith(SourceResolver.WorldName, StringComparison.Ordinal) && world.EvaluationImagesPerClass > 0
                ? [("test", SourceResolver.Resolve("conceptworld:test", world)), ("shifted", SourceResolver.Resolve("conceptworld:shifted", world))]
                : [];
        }
        return [.. given.Select(text =>
        {
            var split = text.IndexOf('=', StringComparison.Ordinal);
            return split > 0 && split < text.Length - 1
                ? (text[..split], SourceResolver.Resolve(text[(split + 1)..], world))
                : throw CliException.Usage($"--eval needs NAME=SOURCE (e.g. shifted=conceptworld:shifted or heldout=data/heldout); got '{text}'.");
        })];
    }

    /// <summary>The front door's stages as one bar, with a message when a stage starts.</summary>
    private sealed class StageProgress(IProgress<ImageModelProgress> bar, Reporter reporter) : IProgress<DistillationProgress>
    {
        private (DistillationStage, string)? _stage;

        public void Report(DistillationProgress value)
        {
            if (_stage != (value.Stage, value.Split))
            {
                _stage = (value.Stage, value.Split);
                if (reporter.JsonLines)
                {
                    reporter.Event("stage", ("stage", value.Stage.ToString()), ("split", value.Split));
                }
            }
            // Stages without a count (scoring, the fit) report 0 of 0: the stage event says they started.
            if (value.Total > 0 || !reporter.JsonLines)
            {
                bar.Report(new ImageModelProgress(value.Done, value.Total, value.Failed));
            }
        }
    }
}
