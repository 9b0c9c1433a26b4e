namespace InFiConD.Concepts.Tests;

public sealed class BuiltInCorporaTests
{
    // Read the raw label lists copied into the test project, independently of the library's loader.
    private static List<string> RawLabels(string file) =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", file))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))];

    [Fact]
    public void Pascal_context_has_its_459_labels_in_file_order()
    {
        var raw = RawLabels("pascal-context-459.txt");

        Assert.Equal(459, raw.Count);
        Assert.Equal(raw, BuiltInCorpora.PascalContext.Names);
        Assert.Empty(BuiltInCorpora.PascalContext.Merges);
    }

    [Fact]
    public void Coco_stuff_has_its_171_labels_with_names_as_written()
    {
        var raw = RawLabels("coco-stuff-171.txt");

        Assert.Equal(171, raw.Count);
        Assert.Equal(raw, BuiltInCorpora.CocoStuff.Names);
        Assert.Contains("building-other", BuiltInCorpora.CocoStuff.Names);
    }

    [Fact]
    public void Union_is_the_set_union_of_both_label_lists()
    {
        var pascal = RawLabels("pascal-context-459.txt");
        var coco = RawLabels("coco-stuff-171.txt");
        var expected = new HashSet<string>(pascal, StringComparer.OrdinalIgnoreCase);
        expected.UnionWith(coco);
        var shared = coco.Count(pascal.Contains);

        var union = BuiltInCorpora.PascalContextAndCocoStuff;

        Assert.Equal(556, expected.Count);
        Assert.Equal(74, shared);
        Assert.Equal(expected.Count, union.Count);
        Assert.True(expected.SetEquals(union.Names));
        Assert.Equal(shared, union.Merges.Count);
        Assert.Equal(pascal, union.Names.Take(459));
        Assert.Equal("built-in:pascal-context-459.txt + built-in:coco-stuff-171.txt", union.Source);
    }

    [Fact]
    public void Corpora_are_cached()
    {
        Assert.Same(BuiltInCorpora.CocoStuff, BuiltInCorpora.CocoStuff);
    }
}
