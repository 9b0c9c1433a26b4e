namespace InFiConD.Concepts.Tests;

public sealed class FilteredCorpusTests
{
    private static readonly ConceptCorpus Corpus = ConceptCorpus.FromNames(
    [
        "water", "", "--", "Boat", "sail boat", "boat-house", "boathouse", "Sports Car", "car park",
        "an extremely long concept name over thirty", "grass",
    ]);

    [Fact]
    public void Default_rules_with_class_names_remove_and_explain()
    {
        var result = Corpus.Filter(["boat", "Sports  car"]);

        Assert.Equal(["water", "boathouse", "car park", "grass"], result.Corpus.Names);
        Assert.Equal(
            [
                ("", ConceptRemovalReason.Empty),
                ("--", ConceptRemovalReason.Empty),
                ("Boat", ConceptRemovalReason.EqualToClassName),
                ("sail boat", ConceptRemovalReason.ContainsClassName),
                ("boat-house", ConceptRemovalReason.ContainsClassName),
                ("Sports Car", ConceptRemovalReason.EqualToClassName),
                ("an extremely long concept name over thirty", ConceptRemovalReason.TooLong),
            ],
            result.Removed.Select(r => (r.Concept.Name, r.Reason)));
        Assert.Equal("equals the class name 'boat'", result.Removed[2].Detail);
        Assert.Equal("contains the class name 'boat' as a word", result.Removed[3].Detail);
        Assert.Equal("the name has 42 characters, more than the maximum 30", result.Removed[6].Detail);
    }

    [Fact]
    public void Rules_can_be_switched_off()
    {
        var result = Corpus.Filter(new ConceptFilterOptions
        {
            RemoveEmpty = false,
            MaxLength = null,
            ClassNames = ["boat"],
            RemoveEqualToClassName = false,
            RemoveContainingClassName = true,
        });

        Assert.DoesNotContain("sail boat", result.Corpus.Names);
        Assert.Contains("Boat", result.Corpus.Names);
        Assert.Contains("", result.Corpus.Names);
        Assert.Contains("an extremely long concept name over thirty", result.Corpus.Names);
        Assert.Equal(2, result.Removed.Count);
    }

    [Fact]
    public void Multi_word_class_names_match_as_a_contiguous_run()
    {
        var corpus = ConceptCorpus.FromNames(["red sports car", "sports red car", "car"]);

        var result = corpus.Filter(["sports car"]);

        Assert.Equal(["sports red car", "car"], result.Corpus.Names);
    }

    [Fact]
    public void Filtering_keeps_merges_and_source_and_leaves_the_input_alone()
    {
        var corpus = ConceptCorpus.FromNames(["a", "A", "b"]);

        var result = corpus.Filter(new ConceptFilterOptions { ClassNames = ["b"] });

        Assert.Equal(["a"], result.Corpus.Names);
        Assert.Single(result.Corpus.Merges);
        Assert.Equal(2, corpus.Count);
    }
}
