using InFiConD.Concepts;

namespace InFiConD.Embedding.Tests.Banks;

/// <summary>Cross-validated concept quality, the minimum-AUC filter, random negatives and segment exemplars.</summary>
public sealed class ExemplarQualityTests
{
    private const double Tolerance = 1e-12;

    /// <summary>Eight 3-d embeddings per side that overlap, so held-out folds are ranked imperfectly.</summary>
    private static (Dictionary<string, float[]> Vectors, string[] Positives, string[] Negatives) Overlapping()
    {
        var random = new Random(7);
        var vectors = new Dictionary<string, float[]>();
        var positives = Enumerable.Range(0, 8).Select(i => $"p{i}").ToArray();
        var negatives = Enumerable.Range(0, 7).Select(i => $"n{i}").ToArray();
        foreach (var id in positives)
        {
            vectors[id] = [(float)(1 + random.NextDouble()), (float)(0.6 + random.NextDouble()), (float)random.NextDouble()];
        }
        foreach (var id in negatives)
        {
            vectors[id] = [(float)(0.6 + random.NextDouble()), (float)(1 + random.NextDouble()), (float)random.NextDouble()];
        }
        return (vectors, positives, negatives);
    }

    [Theory]
    [InlineData(ExemplarMethod.Prototype)]
    [InlineData(ExemplarMethod.Cav)]
    public async Task The_cross_validated_auc_is_the_pooled_auc_of_folds_refitted_without_them(ExemplarMethod method)
    {
        var (vectors, positives, negatives) = Overlapping();
        var encoder = new LookupImageEncoder(vectors, 3);
        var sets = new Dictionary<string, ExemplarSet> { ["c"] = new(LookupImageEncoder.Source(positives), LookupImageEncoder.Source(negatives)) };
        var fit = (await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, method)).Fits[0];

