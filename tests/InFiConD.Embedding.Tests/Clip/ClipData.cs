namespace InFiConD.Embedding.Tests;

/// <summary>CLIP's real vocabulary, copied into the test output (Data/clip), loaded once.</summary>
internal static class ClipData
{
    private static readonly Lazy<ClipTokenizer> Shared = new(() => ClipTokenizer.Load(Folder));

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Data", "clip");

    public static string VocabularyPath => Path.Combine(Folder, ClipTokenizer.VocabularyFileName);

    public static string MergesPath => Path.Combine(Folder, ClipTokenizer.MergesFileName);

    /// <summary>The tokenizer with the default options (77 tokens, padded with the end token).</summary>
    public static ClipTokenizer Tokenizer => Shared.Value;
}
