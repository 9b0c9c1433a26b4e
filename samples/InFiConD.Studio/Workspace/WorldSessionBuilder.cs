using InFiConD.Core;
using InFiConD.Datasets;
using InFiConD.Embedding;
using InFiConD.MLNet;

namespace InFiConD.Studio;

/// <summary>
/// Builds the Studio's session the way the Quickstart does, through the library's front door: ConceptWorld → ResNet-18
/// (whole image + 2 × 2 grid) → exemplar concept bank → a ResNet-18 teacher with an ML.NET head composed into one ONNX
/// file → students, with ConceptWorld's test and shifted splits as held-out splits (the shifted split, where backgrounds no
/// longer go with classes, is where the planted shortcut shows). Ground truth comes from the images' own labels on every
/// split, so the Studio can show the teacher's and the students' accuracy.
/// </summary>
internal static class WorldSessionBuilder
{
    /// <summary>The world the options describe (cheap: scenes are rendered on demand).</summary>
    public static ConceptWorld CreateWorld(StudioOptions options) => ConceptWorld.Create(new ConceptWorldOptions
    {
        Seed = options.Seed,
        ImagesPerClass = options.ImagesPerClass,
        // The world needs at least one image per class in every split; with 0 the held-out splits are drawn but not used.
        TestImagesPerClass = Math.Max(1, options.EffectiveEvaluationImagesPerClass),
        ShiftedImagesPerClass = Math.Max(1, options.EffectiveEvaluationImagesPerClass),
        ExemplarsPerConcept = options.ExemplarsPerConcept,
    });

    /// <summary>The world's splits the session holds, by the session's split names: train first, then the held-out ones.</summary>
    public static IReadOnlyList<ConceptWorldSplit> SessionSplits(ConceptWorld world, StudioOptions options) =>
        options.EffectiveEvaluationImagesPerClass > 0 ? [world.Train, world.Test, world.Shifted] : [world.Train];

    /// <summary>Runs the job; reports each stage as (step, done, total).</summary>
    public static async Task<DistillationSession> BuildAsync(ConceptWorld world, StudioOptions options, IProgress<BuildProgress> progress, CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(options.OutputDirectory);
        var cache = Path.GetFullPath(options.EffectiveCacheDirectory);
        Directory.CreateDirectory(output);

        using var map = ResNet18FeatureMap.Load();
        var encoder = StudioEncoder.Create(map);
        var train = world.Train;
        const string encoding = "Encoding train images (whole + 2×2)";
        progress.Report(new BuildProgress(encoding, 0, train.Count));
        var segments = await EmbeddingRunner.EncodeAsync(train.Source, encoder, new EncodeOptions { CacheDirectory = Path.Combine(cache, "segments") },
            new Forward<ImageModelProgress>(p => progress.Report(new BuildProgress(encoding, p.Done, p.Total))), cancellationToken).ConfigureAwait(false);

        progress.Report(new BuildProgress("Training the teacher's head", 0, 0));
        var (features, labels) = WholeImageFeatures(segments, train);
        var head = ClassifierHeadTrainer.Train(features, labels, world.ClassNames, new ClassifierHeadTrainerOptions { Seed = options.Seed });
        // The head reads the whole-image segment the encoder computes: no second pass. teacher.onnx is the same teacher as one file.
        TeacherModelComposer.ComposeResNet18(head.Head, Path.Combine(output, "teacher.onnx"), map.ModelsDirectory);
        var teacher = FeatureHeadTeacher.Create(map, head.Head);

        // The scenes carry their class as label, so every split's ground truth comes from the images themselves.
        var builder = Distillation.On(train.Source);
        foreach (var split in SessionSplits(world, options).Where(s => s != train))
        {
            builder = builder.WithEvaluation(split.Name, split.Source);
        }
        return await builder
            .WithConceptExemplars(world.ExemplarSets(withNegatives: false), ExemplarMethod.Cav)
            .WithEncoder(encoder)
            .WithTeacher(teacher)
            .WithStudents(s => s.L1(options.L1).Bootstrap(options.Bootstrap))
            .WithCache(cache)
            .WithMetadata("dataset", $"ConceptWorld (seed {options.Seed}, {options.ImagesPerClass} train and {options.EffectiveEvaluationImagesPerClass} test and shifted images per class, cue strength {world.Options.CueStrength:0.##})")
            .WithMetadata("teacher", $"ResNet-18 + ML.NET head (training accuracy {head.TrainingAccuracy:P1}), reading the encoder's whole-image features; also written as teacher.onnx")
            .WithMetadata("concepts", $"{world.ConceptNames.Count} ConceptWorld concepts, CAV from {options.ExemplarsPerConcept} rendered exemplars each")
            .WithMetadata("encoder", StudioEncoder.Description)
            .RunAsync(new Forward<DistillationProgress>(p => progress.Report(BuildProgress.Of(p))), cancellationToken)
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
}
