using InFiConD.Embedding;

namespace InFiConD.Studio;

/// <summary>
/// Builds the Studio's session from the user's data, through the library's front door: the training folder, each held-out
/// folder as an evaluation split, the concept folders as CAV exemplars, the Studio's ResNet-18 segment encoder and the
/// user's ONNX teacher. Labels (and so every split's ground truth) come from the folders' class sub-folders.
/// </summary>
internal static class OwnDataSessionBuilder
{
    /// <summary>Runs the job; reports each stage as (step, done, total).</summary>
    /// <exception cref="Core.InvalidFileException">The teacher's inputs or outputs do not fit, or a folder's label is not one of its classes.</exception>
    public static async Task<DistillationSession> BuildAsync(OwnData data, StudioOptions options, IProgress<BuildProgress> progress, CancellationToken cancellationToken)
    {
        progress.Report(new BuildProgress($"Loading the teacher {Path.GetFileName(options.TeacherModel)}", 0, 0));
        using var teacher = OnnxTeacher.Load(options.TeacherModel!, Preprocessing.ResNet18Package, data.ClassNames);
        using var map = ResNet18FeatureMap.Load();
        var (_, train) = data.Splits[0];
        var builder = Distillation.On(train);
        foreach (var (name, images) in data.Splits.Skip(1))
        {
            builder = builder.WithEvaluation(name, images);
        }
        return await builder
            .WithConceptExemplars(data.Exemplars, ExemplarMethod.Cav)
            .WithEncoder(StudioEncoder.Create(map))
            .WithTeacher(teacher)
            .WithStudents(s => s.L1(options.L1).Bootstrap(options.Bootstrap))
            .WithCache(Path.GetFullPath(options.EffectiveCacheDirectory))
            .WithMetadata("dataset", $"Your labelled folders, {data.ClassNames.Count} classes: " + string.Join(", ", data.Splits.Select(s => $"{s.Name} {s.Images.Count} images")))
            .WithMetadata("teacher", $"{Path.GetFileName(options.TeacherModel)} (ONNX, {data.ClassNames.Count} classes named by {data.ClassNamesSource})")
            .WithMetadata("concepts", $"{data.Exemplars.Count} concepts, CAV from the example folders in {Path.GetFullPath(options.ConceptsDirectory!)}")
            .WithMetadata("encoder", StudioEncoder.Description)
            .RunAsync(new Forward<DistillationProgress>(p => progress.Report(BuildProgress.Of(p))), cancellationToken)
            .ConfigureAwait(false);
    }
}
