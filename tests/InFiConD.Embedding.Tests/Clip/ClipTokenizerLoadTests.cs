using InFiConD.Core;

namespace InFiConD.Embedding.Tests;

/// <summary>Errors of <see cref="ClipTokenizer.Load"/>.</summary>
public sealed class ClipTokenizerLoadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Missing_files_are_named()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ClipTokenizer.Load(_folder.Path));
        Assert.EndsWith("vocab.json", error.FileName, StringComparison.Ordinal);
        TinyClipVocabulary.Write(_folder.Path);
        File.Delete(Path.Combine(_folder.Path, "merges.txt"));
        error = Assert.Throws<FileNotFoundException>(() => ClipTokenizer.Load(_folder.Path));
        Assert.EndsWith("merges.txt", error.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_needs_its_partner_and_a_folder_takes_none()
    {
        TinyClipVocabulary.Write(_folder.Path);
        Assert.Throws<ArgumentException>(() => ClipTokenizer.Load(Path.Combine(_folder.Path, "vocab.json")));
        Assert.Throws<ArgumentException>(() => ClipTokenizer.Load(_folder.Path, Path.Combine(_folder.Path, "merges.txt")));
        Assert.Throws<ArgumentException>(() => ClipTokenizer.Load(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClipTokenizer.Load(_folder.Path, options: new ClipTokenizerOptions { ContextLength = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClipTokenizer.Load(_folder.Path, options: new ClipTokenizerOptions { PadTokenId = -1 }));
    }

    [Fact]
    public void Malformed_vocabulary_is_refused_with_its_position()
    {
        TinyClipVocabulary.Write(_folder.Path);
        var vocabulary = Path.Combine(_folder.Path, "vocab.json");
        File.WriteAllText(vocabulary, "{\"a\": 1,\n \"b\": }");
        var error = Assert.Throws<InvalidFileException>(() => ClipTokenizer.Load(_folder.Path));
        Assert.Equal(vocabulary, error.FilePath);
        Assert.Equal(2, error.Position);

        File.WriteAllText(vocabulary, "{\"a\": \"one\"}");
        error = Assert.Throws<InvalidFileException>(() => ClipTokenizer.Load(_folder.Path));
        Assert.Equal("a", error.Field);

        File.WriteAllText(vocabulary, "[1, 2]");
        Assert.Throws<InvalidFileException>(() => ClipTokenizer.Load(_folder.Path));
    }

    [Fact]
    public void Malformed_merge_is_refused_with_its_line()
    {
        TinyClipVocabulary.Write(_folder.Path, merges: ["c a", "ca t </w>"]);
        var error = Assert.Throws<InvalidFileException>(() => ClipTokenizer.Load(_folder.Path));
        Assert.Equal(3, error.Position); // after the #version line and "c a"
        Assert.Contains("ca t </w>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_of_unknown_tokens_is_refused()
    {
        TinyClipVocabulary.Write(_folder.Path, merges: ["c a", "d og</w>"]);
        var error = Assert.Throws<InvalidFileException>(() => ClipTokenizer.Load(_folder.Path));
        Assert.Equal(3, error.Position);
        Assert.Contains("'og</w>'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vocabulary_without_special_tokens_or_byte_symbols_is_refused()
    {
        TinyClipVocabulary.Write(_folder.Path, v => v.Remove("<|endoftext|>"));
        Assert.Equal("<|endoftext|>", Assert.Throws<InvalidFileException>(() => ClipTokenizer.Load(_folder.Path)).Field);
        TinyClipVocabulary.Write(_folder.Path, v => v.Remove("Ġ</w>"));
        Assert.Equal("Ġ</w>", Assert.Throws<InvalidFileException>(() => ClipTokenizer.Load(_folder.Path)).Field);
    }
}
