using InFiConD.Datasets;
using InFiConD.Embedding;

namespace InFiConD.Cli;

/// <summary>
/// Reads a <c>--source</c> value: <c>conceptworld</c> or <c>conceptworld:train|test|shifted</c> (the embedded default,
/// drawn from <see cref="WorldSettings"/>), a folder (one sub-folder per class, or images directly), or a manifest
/// (<c>.csv</c>, <c>.jsonl</c>: the library's manifest formats).
/// </summary>
internal static class SourceResolver
{
    /// <summary>The ConceptWorld prefix.</summary>
    public const string WorldName = "conceptworld";

    /// <summary>Resolves a source.</summary>
    /// <exception cref="CliException">The folder or file does not exist, or the ConceptWorld split is unknown (exit 3 / 2).</exception>
    public static ResolvedSource Resolve(string text, WorldSettings world)
    {
        if (text == WorldName || text.StartsWith(WorldName + ":", StringComparison.Ordinal))
        {
            var split = text.Length == WorldName.Length ? "train" : text[(WorldName.Length + 1)..];
            var kind = split switch
            {
                "train" => ConceptWorldSplitKind.Train,
                "test" => ConceptWorldSplitKind.Test,
                "shifted" => ConceptWorldSplitKind.Shifted,
                _ => throw CliException.Usage($"ConceptWorld has the splits train, test and shifted; got '{split}' in '{text}'."),
            };
            return new ResolvedSource($"{WorldName}:{split}", world.World.Split(kind).Source);
        }
        if (Directory.Exists(text))
        {
            return new ResolvedSource(Path.GetFullPath(text), ImageSource.FromFolder(text));
        }
        if (File.Exists(text))
        {
            return new ResolvedSource(Path.GetFullPath(text), ImageSource.FromManifest(text));
        }
        throw CliException.Input("SourceNotFound", $"The source '{text}' is neither 'conceptworld[:train|test|shifted]' nor an existing folder or manifest file.");
    }
}
