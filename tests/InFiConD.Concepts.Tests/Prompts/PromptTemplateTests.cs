namespace InFiConD.Concepts.Tests;

public sealed class PromptTemplateTests
{
    [Theory]
    [InlineData("a photo of a concept")]
    [InlineData("{Concept}")]
    [InlineData("{concept} and {concept}")]
    [InlineData("")]
    public void Templates_need_exactly_one_placeholder(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => new PromptTemplate(text));

        Assert.Contains("exactly once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_replaces_the_placeholder()
    {
        Assert.Equal("a {x} photo of a boat.", new PromptTemplate("a {x} photo of a {concept}.").Apply("boat"));
    }

    [Fact]
    public void Default_set_starts_with_photo_of_and_every_template_is_valid()
    {
        Assert.Equal("a photo of a {concept}", PromptTemplates.Default[0].Text);
        Assert.True(PromptTemplates.Default.Count >= 5);
        Assert.All(PromptTemplates.Default, t => Assert.Single(t.Apply("\u0001"), c => c == '\u0001'));
        Assert.Equal(PromptTemplates.Default.Count, PromptTemplates.Default.Select(t => t.Text).Distinct().Count());
    }

    [Fact]
    public void ExpandPrompts_applies_templates_or_the_concept_own_prompt()
    {
        var corpus = ConceptCorpus.FromConcepts(
        [
            new Concept("boat"),
            new Concept("water", prompt: "a photo of {concept} in a lake"),
            new Concept("sky", prompt: "the clear blue sky"),
        ]);
        PromptTemplate[] templates = [PromptTemplates.PhotoOf, new("{concept} texture")];

        var prompts = corpus.ExpandPrompts(templates);

        Assert.Equal(3, prompts.Count);
        Assert.Same(corpus[0], prompts[0].Concept);
        Assert.Equal(["a photo of a boat", "boat texture"], prompts[0].Prompts);
        Assert.Equal(["a photo of water in a lake"], prompts[1].Prompts);
        Assert.Equal(["the clear blue sky"], prompts[2].Prompts);
    }

    [Fact]
    public void ExpandPrompts_needs_at_least_one_template()
    {
        Assert.Throws<ArgumentException>(() => ConceptCorpus.FromNames(["a"]).ExpandPrompts([]));
    }
}
