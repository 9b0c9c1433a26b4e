using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD.Studio;

/// <summary>
/// The user's data as the library takes it: the training and held-out folders as <see cref="ImageSource"/>s (labels from
/// the sub-folders), the exemplar sets of the concept folders and the teacher's class names. Listed once when the Studio
/// starts, so an empty folder or a concept folder out of place is an error before anything runs.
/// </summary>
/// <param name="Splits">The session's splits, by name: the training images first, then the held-out ones in the order given.</param>
/// <param name="Exemplars">Per concept, its example images (and the images without it, where a <c>not-</c> folder gives them).</param>
/// <param name="ClassNames">The teacher's classes, in output order.</param>
/// <param name="ClassNamesSource">Where the class names came from (the <c>--classes</c> file or the model).</param>
internal sealed record OwnData(
    IReadOnlyList<(string Name, ImageSource Images)> Splits,
    IReadOnlyDictionary<string, ExemplarSet> Exemplars,
    IReadOnlyList<string> ClassNames,
    string ClassNamesSource)
{
    /// <summary>The prefix of a concept folder that holds images without the concept: <c>not-water</c> for <c>water</c>.</summary>
    public const string NegativesPrefix = "not-";

    /// <summary>Lists the folders the options name and reads the class names.</summary>
    /// <exception cref="ArgumentException">A folder holds no images, a <c>not-</c> folder has no concept beside it, the concepts
    /// folder has no concept, or the class names cannot be read (the flag is named).</exception>
    public static OwnData Open(StudioOptions options)
    {
        var splits = new List<(string, ImageSource)> { (DataSplit.TrainingName, Images("--train", options.TrainDirectory!)) };
        splits.AddRange(options.EvaluationFolders.Select(e => (e.Name, Images($"--eval {e.Name}=DIR", e.Directory))));
        var (names, source) = TeacherClassNames.Read(options.TeacherModel!, options.ClassesFile);
        return new OwnData(splits, ExemplarFolders(options.ConceptsDirectory!), names, source);
    }

    private static Dictionary<string, ExemplarSet> ExemplarFolders(string root)
    {
        var folders = Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(name => !name.StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        var concepts = folders.Where(f => !f.StartsWith(NegativesPrefix, StringComparison.Ordinal)).ToArray();
        if (folders.Where(f => f.StartsWith(NegativesPrefix, StringComparison.Ordinal)).FirstOrDefault(f => !concepts.Contains(f[NegativesPrefix.Length..])) is { } orphan)
        {
            throw new ArgumentException($"Flag --concepts: '{orphan}' holds images without the concept '{orphan[NegativesPrefix.Length..]}', but there is no folder '{orphan[NegativesPrefix.Length..]}' of its examples beside it.");
        }
        if (concepts.Length == 0)
        {
            throw new ArgumentException($"Flag --concepts needs one sub-folder of example images per concept; '{root}' has none.");
        }
        return concepts.ToDictionary(c => c, c =>
        {
            var negatives = Path.Combine(root, NegativesPrefix + c);
            return new ExemplarSet(Images("--concepts", Path.Combine(root, c)), Directory.Exists(negatives) ? Images("--concepts", negatives) : null);
        }, StringComparer.Ordinal);
    }

    private static ImageSource Images(string flag, string folder)
    {
        var images = ImageSource.FromFolder(folder);
        return images.Count > 0 ? images
            : throw new ArgumentException($"Flag {flag}: the folder '{folder}' holds no images ({string.Join(" ", FolderSourceOptions.DefaultExtensions)}, in sub-folders too).");
    }
}
