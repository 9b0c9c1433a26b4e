using System.Text.Json.Nodes;
using InFiConD.Core;

namespace InFiConD.Concepts.Tests;

/// <summary>Per-concept quality and presence thresholds on a bank: validation, and their round trip through a bank file.</summary>
public sealed class ConceptQualityTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ConceptBank Bank() =>
        ConceptBank.Create(["mast", "leaf", "water"], FloatMatrix.FromValues([1, 0, 0, 0, 1, 0, 0, 0, 1], 3, 3), new ConceptBankOrigin(ConceptBankKind.Exemplar, "resnet18", null, "test"));

    private static readonly ConceptQuality?[] Quality = [new(0.5625, 8, 288, 5, "cav/best-segment"), null, new(1, 8, 288, 5, "cav")];

    [Fact]
    public void Quality_flags_concepts_below_the_reliable_auc()
    {
        Assert.Equal(0.7, ConceptQuality.ReliableAuc);
        Assert.False(new ConceptQuality(0.6999, 2, 2, 2, "cav").IsReliable);
        Assert.True(new ConceptQuality(0.7, 2, 2, 2, "cav").IsReliable);
        var bank = Bank().WithQuality(Quality);
        Assert.Equal([true, false, false], Enumerable.Range(0, 3).Select(bank.IsFlaggedUnreliable));
        Assert.Null(Bank().Quality);
        Assert.False(Bank().IsFlaggedUnreliable(0));
    }

    [Theory]
    [InlineData(double.NaN, 1, 1, 2, "cav", "auc")]
    [InlineData(1.01, 1, 1, 2, "cav", "auc")]
    [InlineData(-0.1, 1, 1, 2, "cav", "auc")]
    [InlineData(0.9, 0, 1, 2, "cav", "positives")]
    [InlineData(0.9, 1, 0, 2, "cav", "negatives")]
    [InlineData(0.9, 1, 1, 1, "cav", "folds")]
    [InlineData(0.9, 1, 1, 2, " ", "method")]
    public void Bad_quality_values_name_the_field(double auc, int positives, int negatives, int folds, string method, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new ConceptQuality(auc, positives, negatives, folds, method));
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void With_quality_and_thresholds_check_one_finite_value_per_concept()
    {
        var bank = Bank();
        Assert.Equal("quality", Assert.Throws<ArgumentException>(() => bank.WithQuality([null])).ParamName);
        Assert.Equal("thresholds", Assert.Throws<ArgumentException>(() => bank.WithPresenceThresholds([0.1f, 0.2f])).ParamName);
        var nan = Assert.Throws<ArgumentException>(() => bank.WithPresenceThresholds([0.1f, float.NaN, 0.3f]));
        Assert.Contains("PresenceThresholds[1] (concept 'leaf')", nan.Message);

        var both = bank.WithQuality(Quality).WithPresenceThresholds([0.25f, 0.5f, 0.75f]);
        Assert.Equal(Quality, both.Quality);
        Assert.Equal([0.25f, 0.5f, 0.75f], both.PresenceThresholds);
        Assert.Null(bank.Quality); // the original is unchanged
        Assert.Null(both.WithQuality(null).Quality);
        Assert.Equal([0.25f, 0.5f, 0.75f], both.WithQuality(null).PresenceThresholds);
    }

    [Fact]
    public void Quality_and_thresholds_survive_save_and_load()
    {
        var path = _temp.File("bank.json");
        Bank().WithQuality(Quality).WithPresenceThresholds([0.1f, 0.3333333f, -0.25f]).Save(path);

        var loaded = ConceptBank.Load(path);

        Assert.Equal(Quality, loaded.Quality);
        Assert.Equal([0.1f, 0.3333333f, -0.25f], loaded.PresenceThresholds);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(2, (int?)json["version"]);
        Assert.Equal(0.5625, (double?)json["quality"]![0]!["auc"]);
        Assert.Null(json["quality"]![1]);
    }

    [Fact]
    public void A_version_1_file_still_loads_without_quality_or_thresholds()
    {
        // The layout version 1 wrote: no quality, no thresholds.
        var path = _temp.File("bank.json");
        Bank().Save(path);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["version"] = 1;
        Assert.Null(json["quality"]);
        Assert.Null(json["presenceThresholds"]);
        File.WriteAllText(path, json.ToJsonString());

        var loaded = ConceptBank.Load(path);

        Assert.Equal(["mast", "leaf", "water"], loaded.Names);
        Assert.Null(loaded.Quality);
        Assert.Null(loaded.PresenceThresholds);
    }

    [Theory]
    [InlineData("quality", "[null]", "quality")]
    [InlineData("quality", "[{\"auc\":1.5,\"positives\":8,\"negatives\":8,\"folds\":5,\"method\":\"cav\"},null,null]", "quality[0].auc")]
    [InlineData("quality", "[null,{\"positives\":8,\"negatives\":8,\"folds\":5,\"method\":\"cav\"},null]", "quality[1].auc")]
    [InlineData("quality", "[null,null,{\"auc\":0.5,\"positives\":8,\"negatives\":8,\"folds\":1,\"method\":\"cav\"}]", "quality[2].folds")]
    [InlineData("quality", "[null,null,{\"auc\":0.5,\"positives\":8,\"negatives\":8,\"folds\":5}]", "quality[2].method")]
    [InlineData("presenceThresholds", "[0.1, 0.2]", "presenceThresholds")]
    public void Bad_quality_or_thresholds_in_a_file_name_the_field(string section, string value, string field)
    {
        var path = _temp.File("bank.json");
        Bank().Save(path);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json[section] = JsonNode.Parse(value);
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<InvalidFileException>(() => ConceptBank.Load(path));

        Assert.Equal(field, error.Field);
    }
}
