using InFiConD.Core;

namespace InFiConD.Concepts.Tests;

public sealed partial class ConceptCorpusTests
{
    [Fact]
    public void Json_array_of_strings_loads()
    {
        var path = _temp.WriteText("concepts.json", "[\"water\", \"Sky\", \"water \"]", bom: true);

        var corpus = ConceptCorpus.Load(path);

        Assert.Equal(["water", "Sky"], corpus.Names);
        Assert.Equal([new ConceptMerge("water", "water", "water", path, null)], corpus.Merges);
    }

    [Fact]
    public void Json_objects_under_concepts_with_all_fields_load()
    {
        var path = _temp.WriteText("concepts.json", """
            {
              // hand-written files may carry comments
              "version": 1,
              "concepts": [
                { "name": "boat", "group": "thing", "synonyms": ["ship", "vessel"], "prompt": "a {concept}", "extra": 3 },
                { "Name": "water", "Synonyms": "sea; lake|ocean", "group": null },
                "sky",
              ]
            }
            """);

        var corpus = ConceptCorpus.Load(path);

        Assert.Equal(["boat", "water", "sky"], corpus.Names);
        Assert.Equal(new Concept("boat", "thing", ["ship", "vessel"], "a {concept}"), corpus[0]);
        Assert.Equal(["sea", "lake", "ocean"], corpus[1].Synonyms);
        Assert.Null(corpus[1].Group);
    }

    [Fact]
    public void Json_malformed_names_file_and_line()
    {
        var path = _temp.WriteText("concepts.json", "[\n\"water\",\n\"sky\" \"sea\"\n]");

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(3, error.Position);
        Assert.Contains("malformed JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"a\", 3]", "$[1]", "the number 3")]
    [InlineData("{\"concepts\": [{\"group\": \"x\"}]}", "$.concepts[0].name", "no \"name\"")]
    [InlineData("{\"concepts\": [{\"name\": 5}]}", "$.concepts[0].name", "expected a string")]
    [InlineData("[{\"name\": \"a\", \"synonyms\": [\"b\", true]}]", "$[0].synonyms[1]", "the boolean true")]
    [InlineData("[{\"name\": \"a\", \"synonyms\": 1}]", "$[0].synonyms", "expected an array of strings")]
    [InlineData("[{\"name\": \"a\", \"prompt\": []}]", "$[0].prompt", "expected a string or null")]
    [InlineData("[\"  \"]", "$[0]", "empty")]
    [InlineData("{\"items\": []}", "$", "no \"concepts\"")]
    [InlineData("{\"concepts\": {}}", "$.concepts", "expected an array")]
    [InlineData("\"water\"", "$", "found a string")]
    public void Json_structure_errors_name_the_path_and_what_was_expected(string json, string field, string problem)
    {
        var path = _temp.WriteText("concepts.json", json);

        var error = Assert.Throws<InvalidFileException>(() => ConceptCorpus.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_a_one_megabyte_name_loads()
    {
        var path = _temp.WriteText("concepts.json", $"[\"{new string('y', 1 << 20)}\", \"sky\"]");

        var corpus = ConceptCorpus.Load(path);

        Assert.Equal(1 << 20, corpus[0].Name.Length);
        Assert.Equal("sky", corpus[1].Name);
    }
}
