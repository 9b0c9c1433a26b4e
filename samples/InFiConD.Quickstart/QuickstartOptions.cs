using System.Globalization;
using InFiConD.Editing;

namespace InFiConD.Quickstart;

/// <summary>What the main job runs on and where it writes. Every value has a command-line flag.</summary>
internal sealed record QuickstartOptions
{
    /// <summary>Training images per class (the distillation set and the teacher's head training set).</summary>
    public int ImagesPerClass { get; init; } = 40;

    /// <summary>Images per class in each of the test and shifted splits.</summary>
    public int EvaluationImagesPerClass { get; init; } = 20;

    /// <summary>
    /// Exemplar images per concept for the concept bank (in-scene: pairs). 12 (not 8) lifts the weakest concepts most
    /// (leaf 0.556 → 0.653, hull 0.602 → 0.642 on the test split); 16 gave no more (docs/concept-world.md).
    /// </summary>
    public int ExemplarsPerConcept { get; init; } = 12;

    /// <summary>The world's seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The class whose planted background the tuning story downtunes.</summary>
    public string EditClass { get; init; } = "boat";

    /// <summary>The downtune factor (the weight's magnitude is bounded by 1/factor of its value).</summary>
    public double Factor { get; init; } = 4;

    /// <summary>
    /// The students' L1 penalty λ. 1e-2 (not the library's 1e-4) gives readable students of about six concepts per
    /// class; at 1e-4 they use about sixteen and follow the teacher so closely that little disagreement is left to study.
    /// </summary>
    public double L1 { get; init; } = 1e-2;

    /// <summary>
    /// The paper's fixed-epoch refit after each edit (intervals between the weight and its tuned value); <see langword="null"/>
    /// (default) for the library's converged refit, whose intervals hold at convergence.
    /// </summary>
    public int? Epochs { get; init; }

    /// <summary>The refit the edits run with.</summary>
    public EditRefit Refit => Epochs is { } epochs ? EditRefit.FixedEpochs(epochs) : EditRefit.Converged;

    /// <summary>
    /// What each concept's CAV is fitted against besides its own negatives: "others" (default: nothing more; a set without
    /// negatives uses the other concepts' exemplars), "random" (the train images as random scenes, unlabelled) or "both".
    /// </summary>
    public string ConceptNegatives { get; init; } = "others";

    /// <summary>
    /// What each CAV is fitted on: "whole" (whole images), "segment" (each positive's best segment, multiple-instance style)
    /// or "auto" (per concept, whichever of the two has the higher cross-validated AUC on its exemplars).
    /// </summary>
    public string ExemplarInstances { get; init; } = "whole";

    /// <summary>
    /// Whether part, colour and texture exemplars are whole scenes, each paired with the same scene with only the concept
    /// changed, as its negative (default); otherwise the part alone or swatches on grey, against the other concepts' exemplars.
    /// </summary>
    public bool InScenePartExemplars { get; init; } = true;

    /// <summary>
    /// How the whole image and the 2 × 2 grid become segment embeddings: "pooled" (default: one ResNet-18 pass per image, each
    /// segment averaged from the last convolutional map, <see cref="Embedding.RegionPooledSegmentEncoder"/>) or "crops" (one pass
    /// per segment, each crop resized to 224 × 224, <see cref="Embedding.CroppedSegmentEncoder"/>). Pooled detects concepts as
    /// well (mean AUC 0.916 against 0.907 on the test split) at a fifth of the passes (docs/concept-world.md).
    /// </summary>
    public string Segments { get; init; } = "pooled";

    /// <summary>Where the session, the student ONNX and the reports go.</summary>
    public string OutputDirectory { get; init; } = "quickstart-output";

    /// <summary>The embedding and teacher cache; <see langword="null"/> for <c>cache/</c> under the output.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Plain console output (no live progress bars), e.g. for logs.</summary>
    public bool Plain { get; init; }

    /// <summary>The cache folder in effect.</summary>
    public string EffectiveCacheDirectory => CacheDirectory ?? Path.Combine(OutputDirectory, "cache");

