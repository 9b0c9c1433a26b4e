using System.Text.Json;

namespace InFiConD.Embedding.Tests;

/// <summary>Token ids against OpenAI's reference tokenizer.</summary>
public sealed class ClipTokenizerReferenceTests
{
    public static TheoryData<string, int[]> OpenAiExamples()
    {
        // examples.json: ids produced by OpenAI's own simple_tokenizer.py, start and end tokens included.
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ClipData.Folder, "examples.json")));
        var data = new TheoryData<string, int[]>();
        foreach (var example in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(example.GetProperty("text").GetString()!, example.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        }
        return data;
    }

    /// <summary>
    /// Texts of our own, with the ids of a line-by-line Python port of openai/CLIP's simple_tokenizer.py
    /// (the `regex` module, html.unescape twice, whitespace_clean, str.lower; ftfy left out — none of these
    /// texts is changed by it) reading the same vocab.json and merges.txt. That port reproduces examples.json.
    /// </summary>
    public static TheoryData<string, int[]> PortedReferenceExamples() => new()
    {
        { "Hello, world!!! (really?) -- yes; #1 @home", [49406, 3306, 267, 1002, 995, 263, 1414, 9626, 2432, 1958, 282, 258, 272, 287, 1137, 49407] },
        { "don't stop: it's what we'll do, they've gone, I'm here, you'd know, we're done", [49406, 847, 713, 1691, 281, 585, 568, 768, 649, 1342, 818, 267, 889, 1200, 3601, 267, 328, 880, 763, 267, 592, 1896, 1038, 267, 649, 982, 1700, 49407] },
        { "DON'T SHOUT", [49406, 847, 713, 5214, 49407] },
        { "café crème brûlée naïve", [49406, 15304, 1075, 12138, 614, 711, 127, 119, 75, 13489, 1097, 35689, 563, 49407] },
        { "東京 タワー and 北京", [49406, 48338, 21078, 361, 34941, 2429, 107, 30391, 537, 161, 234, 245, 21078, 361, 49407] },
        { "Привет мир", [49406, 26302, 16370, 29503, 110, 22176, 141, 480, 38018, 16701, 141, 478, 49407] },
        { "a dog 🐶 and a cat 😺❤️", [49406, 320, 1929, 10631, 537, 320, 2368, 668, 118, 1752, 49407] },
        { "the year 2024 and 3.14", [49406, 518, 935, 273, 271, 273, 275, 537, 274, 269, 272, 275, 49407] },
        { "   lots \t of\n\nwhite   space   ", [49406, 2958, 539, 1579, 2138, 49407] },
        { "", [49406, 49407] },
        { "jekyll and hyde", [49406, 49405, 537, 16343, 49407] },
        { "a photo of a <|endoftext|> marker", [49406, 320, 1125, 539, 320, 49407, 18170, 49407] },
        { "Fish &amp; chips &lt;3", [49406, 2759, 261, 8855, 283, 274, 49407] },
        { "supercalifragilisticexpialidocious", [49406, 1642, 2857, 13093, 2076, 5868, 26850, 835, 639, 38466, 49407] },
        { "e-mail: user_name@example.com", [49406, 324, 268, 2614, 281, 7031, 318, 1981, 287, 6228, 269, 2464, 49407] },
        // Python's str.lower: a word-final capital sigma becomes ς, İ becomes i + U+0307 (.NET's invariant lower-casing does neither).
        { "ΟΔΟΣ ΣΑΣ", [49406, 138, 123, 138, 112, 138, 123, 139, 480, 139, 225, 138, 109, 139, 480, 49407] },
        { "İstanbul", [49406, 328, 16384, 11231, 49407] },
        // Letters outside the BMP are letters (one piece with a BMP neighbour), not symbols.
        { "𝐁𝐨𝐥𝐝!", [49406, 15889, 223, 15889, 101, 15889, 98, 15889, 507, 256, 49407] },
        { "a𠀀b", [49406, 64, 172, 254, 222, 222, 321, 49407] },
        { "x!'s", [49406, 343, 13222, 338, 49407] },
        { "½ ² ⅷ", [49406, 33613, 41175, 158, 227, 371, 49407] },
    };

    [Theory]
    [MemberData(nameof(OpenAiExamples))]
    public void Reproduces_OpenAI_reference_ids(string text, int[] expected) => AssertIds(text, expected);

    [Theory]
    [MemberData(nameof(PortedReferenceExamples))]
    public void Reproduces_ported_reference_ids(string text, int[] expected) => AssertIds(text, expected);

    private static void AssertIds(string text, int[] expected)
    {
        var tokens = ClipData.Tokenizer.Encode(text);
        Assert.Equal(expected.Length, tokens.Length);
        var ids = tokens.InputIds.ToArray();
        Assert.Equal(expected.Select(i => (long)i), ids.Take(expected.Length));
        Assert.All(ids.Skip(expected.Length), id => Assert.Equal(49407L, id)); // padded with the end token
        Assert.Equal(Enumerable.Repeat(1L, expected.Length).Concat(Enumerable.Repeat(0L, 77 - expected.Length)), tokens.AttentionMask.ToArray());
        Assert.Equal(expected[1..^1], ClipData.Tokenizer.EncodeToIds(text));
    }
}
