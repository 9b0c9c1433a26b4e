using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Embedding.Tests.Banks;

public sealed class ExemplarBankTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public async Task A_prototype_is_the_normalised_mean_of_positives_minus_mean_of_negatives()
    {
        // Normalised: a → (1, 0, 0), b → (0, 1, 0), c → (0, 0, 1). Mean(a, b) − c = (½, ½, −1) → (1, 1, −2)/√6.
        var encoder = new LookupImageEncoder(new Dictionary<string, float[]> { ["a"] = [2, 0, 0], ["b"] = [0, 5, 0], ["c"] = [0, 0, 3] }, 3);
        var sets = new Dictionary<string, ExemplarSet> { ["sail"] = new(LookupImageEncoder.Source("a", "b"), LookupImageEncoder.Source("c")) };
        var result = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder);

        AssertClose([1 / Math.Sqrt(6), 1 / Math.Sqrt(6), -2 / Math.Sqrt(6)], result.Bank.Vector(0));
        Assert.Equal(ConceptBankKind.Exemplar, result.Bank.Origin.Kind);
        Assert.Equal("lookup", result.Bank.Origin.ModelId);
        var fit = Assert.Single(result.Fits);
        Assert.Equal(new ExemplarFit("sail", 2, 1, 0, true, null, 1.0), fit);
    }

    [Fact]
    public async Task Without_negatives_or_with_subtraction_off_a_prototype_is_the_positive_mean()
    {
        var encoder = new LookupImageEncoder(new Dictionary<string, float[]> { ["a"] = [3, 4], ["b"] = [0, 2], ["c"] = [1, 0] }, 2);
        var positives = LookupImageEncoder.Source("a", "b");
        var sets = new Dictionary<string, ExemplarSet>
        {
            ["plain"] = new(positives),
            ["kept"] = new(positives, LookupImageEncoder.Source("c")),
        };
        var result = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Prototype, new ExemplarBankOptions { SubtractNegativeMean = false });
        // (0.6, 0.8) and (0, 1) → mean (0.3, 0.9) → (1, 3)/√10.
        AssertClose([1 / Math.Sqrt(10), 3 / Math.Sqrt(10)], result.Bank.Vector(0));
        AssertClose([1 / Math.Sqrt(10), 3 / Math.Sqrt(10)], result.Bank.Vector(1));
        Assert.Null(result.Fits[0].Auc);
        Assert.Equal(1.0, result.Fits[1].Auc);
    }

    [Fact]
    public async Task A_cav_finds_the_separating_direction()
    {
        const int dimension = 16;
        var random = new Random(42);
        // Orthogonal to the common offset below, so normalising the embeddings does not bend it.
        var raw = Enumerable.Range(0, dimension).Select(_ => random.NextDouble() - 0.5).ToArray();
        var truth = Unit(raw.Select(x => x - raw.Average()).ToArray());
        var vectors = new Dictionary<string, float[]>();
        var positives = new List<string>();
        var negatives = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            // Embeddings share a common offset (as non-negative ResNet features do) plus noise; the classes
            // differ only along the true direction.
            var side = i % 3 == 0 ? 1 : -1; // unbalanced: 40 positives, 80 negatives
            var v = Enumerable.Range(0, dimension).Select(j => 2.0 + Gaussian(random) * 0.3 + side * 0.8 * truth[j]).Select(x => (float)x).ToArray();
            var id = $"x{i}";
            vectors[id] = v;
            (side > 0 ? positives : negatives).Add(id);
        }
        var encoder = new LookupImageEncoder(vectors, dimension);
        var sets = new Dictionary<string, ExemplarSet> { ["stripes"] = new(LookupImageEncoder.Source([.. positives]), LookupImageEncoder.Source([.. negatives])) };
        var result = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav);

        var cav = result.Bank.Vector(0).ToArray();
        var cosine = cav.Select((x, j) => x * truth[j]).Sum();
        Assert.True(cosine > 0.9, $"cosine to the true direction {cosine}");
        var fit = result.Fits[0];
        Assert.True(fit.Converged);
        Assert.InRange(fit.Iterations, 1, 50);
        Assert.Equal((40, 80), (fit.Positives, fit.Negatives));
        Assert.True(fit.Auc > 0.99, $"AUC {fit.Auc}");
        Assert.NotNull(fit.Objective);
        Assert.Contains("cav", result.Bank.Origin.Description, StringComparison.Ordinal);

        // Deterministic to the bit.
        var again = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav);
        Assert.Equal(cav, again.Bank.Vector(0).ToArray());
    }

    [Fact]
    public async Task A_cav_without_negatives_uses_the_other_concepts_positives()
    {
        var encoder = new LookupImageEncoder(new Dictionary<string, float[]>
        {
            ["r1"] = [1, 0.1f], ["r2"] = [1, -0.1f], ["u1"] = [0.1f, 1], ["u2"] = [-0.1f, 1],
        }, 2);
        var sets = new Dictionary<string, ExemplarSet> { ["right"] = new(LookupImageEncoder.Source("r1", "r2")), ["up"] = new(LookupImageEncoder.Source("u1", "u2")) };
        var result = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav);
        Assert.Equal(["right", "up"], result.Bank.Names);
        // By symmetry the separating normal is along (1, −1) for "right" and (−1, 1) for "up".
        AssertClose([Math.Sqrt(0.5), -Math.Sqrt(0.5)], result.Bank.Vector(0));
        AssertClose([-Math.Sqrt(0.5), Math.Sqrt(0.5)], result.Bank.Vector(1));
        Assert.All(result.Fits, f => Assert.Equal(2, f.Negatives));
    }

    [Fact]
    public async Task A_cav_with_no_negatives_at_all_is_an_error()
    {
        var encoder = new LookupImageEncoder(new Dictionary<string, float[]> { ["a"] = [1, 0] }, 2);
        var sets = new Dictionary<string, ExemplarSet> { ["alone"] = new(LookupImageEncoder.Source("a")) };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav));
        Assert.Contains("'alone'", error.Message, StringComparison.Ordinal);
        var two = new Dictionary<string, ExemplarSet> { ["one"] = new(LookupImageEncoder.Source("a")), ["two"] = new(LookupImageEncoder.Source("a")) };
        await Assert.ThrowsAsync<ArgumentException>(() => ConceptBankBuilder.FromExemplarsAsync(two, encoder, ExemplarMethod.Cav, new ExemplarBankOptions { NegativesFromOtherConcepts = false }));
    }

    [Fact]
    public async Task All_sources_go_through_the_encoder_in_one_call_and_failures_are_collected()
    {
        var encoder = new LookupImageEncoder(new Dictionary<string, float[]> { ["a"] = [1, 0], ["b"] = [0, 1], ["n"] = [1, 1] }, 2);
        var shared = LookupImageEncoder.Source("n", "missing");
        var sets = new Dictionary<string, ExemplarSet>
        {
            ["first"] = new(LookupImageEncoder.Source("a"), shared),
            ["second"] = new(LookupImageEncoder.Source("b"), shared),
        };
        var progress = new List<ImageModelProgress>();
        var result = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, progress: new SynchronousProgress(progress));
        // One call over the three distinct sources (the shared one once), in source order.
        Assert.Equal(["a", "n", "missing", "b"], Assert.Single(encoder.Calls).Select(i => i.Id));
        Assert.Equal("missing", Assert.Single(result.Failures).Id);
        Assert.Equal(new ImageModelProgress(4, 4, 1), progress[^1]);
    }

    [Fact]
    public async Task Sources_that_share_an_image_id_keep_a_call_each_and_give_the_same_bank()
    {
        // An encoder may key on ids (precomputed embeddings), so one call must not mix two images called "a".
        var vectors = new Dictionary<string, float[]> { ["a"] = [1, 0, 0.5f], ["b"] = [0, 1, 0.2f], ["c"] = [0.3f, 0.3f, 1], ["d"] = [0.5f, 0.1f, 1], ["e"] = [0.2f, 0.9f, 0.1f], ["a2"] = [1, 0, 0.5f] };
        Dictionary<string, ExemplarSet> Sets(string negative) => new()
        {
            ["x"] = new(LookupImageEncoder.Source("a", "c"), LookupImageEncoder.Source("e")),
            ["y"] = new(LookupImageEncoder.Source("b", "d"), LookupImageEncoder.Source(negative)),
        };
        var sharing = new LookupImageEncoder(vectors, 3);
        var shared = await ConceptBankBuilder.FromExemplarsAsync(Sets("a"), sharing, ExemplarMethod.Cav);
        var distinct = new LookupImageEncoder(vectors, 3);
        var renamed = await ConceptBankBuilder.FromExemplarsAsync(Sets("a2"), distinct, ExemplarMethod.Cav);

        Assert.Equal(4, sharing.Calls.Count);
        Assert.Single(distinct.Calls);
        Assert.Equal(renamed.Bank.Vectors.AsSpan().ToArray(), shared.Bank.Vectors.AsSpan().ToArray());
    }

    [Fact]
    public async Task A_concept_whose_positives_all_failed_is_named()
    {
        var encoder = new LookupImageEncoder(new Dictionary<string, float[]>(), 2);
        var sets = new Dictionary<string, ExemplarSet> { ["ghost"] = new(LookupImageEncoder.Source("nope")) };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ConceptBankBuilder.FromExemplarsAsync(sets, encoder));
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_finite_embedding_names_the_image()
    {
        var encoder = new LookupImageEncoder(new Dictionary<string, float[]> { ["ok"] = [1, 0], ["nan"] = [float.NaN, 0] }, 2);
        var sets = new Dictionary<string, ExemplarSet> { ["c"] = new(LookupImageEncoder.Source("ok", "nan")) };
        var error = await Assert.ThrowsAsync<NonFiniteValueException>(() => ConceptBankBuilder.FromExemplarsAsync(sets, encoder));
        Assert.Contains("'nan'", error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_that_are_the_same_concept_fail_before_encoding()
    {
        var encoder = new LookupImageEncoder(new Dictionary<string, float[]> { ["a"] = [1, 0] }, 2);
        var sets = new Dictionary<string, ExemplarSet> { ["Sail"] = new(LookupImageEncoder.Source("a")), ["sail"] = new(LookupImageEncoder.Source("a")) };
        await Assert.ThrowsAsync<ArgumentException>(() => ConceptBankBuilder.FromExemplarsAsync(sets, encoder));
        Assert.Empty(encoder.Calls);
        await Assert.ThrowsAsync<ArgumentException>(() => ConceptBankBuilder.FromExemplarsAsync(new Dictionary<string, ExemplarSet>(), encoder));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav, new ExemplarBankOptions { CavRegularization = 0 }));
    }

    private static double[] Unit(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var j = 0; j < expected.Length; j++)
        {
            Assert.True(Math.Abs(expected[j] - actual[j]) <= Tolerance, $"component {j}: expected {expected[j]}, got {actual[j]}");
        }
    }
}
