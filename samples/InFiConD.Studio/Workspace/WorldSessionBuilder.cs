using InFiConD.Core;
using InFiConD.Datasets;
using InFiConD.Embedding;
using InFiConD.MLNet;

namespace InFiConD.Studio;

/// <summary>
/// Builds the Studio's session the way the Quickstart does, through the library's front door: ConceptWorld → ResNet-18
/// (whole image + 2 × 2 grid) → exemplar concept bank → a ResNet-18 teacher with an ML.NET head composed into one ONNX
/// file → students. The world's labels become the session's ground truth, so the Studio can show teacher accuracy.
/// </summary>
internal static class WorldSessionBuilder
{
    /// <summary>The segmentation the encoder uses: index 0 is the whole image, then the 2 × 2 grid's boxes.</summary>
    public static readonly Segmentation Grid = Segmentation.Grid(2);

    /// <summary>The world the options describe (cheap: scenes are rendered on demand).</summary>
    public static ConceptWorld CreateWorld(StudioOptions options) => ConceptWorld.Create(new ConceptWorldOptions
    {
        Seed = options.Seed,
        ImagesPerClass = options.ImagesPerClass,
        // The Studio works on the train split only; the held-out splits are kept minimal.
        TestImagesPerClass = 1,
        ShiftedImagesPerClass = 1,
        ExemplarsPerConcept = options.ExemplarsPerConcept,
    });

    /// <summary>Runs the job; reports each stage as (step, done, total).</summary>
    public static async Task<DistillationSession> BuildAsync(ConceptWorld world, StudioOptions options, IProgress<BuildProgress> progress, CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(options.OutputDirectory);
        var cache = Path.GetFullPath(options.EffectiveCacheDirectory);
        Directory.CreateDirectory(output);

        using var backbone = ResNet18Backbone.Load();
        var encoder = CroppedSegmentEncoder.Create(backbone, Grid, CroppedSegmentOptions.Default with { IncludeWhole = true });
        var train = world.Train;
        const string encoding = "Encoding train images (whole + 2×2)";
        progress.Report(new BuildProgress(encoding, 0, train.Count));
        var segments = await EmbeddingRunner.EncodeAsync(train.Source, encoder, new EncodeOptions { CacheDirectory = Path.Combine(cache, "segments") },
            new Forward<ImageModelProgress>(p => progress.Report(new BuildProgress(encoding, p.Done, p.Total))), cancellationToken).ConfigureAwait(false);

        progress.Report(new BuildProgress("Training the teacher's head", 0, 0));
        var (features, labels) = WholeImageFeatures(segments, train);
        var head = ClassifierHeadTrainer.Train(features, labels, world.ClassNames, new ClassifierHeadTrainerOptions { Seed = options.Seed });
        var composed = TeacherModelComposer.ComposeResNet18(backbone, head.Head, Path.Combine(output, "teacher.onnx"));
        using var onnxTeacher = composed.LoadTeacher();
        var teacher = CachedTeacher.Create(onnxTeacher, Path.Combine(cache, "teacher"));

        var truth = Enumerable.Range(0, train.Count).ToDictionary(i => train.Source[i].Id, i => train.ClassNames[train.Labels[i]], StringComparer.Ordinal);
        return await Distillation.On(train.Source)
            .WithConceptExemplars(world.ExemplarSets(withNegatives: false), ExemplarMethod.Cav)
            .WithEncoder(encoder)
            .WithTeacher(teacher)
            .WithStudents(s => s.L1(options.L1).Bootstrap(options.Bootstrap))
            .WithGroundTruth(truth)
            .WithCache(cache)
            .WithMetadata("dataset", $"ConceptWorld (seed {options.Seed}, {options.ImagesPerClass} train images per class, cue strength {world.Options.CueStrength:0.##})")
            .WithMetadata("teacher", $"ResNet-18 + ML.NET head (training accuracy {head.TrainingAccuracy:P1}), composed into one ONNX file")
            .WithMetadata("concepts", $"{world.ConceptNames.Count} ConceptWorld concepts, CAV from {options.ExemplarsPerConcept} rendered exemplars each")
            .WithMetadata("encoder", "ResNet-18 (ImageNet, ML.NET package) on the whole image and a 2 × 2 grid")
            .RunAsync(new Forward<DistillationProgress>(p => progress.Report(new BuildProgress(StageName(p.Stage), p.Done, p.Total))), cancellationToken)
            .ConfigureAwait(false);
    }

    private static (FloatMatrix Features, int[] Labels) WholeImageFeatures(SegmentEmbeddings segments, ConceptWorldSplit split)
    {
        // Segment 0 of each image is the whole image (IncludeWhole), the features the teacher's head reads.
        var index = Enumerable.Range(0, split.Count).ToDictionary(i => split.Source[i].Id, i => i, StringComparer.Ordinal);
        var features = new FloatMatrix(segments.ImageIds.Count, segments.Segments.Columns);
        var labels = new int[segments.ImageIds.Count];
        for (var i = 0; i < segments.ImageIds.Count; i++)
        {
            segments.Segments.Row(segments.Offsets[i]).CopyTo(features.Row(i));
            labels[i] = split.Labels[index[segments.ImageIds[i]]];
        }
        return (features, labels);
    }

    private static string StageName(DistillationStage stage) => stage switch
    {
        DistillationStage.ConceptBank => "Concept bank from exemplars",
        DistillationStage.Encoding => "Encoding train segments",
        DistillationStage.Scoring => "Scoring concepts",
        DistillationStage.Teacher => "Teacher on train",
        DistillationStage.Students => "Fitting students",
        _ => "Distilled",
    };
}
