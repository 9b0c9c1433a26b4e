namespace InFiConD.Embedding.Tests;

/// <summary>Layout, batching and text clean-up of <see cref="ClipTokenizer"/> on CLIP's real vocabulary.</summary>
public sealed class ClipTokenizerTests
{
    private const long Start = 49406;
    private const long End = 49407;
    private const long Cat = 2368; // "cat</w>"

    [Fact]
    public void Knows_CLIP_special_tokens_and_sizes()
    {
        var tokenizer = ClipData.Tokenizer;
        Assert.Equal(49408, tokenizer.VocabularySize);
        Assert.Equal(49406, tokenizer.StartTokenId);
        Assert.Equal(49407, tokenizer.EndTokenId);
        Assert.Equal(49407, tokenizer.PadTokenId);
        Assert.Equal(77, tokenizer.ContextLength);
        Assert.StartsWith("clip-bpe:", tokenizer.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_text_is_cut_to_77_with_the_end_token_last()
    {
        var tokens = ClipData.Tokenizer.Encode(string.Join(' ', Enumerable.Repeat("cat", 100)));
        var ids = tokens.InputIds.ToArray();
        Assert.Equal(77, ids.Length);
        Assert.Equal(Start, ids[0]);
        Assert.All(ids[1..76], id => Assert.Equal(Cat, id));
        Assert.Equal(End, ids[76]);
        Assert.All(tokens.AttentionMask.ToArray(), m => Assert.Equal(1L, m));
        Assert.Equal(77, tokens.Length);
    }

    [Fact]
    public void Text_of_exactly_75_tokens_is_not_cut()
    {
        var ids = ClipData.Tokenizer.Encode(string.Join(' ', Enumerable.Repeat("cat", 75))).InputIds.ToArray();
        Assert.Equal([Start, .. Enumerable.Repeat(Cat, 75), End], ids);
    }

    [Fact]
    public void Long_text_is_refused_when_truncation_is_off()
    {
        var tokenizer = ClipTokenizer.Load(ClipData.Folder, options: new ClipTokenizerOptions { Truncate = false });
        Assert.Equal(77, tokenizer.Encode(string.Join(' ', Enumerable.Repeat("cat", 75))).Length);
        var error = Assert.Throws<ArgumentException>(() => tokenizer.Encode(string.Join(' ', Enumerable.Repeat("cat", 76))));
        Assert.Contains("76 tokens", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 75", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pads_with_zero_when_asked_as_OpenAI_clip_tokenize()
    {
        var tokenizer = ClipTokenizer.Load(ClipData.Folder, options: new ClipTokenizerOptions { PadTokenId = 0 });
        var ids = tokenizer.Encode("a photo of a cat").InputIds.ToArray();
        Assert.Equal([Start, 320, 1125, 539, 320, Cat, End], ids[..7]);
        Assert.All(ids[7..], id => Assert.Equal(0L, id));
        Assert.NotEqual(ClipData.Tokenizer.Key, tokenizer.Key);
    }

    [Fact]
    public void Batch_rows_equal_single_encodings()
    {
        string[] texts = ["a photo of a cat", "", "a dog 🐶", string.Join(' ', Enumerable.Repeat("water", 90))];
        var batch = ClipData.Tokenizer.EncodeBatch(texts);
        Assert.Equal(4, batch.Count);
        Assert.Equal(77, batch.ContextLength);
        Assert.Equal(4 * 77, batch.InputIds.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = ClipData.Tokenizer.Encode(texts[i]);
            Assert.Equal(single.InputIds.ToArray(), batch[i].InputIds.ToArray());
            Assert.Equal(single.AttentionMask.ToArray(), batch[i].AttentionMask.ToArray());
            Assert.Equal(single.InputIds.ToArray(), batch.InputIds.Slice(i * 77, 77).ToArray());
        }
        Assert.Equal(0, ClipData.Tokenizer.EncodeBatch([]).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch[4]);
    }

    [Theory]
    // ftfy (which the reference runs first) straightens quotes, splits ligatures, narrows full-width forms, drops control characters and composes (NFC).
    [InlineData("don\u2019t", "don't")]
    [InlineData("\u201Cquoted\u201D", "\"quoted\"")]
    [InlineData("\uFB01sh", "fish")]
    [InlineData("\uFF23\uFF21\uFF34\u3000\uFF12", "cat 2")]
    [InlineData("ca\u0000t\u200B", "cat\u200B")]
    [InlineData("cafe\u0301", "café")]
    [InlineData("\uFEFFcat", "cat")]
    // HTML is unescaped twice, as basic_clean does.
    [InlineData("fish &amp;amp; chips", "fish & chips")]
    [InlineData("&quot;cat&quot;", "\"cat\"")]
    public void Cleans_text_as_the_reference(string text, string same)
    {
        Assert.Equal(ClipTokenizer.CleanText(same), ClipTokenizer.CleanText(text));
        Assert.Equal(ClipData.Tokenizer.EncodeToIds(same), ClipData.Tokenizer.EncodeToIds(text));
    }

    [Theory]
    [InlineData("  A  Photo\tof\n a CAT  ", "a photo of a cat")]
    [InlineData("ΟΔΟΣ", "οδος")]
    [InlineData("ΣΑ", "σα")]
    [InlineData("İ", "i\u0307")]
    [InlineData("", "")]
    [InlineData(" \t\n ", "")]
    public void CleanText_collapses_space_and_lowercases_as_Python(string text, string expected) =>
        Assert.Equal(expected, ClipTokenizer.CleanText(text));

    [Fact]
    public void Lone_surrogate_is_encoded_as_the_replacement_character()
    {
        Assert.Equal(ClipData.Tokenizer.EncodeToIds("a \uFFFD"), ClipData.Tokenizer.EncodeToIds("a \uD800"));
    }

    [Fact]
    public void Every_piece_of_an_arbitrary_text_has_an_id()
    {
        // Byte-level BPE is total: any text, even random code points, maps to ids in the vocabulary.
        var random = new Random(7);
        for (var n = 0; n < 50; n++)
        {
            var text = string.Concat(Enumerable.Range(0, 20).Select(_ => char.ConvertFromUtf32(random.Next(2) == 0 ? random.Next(0x20, 0x3000) : random.Next(0x1F300, 0x1F700))));
            var ids = ClipData.Tokenizer.EncodeToIds(text);
            Assert.NotEmpty(ids);
            Assert.All(ids, id => Assert.InRange(id, 0, 49407));
        }
    }

    [Fact]
    public void Concurrent_use_gives_the_sequential_ids()
    {
        var texts = Enumerable.Range(0, 400).Select(i => $"photo {i} of a boat on water, café №{i % 7} 🐟").ToArray();
        var tokenizer = ClipTokenizer.Load(ClipData.Folder); // a fresh word cache, filled from many threads
        var parallel = new long[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = tokenizer.Encode(texts[i]).InputIds.ToArray());
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(ClipData.Tokenizer.Encode(texts[i]).InputIds.ToArray(), parallel[i]);
        }
    }

    [Fact]
    public void Null_texts_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ClipData.Tokenizer.Encode(null!));
        Assert.Throws<ArgumentNullException>(() => ClipData.Tokenizer.EncodeBatch(["a", null!]));
        Assert.Throws<ArgumentNullException>(() => ClipTokenizer.CleanText(null!));
    }
}
