namespace InFiConD.Datasets.Tests;

public class ConceptWorldOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Zero_or_negative_image_counts_are_refused(int count)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ConceptWorld.Create(new ConceptWorldOptions { ImagesPerClass = count }));
        Assert.Equal("ImagesPerClass", error.ParamName);
        Assert.Contains("≥ 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConceptWorld.Create(new ConceptWorldOptions { TestImagesPerClass = count }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConceptWorld.Create(new ConceptWorldOptions { ShiftedImagesPerClass = count }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConceptWorld.Create(new ConceptWorldOptions { ExemplarsPerConcept = count }));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Strength_outside_0_1_is_refused(double strength)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ConceptWorld.Create(new ConceptWorldOptions { CueStrength = strength }));
        Assert.Equal("CueStrength", error.ParamName);
        Assert.Contains("[0, 1]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(63)]
    [InlineData(8)]
    [InlineData(1025)]
    public void Sizes_out_of_range_are_refused(int size)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ConceptWorld.Create(new ConceptWorldOptions { ImageSize = size }));
        Assert.Equal("ImageSize", error.ParamName);
        Assert.Contains("64 to 1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_class_lists_are_refused_with_the_known_classes()
    {
        var unknown = Assert.Throws<ArgumentException>(() => ConceptWorld.Create(new ConceptWorldOptions { Classes = ["boat", "plane"] }));
        Assert.Contains("'plane'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("boat, car, house, tree, flower, fish", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => ConceptWorld.Create(new ConceptWorldOptions { Classes = ["boat", "car", "boat"] })).Message, StringComparison.Ordinal);
        Assert.Contains("at least two", Assert.Throws<ArgumentException>(() => ConceptWorld.Create(new ConceptWorldOptions { Classes = ["boat"] })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ConceptWorld.Create(new ConceptWorldOptions { Classes = [] }));
    }

    [Fact]
    public void Too_many_images_for_six_digit_ids_are_refused_and_limits_are_accepted()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ConceptWorld.Create(new ConceptWorldOptions { ImagesPerClass = 200_000 }));
        Assert.Throws<ArgumentNullException>(() => ConceptWorld.Create(null!));
        var edge = ConceptWorld.Create(new ConceptWorldOptions { ImageSize = 64, CueStrength = 0, ImagesPerClass = 1 });
        Assert.Equal(64, edge.Train.RenderImage(0).Width);
        Assert.Same(ConceptWorldOptions.Default, ConceptWorldOptions.Default.Validate());
    }

    [Fact]
    public void Options_round_trip_through_json()
    {
        var options = new ConceptWorldOptions { Seed = -4, ImagesPerClass = 9, TestImagesPerClass = 2, CueStrength = 0.75, Classes = ["fish", "boat"] };
        var json = System.Text.Json.JsonSerializer.Serialize(options, ConceptWorldJsonContext.Default.ConceptWorldOptions);
        var back = System.Text.Json.JsonSerializer.Deserialize(json, ConceptWorldJsonContext.Default.ConceptWorldOptions)!;
        Assert.Equal(options.Seed, back.Seed);
        Assert.Equal(options.CueStrength, back.CueStrength);
        Assert.Equal(options.TestImagesPerClass, back.TestImagesPerClass);
        Assert.Null(back.ShiftedImagesPerClass);
        Assert.Equal(options.Classes, back.Classes);
        Assert.DoesNotContain("effective", json, StringComparison.OrdinalIgnoreCase);
    }
}
