using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Embedding.Tests.Banks;

public sealed class TextBankTests
{
    private const double Tolerance = 1e-6;

    private static readonly PromptTemplate[] Templates = [new("a photo of a {concept}"), new("{concept}"), new("a drawing of the {concept}")];

    [Fact]
    public void Each_concept_is_the_normalised_mean_of_its_normalised_prompt_embeddings()
    {
        var encoder = new HashTextEncoder();
        var corpus = ConceptCorpus.FromNames(["water", "sail", "wheel"]);
        var result = ConceptBankBuilder.FromText(corpus, encoder, Templates);

        Assert.Empty(result.Removed);
        Assert.Equal(["water", "sail", "wheel"], result.Bank.Names);
        Assert.Single(encoder.Calls); // every prompt in one call, so a real encoder can batch
        Assert.Equal(9, encoder.Calls[0].Count);
        for (var c = 0; c < corpus.Count; c++)
        {
            var expected = Expected(encoder, Templates.Select(t => t.Apply(corpus[c].Name)));
            AssertClose(expected, result.Bank.Vector(c));
        }
        Assert.Equal(ConceptBankKind.Text, result.Bank.Origin.Kind);
        Assert.Equal("hash-text", result.Bank.Origin.ModelId);
        Assert.Equal(Templates.Select(t => t.Text), result.Bank.Origin.Templates);
    }

    [Fact]
    public void Hand_computed_two_prompt_average()
    {
        // (3, 4) → (0.6, 0.8) and (0, 2) → (0, 1); mean (0.3, 0.9) → (1, 3)/√10.
        var encoder = new HashTextEncoder(2, new Dictionary<string, float[]> { ["a photo of a x"] = [3, 4], ["x"] = [0, 2] });
        var bank = ConceptBankBuilder.FromText(ConceptCorpus.FromNames(["x"]), encoder, [PromptTemplates.PhotoOf, PromptTemplates.Bare]).Bank;
        AssertClose([1 / Math.Sqrt(10), 3 / Math.Sqrt(10)], bank.Vector(0));
    }

    [Fact]
    public void The_default_templates_are_used_when_none_are_given()
    {
        var encoder = new HashTextEncoder();
        var bank = ConceptBankBuilder.FromText(ConceptCorpus.FromNames(["roof"]), encoder).Bank;
        Assert.Equal(PromptTemplates.Default.Count, encoder.Calls[0].Count);
        AssertClose(Expected(encoder, PromptTemplates.Default.Select(t => t.Apply("roof"))), bank.Vector(0));
    }

    [Fact]
    public void A_concept_with_its_own_prompt_uses_it_alone()
    {
        var encoder = new HashTextEncoder();
        var corpus = ConceptCorpus.FromConcepts([new Concept("fin", prompt: "a fish fin underwater"), new Concept("door")]);
        var bank = ConceptBankBuilder.FromText(corpus, encoder, Templates).Bank;
        AssertClose(Expected(encoder, ["a fish fin underwater"]), bank.Vector(0));
        Assert.Equal(4, encoder.Calls[0].Count);
    }

    [Fact]
    public void Concepts_too_close_to_a_class_name_are_removed_and_reported()
    {
        // "boat" and "ship" point the same way for every template; "sail" is orthogonal; "hull" is at 60°.
        var overrides = new Dictionary<string, float[]>();
        void Set(string name, float[] v)
        {
            foreach (var t in Templates)
            {
                overrides[t.Apply(name)] = v;
            }
        }
        Set("boat", [1, 0, 0]);
        Set("car", [0, 0, 1]);
        Set("ship", [2, 0.01f, 0]);
        Set("sail", [0, 1, 0]);
        Set("hull", [0.5f, (float)(Math.Sqrt(3) / 2), 0]);
        var encoder = new HashTextEncoder(3, overrides);
        var corpus = ConceptCorpus.FromNames(["ship", "sail", "hull"]);
        var options = new TextBankOptions { ClassNames = ["car", "boat"], ClassSimilarityThreshold = 0.5 };
        var result = ConceptBankBuilder.FromText(corpus, encoder, Templates, options);

        Assert.Equal(["sail"], result.Bank.Names);
        Assert.Equal(["ship", "hull"], result.Removed.Select(r => r.Concept.Name));
        Assert.All(result.Removed, r => Assert.Equal("boat", r.ClassName));
        Assert.True(result.Removed[0].Cosine > 0.999);
        Assert.Equal(0.5, result.Removed[1].Cosine, 6); // exactly at the threshold counts as too close
        Assert.Contains("2 concepts", result.Bank.Origin.Description, StringComparison.Ordinal);
        Assert.Single(encoder.Calls); // class names are embedded in the same call
    }

    [Fact]
    public void Without_class_names_nothing_is_filtered()
    {
        var result = ConceptBankBuilder.FromText(ConceptCorpus.FromNames(["a", "b"]), new HashTextEncoder(), Templates, TextBankOptions.Default);
        Assert.Equal(2, result.Bank.Count);
        Assert.Empty(result.Removed);
    }

    [Fact]
    public void A_non_finite_embedding_names_the_prompt()
    {
        var encoder = new HashTextEncoder(2, new Dictionary<string, float[]> { ["bad"] = [float.NaN, 1] });
        var error = Assert.Throws<NonFiniteValueException>(() => ConceptBankBuilder.FromText(ConceptCorpus.FromNames(["bad"]), encoder, [PromptTemplates.Bare]));
        Assert.Contains("'bad'", error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_embedding_names_the_prompt()
    {
        var encoder = new HashTextEncoder(2, new Dictionary<string, float[]> { ["nothing"] = [0, 0] });
        var error = Assert.Throws<InFiConDException>(() => ConceptBankBuilder.FromText(ConceptCorpus.FromNames(["nothing"]), encoder, [PromptTemplates.Bare]));
        Assert.Contains("'nothing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encoder_returning_the_wrong_shape_is_caught()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => ConceptBankBuilder.FromText(ConceptCorpus.FromNames(["a"]), new ShortTextEncoder(), Templates));
        Assert.Contains("3 × 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_validated()
    {
        var corpus = ConceptCorpus.FromNames(["a"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConceptBankBuilder.FromText(corpus, new HashTextEncoder(), Templates, new TextBankOptions { ClassSimilarityThreshold = double.NaN }));
        Assert.Throws<ArgumentException>(() => ConceptBankBuilder.FromText(corpus, new HashTextEncoder(), Templates, new TextBankOptions { ClassNames = [" "] }));
        Assert.Throws<ArgumentException>(() => ConceptBankBuilder.FromText(corpus, new HashTextEncoder(), []));
    }

    private static double[] Expected(HashTextEncoder encoder, IEnumerable<string> prompts)
    {
        var sum = new double[encoder.Dimension];
        foreach (var prompt in prompts)
        {
            var v = encoder.Vector(prompt);
            var norm = Math.Sqrt(v.Sum(x => (double)x * x));
            for (var j = 0; j < sum.Length; j++)
            {
                sum[j] += v[j] / norm;
            }
        }
        var total = Math.Sqrt(sum.Sum(x => x * x));
        return sum.Select(x => x / total).ToArray();
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var j = 0; j < expected.Length; j++)
        {
            Assert.True(Math.Abs(expected[j] - actual[j]) <= Tolerance, $"component {j}: expected {expected[j]}, got {actual[j]}");
        }
    }

    private sealed class ShortTextEncoder : ITextEncoder
    {
        public string ModelId => "short";

        public int Dimension => 4;

        public FloatMatrix EncodeText(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => new(texts.Count - 1, 4);
    }
}