        // Brute force: k = min(5, 8, 7) = 5; image i of each side is in fold i mod 5. Each fold's vector is a bank built
        // from the other folds alone; held-out images are scored by cosine and all held-out scores ranked together.
        Assert.Equal(5, fit.Folds);
        var positiveScores = new double[positives.Length];
        var negativeScores = new double[negatives.Length];
        for (var fold = 0; fold < 5; fold++)
        {
            var trainSets = new Dictionary<string, ExemplarSet>
            {
                ["c"] = new(LookupImageEncoder.Source(positives.Where((_, i) => i % 5 != fold).ToArray()),
                    LookupImageEncoder.Source(negatives.Where((_, i) => i % 5 != fold).ToArray())),
            };
            var vector = (await ConceptBankBuilder.FromExemplarsAsync(trainSets, encoder, method)).Bank.Vector(0).ToArray();
            for (var i = fold; i < positives.Length; i += 5)
            {
                positiveScores[i] = Cosine(vectors[positives[i]], vector);
            }
            for (var i = fold; i < negatives.Length; i += 5)
            {
                negativeScores[i] = Cosine(vectors[negatives[i]], vector);
            }
        }
        var expected = PairwiseAuc(positiveScores, negativeScores);
        // The bank rounds vectors to float32, the builder scores with the float64 fold vectors: agreement to float precision.
        Assert.Equal(expected, fit.CrossValidatedAuc!.Value, 1e-6);
        Assert.InRange(expected, 0.5, 0.99); // overlapping: informative, not perfect
        Assert.True(fit.Auc >= fit.CrossValidatedAuc, "the training-set AUC is the optimistic one");
    }

    [Fact]
    public async Task The_bank_carries_each_concepts_quality()
    {
        var (vectors, positives, negatives) = Overlapping();
        var sets = new Dictionary<string, ExemplarSet> { ["c"] = new(LookupImageEncoder.Source(positives), LookupImageEncoder.Source(negatives)) };
        var result = await ConceptBankBuilder.FromExemplarsAsync(sets, new LookupImageEncoder(vectors, 3), ExemplarMethod.Cav);

        var quality = Assert.Single(result.Bank.Quality!)!;
        Assert.Equal(result.Fits[0].CrossValidatedAuc, quality.Auc);
        Assert.Equal((8, 7, 5, "cav"), (quality.Positives, quality.Negatives, quality.Folds, quality.Method));
        Assert.Equal(quality.Auc >= ConceptQuality.ReliableAuc, quality.IsReliable);
        Assert.Null(result.Bank.PresenceThresholds);
    }

    [Fact]
    public void Folds_are_stratified_by_position_without_a_seed()
    {
        Assert.Equal(5, ExemplarCrossValidation.Folds(8, 296, 5));
        Assert.Equal(3, ExemplarCrossValidation.Folds(3, 296, 5));
        Assert.Equal(0, ExemplarCrossValidation.Folds(1, 296, 5)); // nothing to hold out
        Assert.Equal(2, ExemplarCrossValidation.Folds(9, 2, 10));
        var folds = Enumerable.Range(0, 12).Select(i => ExemplarCrossValidation.FoldOf(i, 5)).ToArray();
        Assert.Equal([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1], folds);
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_bits()
    {
        var (vectors, positives, negatives) = Overlapping();
        var sets = new Dictionary<string, ExemplarSet> { ["c"] = new(LookupImageEncoder.Source(positives), LookupImageEncoder.Source(negatives)) };
        var first = await ConceptBankBuilder.FromExemplarsAsync(sets, new LookupImageEncoder(vectors, 3), ExemplarMethod.Cav);
        var second = await ConceptBankBuilder.FromExemplarsAsync(sets, new LookupImageEncoder(vectors, 3), ExemplarMethod.Cav);
        Assert.Equal(first.Fits, second.Fits);
        Assert.Equal(first.Bank.Vector(0).ToArray(), second.Bank.Vector(0).ToArray());
    }

    [Fact]
    public async Task A_minimum_auc_drops_and_reports_unreliable_concepts()
    {
        var (vectors, positives, negatives) = Overlapping();
        // "noise": positives and negatives drawn from the same distribution, interleaved, so held-out ranking is poor.
        var all = positives.Concat(negatives).ToArray();
        var sets = new Dictionary<string, ExemplarSet>
        {
            ["noise"] = new(LookupImageEncoder.Source(all.Where((_, i) => i % 2 == 0).ToArray()), LookupImageEncoder.Source(all.Where((_, i) => i % 2 == 1).ToArray())),
            ["signal"] = new(LookupImageEncoder.Source(positives), LookupImageEncoder.Source(negatives)),
        };
        var encoder = new LookupImageEncoder(vectors, 3);
        var kept = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav);
        var noise = kept.Fits[0].CrossValidatedAuc!.Value;
        var signal = kept.Fits[1].CrossValidatedAuc!.Value;
        Assert.True(noise < signal, $"noise {noise} vs signal {signal}");
        Assert.Empty(kept.Removed);

        var minimum = (noise + signal) / 2;
        var result = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav, new ExemplarBankOptions { MinimumAuc = minimum });
        Assert.Equal(["signal"], result.Bank.Names);
        Assert.Equal("signal", Assert.Single(result.Fits).Concept);
        Assert.Equal(signal, result.Bank.Quality![0]!.Auc);
        var removed = Assert.Single(result.Removed);
        Assert.Equal("noise", removed.Concept);
        Assert.Equal(noise, removed.Fit.CrossValidatedAuc);
        Assert.Contains("below the minimum", removed.Reason);
        Assert.Equal(kept.Bank.Vector(1).ToArray(), result.Bank.Vector(0).ToArray());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav, new ExemplarBankOptions { MinimumAuc = 1 }));
        Assert.Contains("MinimumAuc", error.Message);
    }

    [Theory]
    [InlineData(nameof(ExemplarBankOptions.MinimumAuc))]
    [InlineData(nameof(ExemplarBankOptions.CrossValidationFolds))]
    [InlineData(nameof(ExemplarBankOptions.MultipleInstanceRounds))]
    public void Bad_options_name_the_setting(string setting)
    {
        var options = setting switch
        {
            nameof(ExemplarBankOptions.MinimumAuc) => new ExemplarBankOptions { MinimumAuc = double.NaN },
            nameof(ExemplarBankOptions.CrossValidationFolds) => new ExemplarBankOptions { CrossValidationFolds = 1 },
            _ => new ExemplarBankOptions { MultipleInstanceRounds = 0 },
        };
        Assert.Equal(setting, Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate()).ParamName);
    }

    [Fact]
    public async Task Random_negatives_stand_in_for_missing_negatives_and_join_given_ones()
    {
        // Positives along x, random scenes along y or z: the CAV points to +x (the known answer).
        var vectors = new Dictionary<string, float[]>
        {
            ["p0"] = [1, 0.1f, 0], ["p1"] = [1, 0, 0.1f], ["r0"] = [0.1f, 1, 0], ["r1"] = [0, 0.1f, 1], ["r2"] = [0.1f, 0, 1], ["n0"] = [0.5f, 0.5f, 0.5f],
        };
        var encoder = new LookupImageEncoder(vectors, 3);
        var options = new ExemplarBankOptions { RandomNegatives = LookupImageEncoder.Source("r0", "r1", "r2"), NegativesFromOtherConcepts = false };
        var alone = await ConceptBankBuilder.FromExemplarsAsync(new Dictionary<string, ExemplarSet> { ["x"] = new(LookupImageEncoder.Source("p0", "p1")) }, encoder, ExemplarMethod.Cav, options);
        Assert.Equal(3, alone.Fits[0].Negatives);
        Assert.Equal(1.0, alone.Fits[0].Auc);
        // Towards +x and away from the random scenes' y and z.
        var v = alone.Bank.Vector(0).ToArray();
        Assert.True(v[0] > 0.75 && v[1] < 0 && v[2] < 0, $"the CAV should point along +x, away from y and z: {string.Join(", ", v)}");

        var joined = await ConceptBankBuilder.FromExemplarsAsync(
            new Dictionary<string, ExemplarSet> { ["x"] = new(LookupImageEncoder.Source("p0", "p1"), LookupImageEncoder.Source("n0")) }, encoder, ExemplarMethod.Cav, options);
        Assert.Equal(4, joined.Fits[0].Negatives);
        Assert.Contains("random negatives", joined.Bank.Origin.Description);

        await Assert.ThrowsAsync<ArgumentException>(() => ConceptBankBuilder.FromExemplarsAsync(
            new Dictionary<string, ExemplarSet> { ["x"] = new(LookupImageEncoder.Source("p0", "p1")) }, encoder, ExemplarMethod.Cav, options with { RandomNegatives = null }));
    }

    [Fact]
    public async Task Best_segment_exemplars_fit_the_segment_that_shows_the_concept()
    {
        // Each positive image shows the concept (+x) in one of two segments, at either position; the other segment is
        // background (+y), as is every segment of the negatives together with clutter (+z). Whole images (segment 0 here)
        // are half background, so only the segment fit can isolate +x; images score by their best segment.
        var segments = new Dictionary<string, float[][]>();
        for (var i = 0; i < 6; i++)
        {
            float[] concept = [1, 0.1f * i, 0.05f], background = [0.05f, 1, 0.1f * i];
            segments[$"p{i}"] = i % 2 == 0 ? [concept, background] : [background, concept];
            segments[$"n{i}"] = [[0.1f * i, 1, 0.05f], [0.05f, 0.1f * i, 1]];
        }
        var encoder = new LookupDenseImageEncoder(segments, 3);
        var sets = new Dictionary<string, ExemplarSet>
        {
            ["x"] = new(LookupImageEncoder.Source([.. Enumerable.Range(0, 6).Select(i => $"p{i}")]), LookupImageEncoder.Source([.. Enumerable.Range(0, 6).Select(i => $"n{i}")])),
        };
        var options = new ExemplarBankOptions { Instances = ExemplarInstances.BestSegment };
        var result = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav, options);

        var vector = result.Bank.Vector(0).ToArray();
        Assert.True(vector[0] > 0.75 && vector[1] < 0 && vector[2] < 0, $"the CAV should point along +x, away from background y and clutter z: {string.Join(", ", vector)}");
        Assert.Equal(1.0, result.Fits[0].Auc);
        Assert.Equal(1.0, result.Fits[0].CrossValidatedAuc);
        Assert.Equal("cav/best-segment", result.Bank.Quality![0]!.Method);

        var whole = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav);
        Assert.True(whole.Fits[0].CrossValidatedAuc < 1, "whole images (segment 0, the concept only half the time) cannot be separated as well");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ConceptBankBuilder.FromExemplarsAsync(sets, new LookupImageEncoder(new Dictionary<string, float[]>(), 3), ExemplarMethod.Cav, options));
        Assert.Contains("IDenseImageEncoder", error.Message);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    /// <summary>The AUC by its definition: every (positive, negative) pair, ties one half.</summary>
    private static double PairwiseAuc(double[] positives, double[] negatives)
    {
        var wins = 0.0;
        foreach (var p in positives)
        {
            foreach (var n in negatives)
            {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }
        return wins / (positives.Length * negatives.Length);
    }
}
