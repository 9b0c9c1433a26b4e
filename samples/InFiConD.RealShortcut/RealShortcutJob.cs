using System.Diagnostics;
using InFiConD.Embedding;
using InFiConD.MLNet;
using InFiConD.Students;

namespace InFiConD.RealShortcut;

/// <summary>
/// The loop on a <see cref="ShortcutWorld"/>: ResNet-18 features of every image (whole image, cached by content), a
/// teacher (those features + an ML.NET head trained on the training images, so it learns whatever the mark says), then
/// the library's front door at its defaults: <c>Distillation.On(train).WithEvaluation("shifted", …)
/// .WithConceptExemplars(…, Cav).WithEncoder(ResNet-18, whole image)…RunAsync()</c> and <c>DiagnoseAsync()</c>.
/// </summary>
internal static class RealShortcutJob
{
    /// <summary>Runs the loop. The backbone and the cache may be shared between runs (the control reuses every unmarked image).</summary>
    /// <param name="world">The images and concepts.</param>
    /// <param name="backbone">ResNet-18; the caller keeps ownership.</param>
    /// <param name="cacheDirectory">Where embeddings are cached (by image content).</param>
    /// <param name="progress">Reports each step in words.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<RealShortcutResult> RunAsync(ShortcutWorld world, ResNet18Backbone backbone, string cacheDirectory, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(backbone);
        var clock = Stopwatch.StartNew();

        // The teacher reads the same whole-image features the session's encoder makes; encoding them here, into the
        // session's own cache, means ResNet-18 runs once per image for the teacher and the students together.
        var encoder = CroppedSegmentEncoder.Create(backbone, Segmentation.Whole, CroppedSegmentOptions.Default with { IncludeWhole = false });
        var encode = new EncodeOptions { CacheDirectory = Path.Combine(cacheDirectory, "segments") };
        progress?.Report($"Encoding {world.Train.Images.Count} training and {world.Shifted.Images.Count} held-out images with ResNet-18");
        var train = await EmbeddingRunner.EncodeAsync(world.Train.Images, encoder, encode, cancellationToken: cancellationToken).ConfigureAwait(false);
        var shifted = await EmbeddingRunner.EncodeAsync(world.Shifted.Images, encoder, encode, cancellationToken: cancellationToken).ConfigureAwait(false);

        progress?.Report("Training the teacher's head (ML.NET) on the training images");
        var head = ClassifierHeadTrainer.Train(train.Segments, [.. train.ImageIds.Select(id => world.Train.Labels[id])], world.ClassNames,
            new ClassifierHeadTrainerOptions { Seed = world.Options.Seed }).Head;
        var trainTeacher = TeacherOutputs.FromProbabilities(head.Probabilities(train.Segments), world.ClassNames, train.ImageIds);
        var shiftedTeacher = TeacherOutputs.FromProbabilities(head.Probabilities(shifted.Segments), world.ClassNames, shifted.ImageIds);
        var teacher = new[] { Accuracy(world, world.Train, trainTeacher), Accuracy(world, world.Shifted, shiftedTeacher) };

        progress?.Report("Distilling (concept bank from exemplars, concept scores, students) at the library's defaults");
        var session = await Distillation.On(world.Train.Images)
            .WithEvaluation(ShortcutWorld.ShiftedName, world.Shifted.Images, shiftedTeacher)
            .WithConceptExemplars(world.Exemplars, ExemplarMethod.Cav)
            // 28 × 28 images are too small to cut into segments: each is one whole-image segment.
            .WithEncoder(backbone, Segmentation.Whole, includeWhole: false)
            .WithTeacher(trainTeacher)
            .WithCache(cacheDirectory)
            .WithMetadata("dataset", $"Fashion-MNIST ({string.Join(", ", world.ClassNames)}; {(world.Options.Planted ? $"red mark planted on {world.TargetClass}" : "control, no mark")})")
            .RunAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            progress?.Report($"Diagnosing {session.DiagnosisSplit} (suspects ranked by evidence, the top ones confirmed by refits)");
            var diagnosis = await session.DiagnoseAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new RealShortcutResult(world, session, teacher, diagnosis, clock.Elapsed);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static TeacherAccuracy Accuracy(ShortcutWorld world, ShortcutSplit split, TeacherOutputs outputs)
    {
        var target = world.ClassNames.ToList().IndexOf(world.TargetClass);
        var (right, markedRight, marked, unmarkedRight, unmarked, markedTarget) = (0, 0, 0, 0, 0, 0);
        for (var i = 0; i < outputs.ImageCount; i++)
        {
            var id = outputs.ImageIds[i];
            var (truth, said) = (split.Labels[id], outputs.PredictedLabels[i]);
            right += said == truth ? 1 : 0;
            if (truth == target)
            {
                continue;
            }
            if (split.Marked.Contains(id))
            {
                (marked, markedRight, markedTarget) = (marked + 1, markedRight + (said == truth ? 1 : 0), markedTarget + (said == target ? 1 : 0));
            }
            else
            {
                (unmarked, unmarkedRight) = (unmarked + 1, unmarkedRight + (said == truth ? 1 : 0));
            }
        }
        return new TeacherAccuracy(split.Name, (double)right / outputs.ImageCount,
            marked == 0 ? null : (double)markedRight / marked, marked, unmarked == 0 ? null : (double)unmarkedRight / unmarked, unmarked,
            marked == 0 ? null : (double)markedTarget / marked);
    }
}
