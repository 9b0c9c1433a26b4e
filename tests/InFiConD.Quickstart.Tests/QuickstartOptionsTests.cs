namespace InFiConD.Quickstart.Tests;

public sealed class QuickstartOptionsTests
{
    [Fact]
    public void Defaults_AndEveryFlag()
    {
        Assert.Equal(new QuickstartOptions(), QuickstartOptions.Parse([]));
        var options = QuickstartOptions.Parse(["--images-per-class", "10", "--eval-per-class", "5", "--exemplars", "4", "--seed", "7", "--edit-class", "fish",
            "--factor", "2.5", "--l1", "1e-3", "--epochs", "3", "--exemplar-instances", "auto", "--segments", "crops", "--output", "o", "--cache", "c", "--plain"]);
        Assert.Equal(new QuickstartOptions
        {
            ImagesPerClass = 10, EvaluationImagesPerClass = 5, ExemplarsPerConcept = 4, Seed = 7, EditClass = "fish", Factor = 2.5, L1 = 1e-3, Epochs = 3,
            ExemplarInstances = "auto", Segments = "crops", OutputDirectory = "o", CacheDirectory = "c", Plain = true,
        }, options);
        Assert.Equal("c", options.EffectiveCacheDirectory);
        Assert.Equal(Path.Combine("quickstart-output", "cache"), new QuickstartOptions().EffectiveCacheDirectory);
        Assert.Equal("segment", QuickstartOptions.Parse(["--segment-exemplars"]).ExemplarInstances);
        Assert.Equal(("whole", 12, "pooled"), (new QuickstartOptions().ExemplarInstances, new QuickstartOptions().ExemplarsPerConcept, new QuickstartOptions().Segments));
    }

    [Theory]
    [InlineData("--frobnicate", "Unknown flag '--frobnicate'")]
    [InlineData("--seed", "Flag --seed needs a value")]
    [InlineData("--images-per-class 2", "needs an integer ≥ 4; got '2'")]
    [InlineData("--factor 1", "--factor needs a number > 1; got '1'")]
    [InlineData("--l1 -1", "--l1 needs a number ≥ 0; got '-1'")]
    [InlineData("--epochs x", "needs an integer ≥ 1; got 'x'")]
    [InlineData("--exemplar-instances best", "--exemplar-instances needs whole, segment or auto; got 'best'")]
    [InlineData("--segments grid", "--segments needs pooled or crops; got 'grid'")]
    public void BadFlags_AreNamed(string args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => QuickstartOptions.Parse(args.Split(' ')));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownEditClass_ListsTheClasses()
    {
        var output = Directory.CreateTempSubdirectory("infcd-zebra-").FullName;
        var error = await Assert.ThrowsAsync<ArgumentException>(() => QuickstartJob.RunAsync(new QuickstartOptions { EditClass = "zebra", OutputDirectory = output }));
        Directory.Delete(output, recursive: true);
        Assert.Contains("'zebra'", error.Message, StringComparison.Ordinal);
        Assert.Contains("boat, car, house, tree, flower, fish", error.Message, StringComparison.Ordinal);
    }
}
