namespace InFiConD.Embedding.Tests.Banks;

/// <summary><see cref="ExemplarInstances.Auto"/>: each concept keeps whole images or best segments by its own cross-validated AUC.</summary>
public sealed class ExemplarAutoInstancesTests
{
    /// <summary>
    /// Three concepts over 3-d segments (x the concept, y background, z clutter), six images per side, two segments each;
    /// the fake encoder's whole image is segment 0.
    /// "segment": the concept is in segment 0 or 1 of a positive, so only best segments separate it.
    /// "whole": positives show x in segment 0 (the whole image); negatives are y as a whole but have an x-like segment
    /// (a part that looks like the concept), so best segments score negatives high and only whole images separate it.
    /// "tie": x in both segments of a positive, none in the negatives; both ways separate it perfectly.
    /// </summary>
    private static (LookupDenseImageEncoder Encoder, Dictionary<string, ExemplarSet> Sets) World()
    {
        var segments = new Dictionary<string, float[][]>();
        for (var i = 0; i < 6; i++)
        {
            float[] concept = [1, 0.1f * i, 0.05f], background = [0.05f, 1, 0.1f * i], clutter = [0.05f, 0.1f * i, 1];
            segments[$"segment/p{i}"] = i % 2 == 0 ? [concept, background] : [background, concept];
            segments[$"segment/n{i}"] = [[0.1f * i, 1, 0.05f], clutter];
            segments[$"whole/p{i}"] = [concept, background];
            segments[$"whole/n{i}"] = [[0.1f * i, 1, 0.05f], [1, 0.05f, 0.1f * i]];
            segments[$"tie/p{i}"] = [concept, [1, 0.05f, 0.1f * i]];
            segments[$"tie/n{i}"] = [background, clutter];
        }
        var sets = new[] { "segment", "whole", "tie" }.ToDictionary(name => name, name => new ExemplarSet(
            LookupImageEncoder.Source([.. Enumerable.Range(0, 6).Select(i => $"{name}/p{i}")]), LookupImageEncoder.Source([.. Enumerable.Range(0, 6).Select(i => $"{name}/n{i}")])));
        return (new LookupDenseImageEncoder(segments, 3), sets);
    }

    [Fact]
    public async Task Each_concept_keeps_the_instances_with_the_higher_cross_validated_auc_and_ties_keep_whole_images()
    {
        var (encoder, sets) = World();
        var auto = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav, new ExemplarBankOptions { Instances = ExemplarInstances.Auto });
        var whole = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav);
        var segment = await ConceptBankBuilder.FromExemplarsAsync(sets, encoder, ExemplarMethod.Cav, new ExemplarBankOptions { Instances = ExemplarInstances.BestSegment });

        // The premise: each single mode wins where the world says it should.
        Assert.True(segment.Fits[0].CrossValidatedAuc > whole.Fits[0].CrossValidatedAuc, "segment concept: best segments should win");
        Assert.True(whole.Fits[1].CrossValidatedAuc > segment.Fits[1].CrossValidatedAuc, "whole concept: whole images should win");
        Assert.Equal(whole.Fits[2].CrossValidatedAuc, segment.Fits[2].CrossValidatedAuc);

        ExemplarInstances[] expected = [ExemplarInstances.BestSegment, ExemplarInstances.WholeImage, ExemplarInstances.WholeImage];
        for (var c = 0; c < 3; c++)
        {
            var (kept, rejected) = expected[c] == ExemplarInstances.BestSegment ? (segment, whole) : (whole, segment);
            var fit = auto.Fits[c];
            Assert.Equal(expected[c], fit.Instances);
            Assert.Equal(kept.Fits[c] with { RejectedCrossValidatedAuc = rejected.Fits[c].CrossValidatedAuc }, fit);
            Assert.Equal(kept.Bank.Vector(c).ToArray(), auto.Bank.Vector(c).ToArray());
        }
        Assert.Equal(["cav/auto:best-segment", "cav/auto:whole-image", "cav/auto:whole-image"], auto.Bank.Quality!.Select(q => q!.Method));
        Assert.Contains("higher cross-validated AUC", auto.Bank.Origin.Description);
        Assert.All(whole.Fits, f => Assert.Null(f.RejectedCrossValidatedAuc));
        Assert.All(segment.Fits, f => Assert.Equal(ExemplarInstances.BestSegment, f.Instances));
    }

    [Fact]
    public async Task Auto_needs_a_dense_encoder_and_undefined_instances_are_named()
    {
        var (_, sets) = World();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ConceptBankBuilder.FromExemplarsAsync(sets, new LookupImageEncoder(new Dictionary<string, float[]>(), 3),
            ExemplarMethod.Cav, new ExemplarBankOptions { Instances = ExemplarInstances.Auto }));
        Assert.Contains("ExemplarInstances.Auto needs a dense encoder", error.Message);

        var undefined = Assert.Throws<ArgumentOutOfRangeException>(() => new ExemplarBankOptions { Instances = (ExemplarInstances)3 }.Validate());
        Assert.Equal(nameof(ExemplarBankOptions.Instances), undefined.ParamName);
    }
}
