using InFiConD.Embedding;
using InFiConD.MLNet;

namespace InFiConD.Cli;

/// <summary>
/// The main job's default teacher on ConceptWorld, as samples/InFiConD.Quickstart builds it: ResNet-18 whole-image
/// features of the train split, an ML.NET classification head trained on them (so it learns the planted cue), composed
/// with ResNet-18 into one ONNX file. Written once per world (atomically) and reused, so shards of a fleet load one file.
/// </summary>
internal static class WorldTeacher
{
    /// <summary>The composed teacher's file for a world, under <paramref name="directory"/>.</summary>
    public static string PathFor(string directory, WorldSettings world) => Path.Combine(directory, $"teacher-{world.Key}.onnx");

    /// <summary>Returns the composed teacher's path, building it when it does not exist yet.</summary>
    public static async Task<string> EnsureAsync(string directory, WorldSettings world, Reporter reporter, CancellationToken token)
    {
        var path = PathFor(directory, world);
        if (File.Exists(path))
        {
            return path;
        }
        Directory.CreateDirectory(directory);
        var train = world.World.Train;
        using var backbone = ResNet18Backbone.Load();
        var embeddings = await reporter.StageAsync("teacher head: encode conceptworld:train", progress => backbone.EncodeAsync(train.Source, progress, token)).ConfigureAwait(false);
        var index = Enumerable.Range(0, train.Count).ToDictionary(i => train.Source[i].Id, i => i, StringComparer.Ordinal);
        var labels = embeddings.ImageIds.Select(id => train.Labels[index[id]]).ToArray();
        var head = ClassifierHeadTrainer.Train(embeddings.Embeddings, labels, world.World.ClassNames, new ClassifierHeadTrainerOptions { Seed = world.Seed });
        // A fixed batch of 1 runs one single-thread call per core, which ResNet-18 uses best on CPU (see the Quickstart).
        TeacherModelComposer.ComposeResNet18(backbone, head.Head, path, new TeacherCompositionOptions { Batch = CompositionBatch.Fixed });
        reporter.Message($"Composed the ConceptWorld teacher (head training accuracy {head.TrainingAccuracy:P1}) into {path}.");
        return path;
    }
}
