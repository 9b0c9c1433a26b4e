using System.Diagnostics;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Analysis;
using InFiConD.Datasets;
using InFiConD.Editing;
using InFiConD.Embedding;
using InFiConD.MLNet;
using InFiConD.Students;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InFiConD.Quickstart;

/// <summary>
/// The main job on the embedded default: ConceptWorld → ResNet-18 (whole image + 2 × 2 grid, pooled from one pass per image) → exemplar concept
/// bank → a ResNet-18 teacher with an ML.NET head composed into one ONNX file → students → misalignment report →
/// downtune the planted background of one class → before/after on the test and shifted splits → session, student
/// ONNX and reports on disk. Every stage is the library's public API; this class only wires them.
/// </summary>
internal static class QuickstartJob
{
    public static async Task<QuickstartResult> RunAsync(QuickstartOptions options, IProgress<QuickstartProgress>? progress = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        logger ??= NullLogger.Instance;
        var output = Path.GetFullPath(options.OutputDirectory);
        var cache = Path.GetFullPath(options.EffectiveCacheDirectory);
        Directory.CreateDirectory(output);
        var warm = Directory.Exists(Path.Combine(cache, "segments"));

        progress?.Report(new QuickstartProgress("Drawing ConceptWorld", 0, 0));
        var world = ConceptWorld.Create(new ConceptWorldOptions
        {
            Seed = options.Seed,
            ImagesPerClass = options.ImagesPerClass,
            TestImagesPerClass = options.EvaluationImagesPerClass,
            ShiftedImagesPerClass = options.EvaluationImagesPerClass,
            ExemplarsPerConcept = options.ExemplarsPerConcept,
            Exemplars = options.InScenePartExemplars ? ExemplarStyle.InScene : ExemplarStyle.Isolated,
        });
        var editClass = world.Classes.FirstOrDefault(c => c.Name == options.EditClass)
            ?? throw new ArgumentException($"--edit-class '{options.EditClass}' is not a ConceptWorld class; the classes are: {string.Join(", ", world.ClassNames)}.");

        // Pooled: one batched pass per image, the whole image and the grid cells averaged from its last convolutional map;
        // crops: one pass per segment. The whole-image segment is the same features either way (to float rounding).
        using var map = options.Segments == "pooled" ? ResNet18FeatureMap.Load() : null;
        using var backbone = map is null ? ResNet18Backbone.Load() : null;
        IDenseImageEncoder encoder = map is not null
            ? RegionPooledSegmentEncoder.Create(map, Segmentation.Grid(2), includeWhole: true)
            : CroppedSegmentEncoder.Create(backbone!, Segmentation.Grid(2), CroppedSegmentOptions.Default with { IncludeWhole = true });
        var encodeOptions = new EncodeOptions { CacheDirectory = Path.Combine(cache, "segments") };
        // The teacher's head is trained on the train images' whole-image features; the run below reads them back from the cache.
        var trainStep = "Encoding train (whole + 2×2)";
        progress?.Report(new QuickstartProgress(trainStep, 0, world.Train.Count));
        var trainSegments = await EmbeddingRunner.EncodeAsync(world.Train.Source, encoder, encodeOptions, Forward(progress, trainStep), cancellationToken).ConfigureAwait(false);

        // The teacher: an ML.NET head on the train split's whole-image features, composed with ResNet-18 into one ONNX file.
        progress?.Report(new QuickstartProgress("Training the teacher's head", 0, 0));
        var (features, labels) = WholeImageFeatures(trainSegments, world.Train);
        var head = ClassifierHeadTrainer.Train(features, labels, world.ClassNames, new ClassifierHeadTrainerOptions { Seed = options.Seed });
        var teacherPath = Path.Combine(output, "teacher.onnx");
        // A fixed batch of 1 lets OnnxTeacher run one single-thread call per core, as ResNet18Backbone does
        // (ResNet-18 uses two threads poorly at batch 1).
        var composition = new TeacherCompositionOptions { Batch = CompositionBatch.Fixed };
        // Pooling keeps no backbone sessions open: the composer finds the same files in the map's folder.
        var composed = backbone is not null
            ? TeacherModelComposer.ComposeResNet18(backbone, head.Head, teacherPath, composition)
            : TeacherModelComposer.ComposeResNet18(head.Head, teacherPath, map!.ModelsDirectory, composition);
        // In the run the head reads the whole-image segment the encoder already computed: one forward pass per image serves
        // the concepts and the teacher. teacher.onnx is the same teacher as one file; it is checked against it below.
        var teacher = FeatureHeadTeacher.Create(map is not null ? map : backbone!, head.Head);

        // Held-out splits go through the front door with the train images: encoded, scored and run through the teacher
        // (cached), labelled from the images, and measured for every version of the students.
        var session = await Distillation.On(world.Train.Source)
            .WithEvaluation(world.Test.Name, world.Test.Source)
            .WithEvaluation(world.Shifted.Name, world.Shifted.Source)
            .WithConceptExemplars(ExemplarSets(options, world), ExemplarMethod.Cav, ExemplarOptions(options, world))
            .WithEncoder(encoder)
            .WithTeacher(teacher)
            .WithStudents(s => s.L1(options.L1))
            .WithCache(cache)
            .WithLogger(logger)
            .WithMetadata("dataset", $"ConceptWorld (seed {options.Seed}, {options.ImagesPerClass} train images per class)")
            .RunAsync(new SynchronousProgress<DistillationProgress>(p => progress?.Report(new QuickstartProgress(StageName(p.Stage, p.Split), p.Done, p.Total))), cancellationToken)
            .ConfigureAwait(false);
        try
        {
            // The report reads held-out images: on the train images the students follow the teacher almost perfectly,
            // while the shifted split, where backgrounds no longer go with classes, is where a planted cue shows.
            progress?.Report(new QuickstartProgress("Analysing misalignment on the shifted split", 0, 0));
            var studentsBefore = session.Students;
            var fidelityBefore = session.MeasureFidelity();
            // A held-out split is small: a slice needs 3 disagreeing images (not the default 5) to be reported.
            var analysis = MisalignmentOptions.Default with { MinimumSupport = 3 };
            // The diagnosis ranks the suspected shortcuts and confirms the top three's fixes with real refits (nothing is kept).
            var diagnosing = "Diagnosing the shifted split (suspects, fixes measured by refits)";
            progress?.Report(new QuickstartProgress(diagnosing, 0, 0));
            var diagnosis = await session.DiagnoseAsync(world.Shifted.Name, new DiagnosisOptions { Analysis = analysis },
                new SynchronousProgress<DiagnosisProgress>(p => progress?.Report(new QuickstartProgress(diagnosing, p.Done, p.Total))), cancellationToken).ConfigureAwait(false);
            var reportBefore = diagnosis.Report;
            var planted = world.Classes.Select(c => (c.Name, c.CueBackground)).ToHashSet();
            var cueRank = reportBefore.TopSlices.Select((s, i) => (s, i)).Where(p => planted.Contains((p.s.ClassName, p.s.ConceptName))).Select(p => (int?)p.i + 1).FirstOrDefault();
            var cueSuspectRank = reportBefore.Suspects.Where(s => planted.Contains((s.ClassName, s.ConceptName))).Select(s => (int?)s.Rank).FirstOrDefault();

            // The tuning story: first the planted background of one class, then those of every other class together.
            var edits = new List<EditResult>();
            foreach (var group in new[] { world.Classes.Where(c => c == editClass), world.Classes.Where(c => c != editClass) })
            {
                var cues = group.ToList();
                if (cues.Count == 0)
                {
                    continue;
                }
                var step = $"Downtuning {string.Join(", ", cues.Select(c => $"{c.CueBackground} for {c.Name}"))}";
                progress?.Report(new QuickstartProgress(step, 0, 0));
                var edit = await session.EditAsync(e => cues.Aggregate(e, (b, c) => b.ForClass(c.Name).Downtune(c.CueBackground, options.Factor)), options.Refit,
                    new SynchronousProgress<EditProgress>(p => progress?.Report(new QuickstartProgress(step, p.Epoch, p.Tolerance is null ? p.Epochs : 0))), cancellationToken).ConfigureAwait(false);
                edits.Add(edit);
            }
            var reportAfter = session.Analyze(world.Shifted.Name, analysis, cancellationToken);

            // Every version's metrics on every split come with the edits: v0 is the first edit's "before".
            var evaluations = new[] { world.Test.Name, world.Shifted.Name }.Select(name =>
            {
                var split = session.Split(name);
                var versions = edits.Count == 0 ? [session.Current.MetricsOn(name)] : edits.Select(e => e.On(name).Before).Append(edits[^1].On(name).After).ToArray();
                return new SplitEvaluation(name, split.ImageCount, session.MeasureFidelity(name).TeacherGroundTruthAccuracy ?? 0,
                    [.. versions.Select(m => m.GroundTruthAccuracy ?? 0)], [.. versions.Select(m => m.Top1Agreement)]);
            }).ToList();
            var detection = Detect(session.Split(world.Test.Name).Scores, world.Test, session.Bank);
            var teacherFile = await CheckTeacherFileAsync(composed, session.Split(world.Test.Name), world.Test, cancellationToken).ConfigureAwait(false);

            progress?.Report(new QuickstartProgress("Writing the session, the student ONNX and the reports", 0, 0));
            var files = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["session"] = Path.Combine(output, "quickstart.infcd"),
                ["students"] = Path.Combine(output, "students.onnx"),
                ["teacher"] = teacherPath,
                ["markdown"] = Path.Combine(output, "report.md"),
                ["html"] = Path.Combine(output, "report.html"),
            };
            await session.SaveAsync(files["session"], cancellationToken).ConfigureAwait(false);
            session.ExportOnnx(files["students"]);
            var result = new QuickstartResult(options, world, session, head.TrainingAccuracy, fidelityBefore, diagnosis, reportAfter, studentsBefore,
                edits, evaluations, detection, teacherFile, cueRank, cueSuspectRank, warm, clock.Elapsed, files);
            QuickstartReport.Write(result);
            return result with { Elapsed = clock.Elapsed };
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs teacher.onnx through <see cref="OnnxTeacher"/> on the first test images and measures how far its probabilities
    /// are from the in-process teacher's (the head over the encoder's features): what shows the file is the same teacher.
    /// </summary>
    private static async Task<TeacherFileCheck> CheckTeacherFileAsync(ComposedTeacherModel composed, DataSplit split, ConceptWorldSplit images, CancellationToken cancellationToken)
    {
        const int Count = 12;
        using var file = composed.LoadTeacher();
        var sample = ImageSource.FromItems(images.Source.Take(Count), $"the first {Count} test images");
        var run = await file.PredictAsync(sample, cancellationToken: cancellationToken).ConfigureAwait(false);
        var maxDifference = 0.0;
        for (var i = 0; i < run.Outputs.ImageCount; i++)
        {
            var inProcess = split.Teacher.Probabilities.Row(split.ImageIds.ToList().IndexOf(run.Outputs.ImageIds[i]));
            var fromFile = run.Outputs.Probabilities.Row(i);
            for (var k = 0; k < fromFile.Length; k++)
            {
                maxDifference = Math.Max(maxDifference, Math.Abs(fromFile[k] - inProcess[k]));
            }
        }
        return new TeacherFileCheck(run.Outputs.ImageCount, maxDifference);
    }

    /// <summary>
    /// The concept bank's settings: by default each CAV against its own negatives on whole images; optionally the train
    /// images as random scenes (unlabelled: their concepts are never read) and segment exemplars (measured in docs/concept-world.md).
    /// </summary>
    private static ExemplarBankOptions ExemplarOptions(QuickstartOptions options, ConceptWorld world) => ExemplarBankOptions.Default with
    {
        NegativesFromOtherConcepts = options.ConceptNegatives != "random",
        RandomNegatives = options.ConceptNegatives == "others" ? null : world.Train.Source,
        Instances = options.ExemplarInstances switch
        {
            "segment" => ExemplarInstances.BestSegment,
            "auto" => ExemplarInstances.Auto,
            _ => ExemplarInstances.WholeImage,
        },
    };

    /// <summary>
    /// Every concept's exemplars. In-scene exemplars bring their own negatives (the same scenes with only the concept changed;
    /// sibling backgrounds for a background); isolated ones are fitted against the other concepts' exemplars.
    /// </summary>
    private static Dictionary<string, ExemplarSet> ExemplarSets(QuickstartOptions options, ConceptWorld world) =>
        world.Concepts.ToDictionary(c => c.Name, c => world.Exemplars(c.Name).ToExemplarSet(withNegatives: options.InScenePartExemplars), StringComparer.Ordinal);

    private static (FloatMatrix Features, int[] Labels) WholeImageFeatures(SegmentEmbeddings segments, ConceptWorldSplit split)
    {
        // Segment 0 of each image is the whole image (IncludeWhole), the features the teacher's head reads.
        var index = SourceIndex(split);
        var features = new FloatMatrix(segments.ImageIds.Count, segments.Segments.Columns);
        var labels = new int[segments.ImageIds.Count];
        for (var i = 0; i < segments.ImageIds.Count; i++)
        {
            segments.Segments.Row(segments.Offsets[i]).CopyTo(features.Row(i));
            labels[i] = split.Labels[index[segments.ImageIds[i]]];
        }
        return (features, labels);
    }

    private static Dictionary<string, int> SourceIndex(ConceptWorldSplit split) =>
        Enumerable.Range(0, split.Count).ToDictionary(i => split.Source[i].Id, i => i, StringComparer.Ordinal);

    private static List<ConceptDetection> Detect(ConceptScores scores, ConceptWorldSplit split, ConceptBank? bank)
    {
        var index = SourceIndex(split);
        var rows = scores.ImageIds.Select(id => index[id]).ToArray();
        var detection = new List<ConceptDetection>();
        var column = new float[scores.ImageCount];
        var present = new bool[scores.ImageCount];
        for (var j = 0; j < scores.ConceptCount; j++)
        {
            var concept = split.ConceptNames.ToList().IndexOf(scores.ConceptNames[j]);
            for (var n = 0; n < rows.Length; n++)
            {
                column[n] = scores.Values[n, j];
                present[n] = split.HasConcept(rows[n], concept);
            }
            var quality = bank is null || bank.IndexOf(scores.ConceptNames[j]) is not (>= 0 and var row) ? null : bank.Quality?[row];
            detection.Add(new ConceptDetection(scores.ConceptNames[j], ConceptDetection.RocAuc(column, present), present.Count(p => p), quality));
        }
        return detection;
    }

    private static string StageName(DistillationStage stage, string split) => stage switch
    {
        DistillationStage.ConceptBank => "Concept bank from exemplars",
        DistillationStage.Encoding => $"Encoding {split} (whole + 2×2)",
        DistillationStage.Scoring => $"Scoring concepts on {split}",
        DistillationStage.Teacher => $"Teacher on {split}",
        DistillationStage.Students => "Fitting students",
        _ => "Distilled",
    };

    private static SynchronousProgress<ImageModelProgress>? Forward(IProgress<QuickstartProgress>? progress, string step) =>
        progress is null ? null : new SynchronousProgress<ImageModelProgress>(p => progress.Report(new QuickstartProgress(step, p.Done, p.Total)));
}
