using InFiConD.Embedding;

namespace InFiConD.Cli;

/// <summary>
/// The concept bank's exemplars named by <c>--concepts</c>: ConceptWorld's own (in-scene pairs, each concept with its
/// negatives, as the main job uses) or a folder with one sub-folder of images per concept, where a <c>not-NAME</c>
/// folder holds images without concept NAME (the Studio's layout).
/// </summary>
internal static class ConceptExemplars
{
    private const string NegativesPrefix = "not-";

    /// <summary>Reads the exemplars.</summary>
    /// <exception cref="CliException">The folder does not exist, holds no concept folders, or a not-NAME folder has no NAME (exit 3).</exception>
    public static IReadOnlyDictionary<string, ExemplarSet> Load(string text, WorldSettings world)
    {
        if (text == SourceResolver.WorldName)
        {
            return world.World.ExemplarSets(withNegatives: true);
        }
        if (!Directory.Exists(text))
        {
            throw CliException.Input("DirectoryNotFound", $"--concepts '{text}' is neither conceptworld nor an existing folder.");
        }
        var folders = Directory.GetDirectories(text).Select(d => (Path: d, Name: Path.GetFileName(d))).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        var names = folders.Where(f => !f.Name.StartsWith(NegativesPrefix, StringComparison.Ordinal)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0)
        {
            throw CliException.Input("NoConcepts", $"--concepts '{text}' holds no concept folders (one sub-folder of example images per concept).");
        }
        foreach (var orphan in folders.Where(f => f.Name.StartsWith(NegativesPrefix, StringComparison.Ordinal) && !names.Contains(f.Name[NegativesPrefix.Length..])))
        {
            throw CliException.Input("NoConcepts", $"'{orphan.Path}' holds images without concept '{orphan.Name[NegativesPrefix.Length..]}', but there is no folder of that concept beside it.");
        }
        return folders.Where(f => names.Contains(f.Name)).ToDictionary(f => f.Name, f =>
        {
            var negatives = Path.Combine(text, NegativesPrefix + f.Name);
            return new ExemplarSet(ImageSource.FromFolder(f.Path), Directory.Exists(negatives) ? ImageSource.FromFolder(negatives) : null);
        }, StringComparer.Ordinal);
    }
}
