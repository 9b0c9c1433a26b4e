using System.Text;
using System.Text.Json;

namespace InFiConD.Embedding.Tests;

/// <summary>
/// A hand-made CLIP-layout vocabulary: ids 0–255 the byte symbols and 256–511 the same with &lt;/w&gt;
/// (CLIP's own first 512 entries, so 'a' is 64 and "a&lt;/w&gt;" 320 as in the real vocabulary), then the
/// merges below in rank order, then the two special tokens.
/// </summary>
internal static class TinyClipVocabulary
{
    /// <summary>The merges, most preferred first, and the id of each merged token (512 + rank).</summary>
    public static readonly string[] Merges =
    [
        "c a",        // 512 "ca"
        "ca t</w>",   // 513 "cat</w>"
        "t h",        // 514 "th"
        "th e</w>",   // 515 "the</w>"
        "b c</w>",    // 516 "bc</w>"  ranked before "a b": "abc" must become a + bc</w>
        "a b",        // 517 "ab"
    ];

    public const int StartId = 518;
    public const int EndId = 519;

    /// <summary>GPT-2/CLIP bytes_to_unicode, written independently of the library: printable Latin-1 bytes first, in order, then the others mapped from U+0100.</summary>
    public static List<(byte Byte, char Symbol)> ByteSymbolsInVocabularyOrder()
    {
        static bool Printable(int b) => b is (>= 33 and <= 126) or (>= 161 and <= 172) or (>= 174 and <= 255);
        var list = Enumerable.Range(0, 256).Where(Printable).Select(b => ((byte)b, (char)b)).ToList();
        var next = 256;
        list.AddRange(Enumerable.Range(0, 256).Where(b => !Printable(b)).Select(b => ((byte)b, (char)next++)));
        return list;
    }

    /// <summary>Writes vocab.json and merges.txt into a folder; <paramref name="edit"/> may change the vocabulary first.</summary>
    public static void Write(string folder, Action<Dictionary<string, int>>? edit = null, IEnumerable<string>? merges = null, bool byteOrderMark = false)
    {
        var vocabulary = new Dictionary<string, int>();
        var symbols = ByteSymbolsInVocabularyOrder();
        for (var i = 0; i < symbols.Count; i++)
        {
            vocabulary[symbols[i].Symbol.ToString()] = i;
            vocabulary[symbols[i].Symbol + "</w>"] = 256 + i;
        }
        for (var r = 0; r < Merges.Length; r++)
        {
            vocabulary[Merges[r].Replace(" ", "", StringComparison.Ordinal)] = 512 + r;
        }
        vocabulary["<|startoftext|>"] = StartId;
        vocabulary["<|endoftext|>"] = EndId;
        edit?.Invoke(vocabulary);
        var encoding = new UTF8Encoding(byteOrderMark);
        File.WriteAllText(Path.Combine(folder, "vocab.json"), JsonSerializer.Serialize(vocabulary), encoding);
        File.WriteAllText(Path.Combine(folder, "merges.txt"), "#version: 0.2\n" + string.Join("\n", merges ?? Merges) + "\n", encoding);
    }
}
