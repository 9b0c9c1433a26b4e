namespace InFiConD.Embedding.Tests;

/// <summary>The tokenizer on a hand-made vocabulary, against ids worked out by hand.</summary>
public sealed class ClipTokenizerTinyVocabularyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public ClipTokenizerTinyVocabularyTests() => TinyClipVocabulary.Write(_folder.Path);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Merges_by_rank_with_the_end_of_word_suffix()
    {
        var tokenizer = ClipTokenizer.Load(_folder.Path);
        Assert.Equal(TinyClipVocabulary.StartId, tokenizer.StartTokenId);
        Assert.Equal(TinyClipVocabulary.EndId, tokenizer.EndTokenId);
        Assert.Equal(520, tokenizer.VocabularySize);

        // "the" → t h e</w> → (t h, rank 2) th e</w> → (th e</w>, rank 3) the</w> = 515;
        // "cat" → c a t</w> → (c a, rank 0) ca t</w> → (ca t</w>, rank 1) cat</w> = 513.
        Assert.Equal([515, 513], tokenizer.EncodeToIds("The CAT"));
        // "abc" → a b c</w>: "b c</w>" (rank 4) beats "a b" (rank 5) → a + bc</w> = 64, 516.
        Assert.Equal([64, 516], tokenizer.EncodeToIds("abc"));
        // "ab" → a b</w>: no merge has b</w> on the right, "a b" needs plain b → a (64), b</w> (256 + 65).
        Assert.Equal([64, 321], tokenizer.EncodeToIds("ab"));
        // "abx" → a b x</w>: "a b" applies → ab (517), x</w> (256 + 'x' − 33 = 343).
        Assert.Equal([517, 343], tokenizer.EncodeToIds("abx"));
        // A lone letter ends its word: a</w> = 256 + 64.
        Assert.Equal([320], tokenizer.EncodeToIds("a"));
        // "é" is bytes C3 A9 → symbols Ã (id 106 + 0xC3 − 174 = 127) and ©</w> (256 + 94 + 0xA9 − 161 = 358).
        Assert.Equal([127, 358], tokenizer.EncodeToIds("é"));
        // Digits one per piece: 2 → 2</w> (256 + 17), 4 → 4</w> (256 + 19).
        Assert.Equal([273, 275], tokenizer.EncodeToIds("24"));
        // "!?" is one symbol piece: ! (0) then ?</w> (256 + 30).
        Assert.Equal([0, 286], tokenizer.EncodeToIds("!?"));
    }

    [Fact]
    public void Pads_and_truncates_to_the_context_length()
    {
        var tokenizer = ClipTokenizer.Load(_folder.Path, options: new ClipTokenizerOptions { ContextLength = 5, PadTokenId = 0 });
        var start = TinyClipVocabulary.StartId;
        var end = TinyClipVocabulary.EndId;

        Assert.Equal([start, 513, end, 0, 0], tokenizer.Encode("cat").InputIds.ToArray());
        Assert.Equal([1L, 1, 1, 0, 0], tokenizer.Encode("cat").AttentionMask.ToArray());
        // Four pieces, room for three: the fourth is cut and the end token stays last.
        Assert.Equal([start, 515, 513, 515, end], tokenizer.Encode("the cat the cat").InputIds.ToArray());
        Assert.Equal([1L, 1, 1, 1, 1], tokenizer.Encode("the cat the cat").AttentionMask.ToArray());
        Assert.Equal([start, end, 0, 0, 0], tokenizer.Encode("").InputIds.ToArray());
    }

    [Fact]
    public void Vocabulary_from_two_paths_equals_the_folder()
    {
        var fromFolder = ClipTokenizer.Load(_folder.Path);
        var fromFiles = ClipTokenizer.Load(Path.Combine(_folder.Path, "vocab.json"), Path.Combine(_folder.Path, "merges.txt"));
        Assert.Equal(fromFolder.Key, fromFiles.Key);
        Assert.Equal(fromFolder.EncodeToIds("the cat"), fromFiles.EncodeToIds("the cat"));
    }

    [Fact]
    public void Files_with_a_byte_order_mark_read_the_same()
    {
        using var other = new TempFolder();
        TinyClipVocabulary.Write(other.Path, byteOrderMark: true);
        Assert.Equal([515, 513], ClipTokenizer.Load(other.Path).EncodeToIds("the cat"));
    }
}
