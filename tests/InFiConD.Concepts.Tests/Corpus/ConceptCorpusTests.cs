using System.Text;
using InFiConD.Core;

namespace InFiConD.Concepts.Tests;

public sealed partial class ConceptCorpusTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Text_with_bom_crlf_blank_lines_and_comments_loads_names_in_order()
    {
        var path = _temp.WriteText("concepts.txt",
            "# a header comment\r\n\r\nwater\r\n  Striped Fabric  # trailing comment\r\n   \r\nC# code\r\n#skip\r\nsky", bom: true);

        var corpus = ConceptCorpus.Load(path);

        Assert.Equal(["water", "Striped Fabric", "C# code", "sky"], corpus.Names);
        Assert.Equal("striped fabric", corpus[1].Key);
        Assert.Equal(path, corpus.Source);
        Assert.Empty(corpus.Merges);
    }

    [Theory]
    [InlineData("concepts.txt", "", "concepts", "the file is empty")]
    [InlineData("concepts.txt", "# only a header comment\n\n   \n\t# another # comment\r\n", "concepts", "its 4 lines are all blank or comments")]
    [InlineData("concepts.txt", "   ", "concepts", "its 1 line is blank or comments")]
    [InlineData("concepts.csv", "name,group\n\n\n", "name", "the header (line 1) has no row under it")]
    [InlineData("concepts.json", "[ /* nothing yet */ ]", "$", "the array is empty")]
    [InlineData("concepts.json", "{\"concepts\": []}", "$.concepts", "the array is empty")]
    public void A_corpus_without_a_concept_is_an_error_naming_the_file(string name, string content, string field, string problem)
    {
        var path = _temp.WriteText(name, content);

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal((path, field), (error.FilePath, error.Field));
        Assert.Contains("the corpus holds no concept", error.Problem, StringComparison.Ordinal);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_or_reader_without_a_concept_names_its_source()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("# todo: fill in\n"));

        var fromStream = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(stream, ConceptFileFormat.Text, "upload.txt"));
        var fromReader = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(new StringReader("[]"), ConceptFileFormat.Json, "pasted.json"));

        Assert.Equal("upload.txt", fromStream.FilePath);
        Assert.Equal("pasted.json", fromReader.FilePath);
        Assert.Contains("holds no concept", fromReader.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_differing_in_case_and_whitespace_merge_and_are_reported_with_lines()
    {
        var path = _temp.WriteText("concepts.txt", "Sail Boat\nwater\nsail   boat\n\tSAIL BOAT \nWater\n");

        var corpus = ConceptCorpus.Load(path);

        Assert.Equal(["Sail Boat", "water"], corpus.Names);
        Assert.Equal(
            [
                new ConceptMerge("sail boat", "Sail Boat", "sail boat", path, 3),
                new ConceptMerge("sail boat", "Sail Boat", "SAIL BOAT", path, 4),
                new ConceptMerge("water", "water", "Water", path, 5),
            ],
            corpus.Merges);
    }

    [Fact]
    public void Nfc_and_nfd_spellings_are_one_concept_with_an_nfc_name()
    {
        var nfc = "caf\u00E9";
        var nfd = "cafe\u0301";
        var path = _temp.WriteText("concepts.txt", $"{nfd}\n{nfc}\nCAF\u00C9\n");

        var corpus = ConceptCorpus.Load(path);

        var concept = Assert.Single(corpus);
        Assert.Equal(nfc, concept.Name);
        Assert.Equal(nfc, concept.Key);
        Assert.Equal(2, corpus.Merges.Count);
        Assert.Equal(0, corpus.IndexOf(nfd.ToUpperInvariant()));
    }

    [Fact]
    public void A_one_megabyte_line_loads_and_the_default_filter_removes_it()
    {
        var longName = new string('x', 1 << 20);
        var path = _temp.WriteText("concepts.txt", $"short\n{longName}\nother\n");

        var corpus = ConceptCorpus.Load(path);
        var filtered = corpus.Filter(ConceptFilterOptions.Default);

        Assert.Equal(3, corpus.Count);
        Assert.Equal(1 << 20, corpus[1].Name.Length);
        Assert.Equal(["short", "other"], filtered.Corpus.Names);
        var removal = Assert.Single(filtered.Removed);
        Assert.Equal(ConceptRemovalReason.TooLong, removal.Reason);
        Assert.Contains("1048576", removal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_names_the_file_line_and_byte_offset()
    {
        byte[] bytes = [.. "ok\nfine\nbad "u8, 0xC3, 0x28, .. "\nlater\n"u8];
        var path = _temp.WriteBytes("concepts.txt", bytes);

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(3, error.Position);
        Assert.Contains("byte offset 12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_after_a_bom_reports_the_offset_in_the_file()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "a\n"u8, 0xFF];
        var path = _temp.WriteBytes("concepts.csv", bytes);

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal(2, error.Position);
        Assert.Contains("byte offset 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_extension_names_the_file_and_the_supported_extensions()
    {
        var path = _temp.WriteText("concepts.yaml", "water\n");

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(".txt, .csv and .json", error.Message, StringComparison.Ordinal);
        Assert.Contains(".yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extension_matching_ignores_case()
    {
        var path = _temp.WriteText("CONCEPTS.TXT", "water\n");

        Assert.Equal(["water"], ConceptCorpus.Load(path).Names);
    }

    [Fact]
    public void Stream_and_reader_overloads_read_the_same_corpus()
    {
        var text = "\uFEFFwater\r\nsky # comment\r\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var reader = new StringReader(text);

        var fromStream = ConceptCorpus.Load(stream, ConceptFileFormat.Text, "mem.txt");
        var fromReader = ConceptCorpus.Load(reader, ConceptFileFormat.Text, "mem.txt");

        Assert.Equal(["water", "sky"], fromStream.Names);
        Assert.Equal(fromStream.Names, fromReader.Names);
        Assert.Equal("mem.txt", fromStream.Source);
    }

    [Fact]
    public void FromNames_normalises_and_merges_and_keeps_empty_names_for_the_filter()
    {
        var corpus = ConceptCorpus.FromNames(["  Red\tCar ", "red car", "", "---"]);

        Assert.Equal(["Red Car", "", "---"], corpus.Names);
        var merge = Assert.Single(corpus.Merges);
        Assert.Equal(new ConceptMerge("red car", "Red Car", "red car", null, null), merge);
        Assert.Null(corpus.Source);
    }

    [Fact]
    public void Merging_unions_synonyms_and_fills_missing_group_and_prompt()
    {
        var corpus = ConceptCorpus.FromConcepts(
        [
            new Concept("Boat", synonyms: ["ship", "boat"]),
            new Concept("boat", group: "thing", synonyms: ["vessel", "Ship"], prompt: "a photo of a boat on water"),
        ]);

        var boat = Assert.Single(corpus);
        Assert.Equal("Boat", boat.Name);
        Assert.Equal("thing", boat.Group);
        Assert.Equal(["ship", "vessel"], boat.Synonyms);
        Assert.Equal("a photo of a boat on water", boat.Prompt);
    }

    [Fact]
    public void IndexOf_and_Contains_match_by_key()
    {
        var corpus = ConceptCorpus.FromNames(["Sky", "Sail Boat"]);

        Assert.Equal(1, corpus.IndexOf("  sail   BOAT "));
        Assert.True(corpus.Contains("SKY"));
        Assert.Equal(-1, corpus.IndexOf("sail-boat"));
    }

    [Fact]
    public void Union_keeps_first_display_names_and_reports_cross_corpus_merges_with_their_lines()
    {
        var a = ConceptCorpus.Load(_temp.WriteText("a.txt", "Water\nsky\n"));
        var bPath = _temp.WriteText("b.txt", "grass\nwater\nroad\n");
        var b = ConceptCorpus.Load(bPath);

        var union = a.Union(b);

        Assert.Equal(["Water", "sky", "grass", "road"], union.Names);
        Assert.Equal([new ConceptMerge("water", "Water", "water", bPath, 2)], union.Merges);
        Assert.Equal(["Water", "sky"], a.Names); // inputs untouched
    }

    [Fact]
    public void UnionAll_carries_earlier_merges()
    {
        var a = ConceptCorpus.FromNames(["x", "X"]);
        var b = ConceptCorpus.FromNames(["y", "x"]);
        var c = ConceptCorpus.FromNames(["z"]);

        var union = ConceptCorpus.UnionAll([a, b, c]);

        Assert.Equal(["x", "y", "z"], union.Names);
        Assert.Equal(["X", "x"], union.Merges.Select(m => m.Merged));
    }

    [Fact]
    public void Concept_with_expression_recomputes_the_key()
    {
        var concept = new Concept("Water");

        var renamed = concept with { Name = "  Deep   WATER " };

        Assert.Equal("Deep WATER", renamed.Name);
        Assert.Equal("deep water", renamed.Key);
        Assert.Equal("water", concept.Key);
    }

    [Fact]
    public void Concept_equality_compares_synonyms_by_value()
    {
        Assert.Equal(new Concept("a", synonyms: ["b", "c"]), new Concept("a", synonyms: ["b", "c"]));
        Assert.NotEqual(new Concept("a", synonyms: ["b"]), new Concept("a", synonyms: ["c"]));
    }

    [Fact]
    public void Concept_with_a_lone_surrogate_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Concept("bad\uD800name"));
    }
}
