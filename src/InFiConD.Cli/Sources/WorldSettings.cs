using InFiConD.Datasets;

namespace InFiConD.Cli;

/// <summary>
/// The ConceptWorld every command draws when a source is <c>conceptworld</c>: the same flags give the same world on
/// every node, so shards, teacher outputs and the distillation agree on the images without copying any.
/// </summary>
/// <param name="ImagesPerClass">Training images per class (<c>--images-per-class</c>).</param>
/// <param name="EvaluationImagesPerClass">Test and shifted images per class (<c>--eval-per-class</c>).</param>
/// <param name="ExemplarsPerConcept">Exemplar images per concept (<c>--exemplars</c>).</param>
/// <param name="Seed">The world's seed (<c>--seed</c>).</param>
internal sealed record WorldSettings(int ImagesPerClass, int EvaluationImagesPerClass, int ExemplarsPerConcept, int Seed)
{
    private ConceptWorld? _world;

    /// <summary>The world (drawn once per process; images are rendered lazily when read).</summary>
    public ConceptWorld World => _world ??= ConceptWorld.Create(new ConceptWorldOptions
    {
        Seed = Seed,
        ImagesPerClass = ImagesPerClass,
        TestImagesPerClass = EvaluationImagesPerClass,
        ShiftedImagesPerClass = EvaluationImagesPerClass,
        ExemplarsPerConcept = ExemplarsPerConcept,
        // In-scene exemplar pairs, as the main job (samples/InFiConD.Quickstart) uses by default.
        Exemplars = ExemplarStyle.InScene,
    });

    /// <summary>A stable text of the settings, for file names and logs.</summary>
    public string Key => $"conceptworld-s{Seed}-n{ImagesPerClass}-e{EvaluationImagesPerClass}-x{ExemplarsPerConcept}";
}
