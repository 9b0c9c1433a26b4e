using System.Reflection;

namespace InFiConD.Concepts;

/// <summary>
/// Concept corpora shipped inside the package: the label sets of two segmentation datasets, the broad
/// vocabulary of things and stuff that InFiConD's concepts were drawn from. Names are kept exactly as the
/// datasets write them (COCO-Stuff's "building-other", "wall-brick", "desk-stuff" included), then
/// normalised and de-duplicated like any corpus.
/// </summary>
public static class BuiltInCorpora
{
    private static readonly Lazy<ConceptCorpus> Pascal = new(() => LoadResource("pascal-context-459.txt"));
    private static readonly Lazy<ConceptCorpus> Coco = new(() => LoadResource("coco-stuff-171.txt"));
    private static readonly Lazy<ConceptCorpus> Both = new(() => Pascal.Value.Union(Coco.Value));

    /// <summary>The 459 labels of PASCAL-Context (Mottaghi et al., CVPR 2014).</summary>
    public static ConceptCorpus PascalContext => Pascal.Value;

    /// <summary>The 171 labels of COCO-Stuff (Caesar et al., CVPR 2018): 80 things and 91 stuff classes.</summary>
    public static ConceptCorpus CocoStuff => Coco.Value;

    /// <summary>
    /// PASCAL-Context followed by the COCO-Stuff labels it lacks: 556 concepts (74 names are shared).
    /// </summary>
    public static ConceptCorpus PascalContextAndCocoStuff => Both.Value;

    private static ConceptCorpus LoadResource(string fileName)
    {
        var name = $"InFiConD.Concepts.BuiltIn.{fileName}";
        using var stream = typeof(BuiltInCorpora).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from {typeof(BuiltInCorpora).Assembly.GetName().Name}.");
        return ConceptCorpus.Load(stream, ConceptFileFormat.Text, $"built-in:{fileName}");
    }
}