    public const string Usage = """
        Usage: dotnet run -c Release --project samples/InFiConD.Quickstart -- [options]
          --images-per-class N   training images per class (default 40)
          --eval-per-class N     test and shifted images per class (default 20)
          --exemplars N          exemplar images per concept (default 12)
          --seed N               the world's seed (default 1)
          --edit-class NAME      the class whose planted background is downtuned (default boat)
          --factor X             downtune factor > 1 (default 4)
          --l1 X                 the students' L1 penalty (default 1e-2; the library's default is the paper's 1e-4)
          --epochs N             the paper's N-epoch refit instead of the default converged refit
          --concept-negatives X  a CAV's extra negatives: others (default: none beyond its own or the other
                                 concepts' exemplars), random (the train images, unlabelled) or both
          --exemplar-instances X what CAVs are fitted on: whole (whole images), segment (each exemplar's best
                                 segment of whole + 2×2) or auto (per concept, the one with the higher
                                 cross-validated AUC on its exemplars)
          --segment-exemplars    the same as --exemplar-instances segment
          --isolated-exemplars   render exemplars alone on grey (default: in scene, each paired with the
                                 same scene with only the concept changed)
          --segments X           how whole + 2×2 segments are embedded: pooled (default: one ResNet-18 pass per
                                 image, segments averaged from its feature map) or crops (one pass per segment)
          --output DIR           output folder (default quickstart-output)
          --cache DIR            cache folder (default <output>/cache)
          --plain                no live progress bars
          --help                 this text
        """;

    /// <summary>Reads command-line flags.</summary>
    /// <exception cref="ArgumentException">An unknown flag, a missing value or a value out of range (named in the message).</exception>
    public static QuickstartOptions Parse(IReadOnlyList<string> args)
    {
        var options = new QuickstartOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Flag {flag} needs a value.");
            int Count(int min) => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n : throw new ArgumentException($"Flag {flag} needs an integer ≥ {min}; got '{args[i]}'.");
            options = flag switch
            {
                "--images-per-class" => options with { ImagesPerClass = Count(4) },
                "--eval-per-class" => options with { EvaluationImagesPerClass = Count(2) },
                "--exemplars" => options with { ExemplarsPerConcept = Count(2) },
                "--seed" => options with { Seed = Count(0) },
                "--edit-class" => options with { EditClass = Value() },
                "--factor" => options with
                {
                    Factor = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 1 && double.IsFinite(x)
                        ? x : throw new ArgumentException($"Flag --factor needs a number > 1; got '{args[i]}'."),
                },
                "--l1" => options with
                {
                    L1 = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var l1) && l1 >= 0 && double.IsFinite(l1)
                        ? l1 : throw new ArgumentException($"Flag --l1 needs a number ≥ 0; got '{args[i]}'."),
                },
                "--epochs" => options with { Epochs = Count(1) },
                "--concept-negatives" => options with
                {
                    ConceptNegatives = Value() is "others" or "random" or "both" ? args[i] : throw new ArgumentException($"Flag --concept-negatives needs others, random or both; got '{args[i]}'."),
                },
                "--exemplar-instances" => options with
                {
                    ExemplarInstances = Value() is "whole" or "segment" or "auto" ? args[i] : throw new ArgumentException($"Flag --exemplar-instances needs whole, segment or auto; got '{args[i]}'."),
                },
                "--segment-exemplars" => options with { ExemplarInstances = "segment" },
                "--isolated-exemplars" => options with { InScenePartExemplars = false },
                "--segments" => options with
                {
                    Segments = Value() is "pooled" or "crops" ? args[i] : throw new ArgumentException($"Flag --segments needs pooled or crops; got '{args[i]}'."),
                },
                "--output" => options with { OutputDirectory = Value() },
                "--cache" => options with { CacheDirectory = Value() },
                "--plain" => options with { Plain = true },
                _ => throw new ArgumentException($"Unknown flag '{flag}'."),
            };
        }
        return options;
    }
}
