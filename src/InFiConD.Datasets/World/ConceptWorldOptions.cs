using System.Text.Json.Serialization;

namespace InFiConD.Datasets;

/// <summary>How a <see cref="ConceptWorld"/> is generated. Init-only; <see cref="Validate"/> checks every rule.</summary>
public sealed record ConceptWorldOptions
{
    /// <summary>Smallest image side: below it the thinnest parts (a mast, an eye) no longer cover whole pixels.</summary>
    public const int MinImageSize = 64;

    /// <summary>Largest image side.</summary>
    public const int MaxImageSize = 1024;

    /// <summary>Most images in one split (ids have six digits).</summary>
    public const int MaxImagesPerSplit = 999_999;

    /// <summary>The defaults: seed 0, 60 images per class in each split, 224 × 224 pixels, cue strength 0.9, all six classes.</summary>
    public static ConceptWorldOptions Default { get; } = new();

    /// <summary>The seed every image, split and exemplar derives from.</summary>
    public int Seed { get; init; }

    /// <summary>Training images per class, ≥ 1; also the test and shifted counts unless those are set. Default 60.</summary>
    public int ImagesPerClass { get; init; } = 60;

    /// <summary>Test images per class, ≥ 1, or <see langword="null"/> for <see cref="ImagesPerClass"/>.</summary>
    public int? TestImagesPerClass { get; init; }

    /// <summary>
    /// Shifted-split images per class, ≥ 1, or <see langword="null"/> for <see cref="ImagesPerClass"/>. A multiple of
    /// the six backgrounds makes backgrounds exactly independent of class.
    /// </summary>
    public int? ShiftedImagesPerClass { get; init; }

    /// <summary>Image side in pixels (images are square), <see cref="MinImageSize"/> to <see cref="MaxImageSize"/>. Default 224.</summary>
    public int ImageSize { get; init; } = 224;

    /// <summary>
    /// Strength of the planted spurious correlation in [0, 1]: in the train and test splits exactly
    /// round(strength · n) of a class's n images are on the class's cue background (boat: water), the others on
    /// the other backgrounds in turn. Default 0.9.
    /// </summary>
    public double CueStrength { get; init; } = 0.9;

    /// <summary>
    /// The classes, at least two distinct names among boat, car, house, tree, flower, fish (in the order given),
    /// or <see langword="null"/> (default) for all six.
    /// </summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Positive and negative exemplar images per concept, ≥ 1. Default 12 of each.</summary>
    public int ExemplarsPerConcept { get; init; } = 12;

    /// <summary>How part, colour and texture exemplars are rendered: <see cref="ExemplarStyle.Isolated"/> (default) or <see cref="ExemplarStyle.InScene"/>.</summary>
    public ExemplarStyle Exemplars { get; init; } = ExemplarStyle.Isolated;

    /// <summary>Test images per class after defaults.</summary>
    [JsonIgnore]
    public int EffectiveTestImagesPerClass => TestImagesPerClass ?? ImagesPerClass;

    /// <summary>Shifted images per class after defaults.</summary>
    [JsonIgnore]
    public int EffectiveShiftedImagesPerClass => ShiftedImagesPerClass ?? ImagesPerClass;

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <returns>This instance.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1 or makes a split too large, the strength is outside [0, 1] or NaN, or the size is out of range.</exception>
    /// <exception cref="ArgumentException">A class is unknown, repeats, or fewer than two are given.</exception>
    public ConceptWorldOptions Validate()
    {
        var classes = ClassNames();
        CheckCount(nameof(ImagesPerClass), ImagesPerClass, classes.Count);
        CheckCount(nameof(TestImagesPerClass), EffectiveTestImagesPerClass, classes.Count);
        CheckCount(nameof(ShiftedImagesPerClass), EffectiveShiftedImagesPerClass, classes.Count);
        if (!(CueStrength >= 0 && CueStrength <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CueStrength), CueStrength, $"ConceptWorldOptions.CueStrength must be in [0, 1]; got {CueStrength}.");
        }
        if (ImageSize is < MinImageSize or > MaxImageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(ImageSize), ImageSize, $"ConceptWorldOptions.ImageSize must be {MinImageSize} to {MaxImageSize} pixels; got {ImageSize}.");
        }
        if (ExemplarsPerConcept < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ExemplarsPerConcept), ExemplarsPerConcept, $"ConceptWorldOptions.ExemplarsPerConcept must be ≥ 1; got {ExemplarsPerConcept}.");
        }
        return this;
    }

    /// <summary>The class names in use, checked.</summary>
    internal IReadOnlyList<string> ClassNames()
    {
        var all = WorldCatalog.Models.Select(m => m.Name).ToArray();
        if (Classes is null)
        {
            return all;
        }
        var known = string.Join(", ", all);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Classes.Count; i++)
        {
            var name = Classes[i] ?? throw new ArgumentException($"ConceptWorldOptions.Classes[{i}] is null; known classes: {known}.", nameof(Classes));
            if (WorldCatalog.ModelIndex(name) < 0)
            {
                throw new ArgumentException($"ConceptWorldOptions.Classes[{i}] is '{name}', which is not a ConceptWorld class; known classes: {known}.", nameof(Classes));
            }
            if (!seen.Add(name))
            {
                throw new ArgumentException($"ConceptWorldOptions.Classes lists '{name}' twice.", nameof(Classes));
            }
        }
        if (seen.Count < 2)
        {
            throw new ArgumentException($"ConceptWorldOptions.Classes must name at least two classes; got {seen.Count}. Known classes: {known}.", nameof(Classes));
        }
        return [.. Classes];
    }

    private static void CheckCount(string name, int count, int classes)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(name, count, $"ConceptWorldOptions.{name} must be ≥ 1; got {count}.");
        }
        if ((long)count * classes > MaxImagesPerSplit)
        {
            throw new ArgumentOutOfRangeException(name, count, $"ConceptWorldOptions.{name} = {count} gives {(long)count * classes} images for {classes} classes; a split holds at most {MaxImagesPerSplit}.");
        }
    }
}
