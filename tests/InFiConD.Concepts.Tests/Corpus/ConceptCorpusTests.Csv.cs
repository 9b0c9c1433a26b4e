using InFiConD.Core;

namespace InFiConD.Concepts.Tests;

public sealed partial class ConceptCorpusTests
{
    [Fact]
    public void Csv_reads_all_columns_and_ignores_unknown_ones()
    {
        var path = _temp.WriteText("concepts.csv",
            "Name,Notes,Group,Synonyms,Prompt\r\n" +
            "boat,mine,thing,ship; vessel|Boat,a photo of a {concept} at sea\r\n" +
            "water,,stuff,,\r\n");

        var corpus = ConceptCorpus.Load(path);

        Assert.Equal(["boat", "water"], corpus.Names);
        Assert.Equal("thing", corpus[0].Group);
        Assert.Equal(["ship", "vessel"], corpus[0].Synonyms);
        Assert.Equal("a photo of a {concept} at sea", corpus[0].Prompt);
        Assert.Equal("stuff", corpus[1].Group);
        Assert.Empty(corpus[1].Synonyms);
        Assert.Null(corpus[1].Prompt);
    }

    [Fact]
    public void Csv_quoted_fields_hold_commas_doubled_quotes_and_newlines()
    {
        var path = _temp.WriteText("concepts.csv",
            "name,prompt\n" +
            "\"boat, sailing\",\"a \"\"quoted\"\" prompt\"\n" +
            "\"two\nlines\",\"p1\r\np2\"\n" +
            "\n" +
            "after,\n");

        var corpus = ConceptCorpus.Load(path);

        Assert.Equal(["boat, sailing", "two lines", "after"], corpus.Names);
        Assert.Equal("a \"quoted\" prompt", corpus[0].Prompt);
        Assert.Equal("p1\r\np2", corpus[1].Prompt);
    }

    [Fact]
    public void Csv_line_numbers_count_newlines_inside_quotes()
    {
        var path = _temp.WriteText("concepts.csv", "name\n\"a\nb\"\nA B\n\"\"\n");

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        // Record "a b" spans lines 2-3, "A B" is line 4 (merged), the empty quoted name is line 5.
        Assert.Equal("name", error.Field);
        Assert.Equal(5, error.Position);
    }

    [Fact]
    public void Csv_duplicate_rows_are_merged_with_their_line()
    {
        var path = _temp.WriteText("concepts.csv", "name\r\nRoad\r\nroad \r\n");

        var corpus = ConceptCorpus.Load(path);

        Assert.Equal([new ConceptMerge("road", "Road", "road", path, 3)], corpus.Merges);
    }

    [Fact]
    public void Csv_without_a_name_column_names_file_field_and_header_line()
    {
        var path = _temp.WriteText("concepts.csv", "\nlabel,group\nboat,thing\n");

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal("name", error.Field);
        Assert.Equal(2, error.Position);
        Assert.Contains("'label'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_empty_name_names_file_field_and_line()
    {
        var path = _temp.WriteText("concepts.csv", "group,name\nthing,boat\nstuff,  \n");

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal("name", error.Field);
        Assert.Equal(3, error.Position);
    }

    [Fact]
    public void Csv_unclosed_quote_names_the_line_it_opened_on()
    {
        var path = _temp.WriteText("concepts.csv", "name\nboat\n\"sky\nsea\n");

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal(3, error.Position);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_text_after_a_closing_quote_is_an_error()
    {
        var path = _temp.WriteText("concepts.csv", "name\n\"sky\"x\n");

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal(2, error.Position);
    }

    [Fact]
    public void Csv_empty_file_needs_a_header()
    {
        var path = _temp.WriteText("concepts.csv", "");

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void Csv_repeated_known_column_is_an_error()
    {
        var path = _temp.WriteText("concepts.csv", "name,NAME\nboat,ship\n");

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal("name", error.Field);
        Assert.Equal(1, error.Position);
    }

    [Fact]
    public void Csv_a_one_megabyte_quoted_field_loads()
    {
        var longName = string.Concat(Enumerable.Repeat("ab,\"\"", 1 << 18));
        var path = _temp.WriteText("concepts.csv", $"name\n\"{longName}\"\nsky\n");

        var corpus = ConceptCorpus.Load(path);

        Assert.Equal(4 << 18, corpus[0].Name.Length);
        Assert.StartsWith("ab,\"ab,\"", corpus[0].Name, StringComparison.Ordinal);
        Assert.Equal("sky", corpus[1].Name);
    }
}
