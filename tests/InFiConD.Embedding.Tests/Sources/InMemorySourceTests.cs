namespace InFiConD.Embedding.Tests;

public sealed class InMemorySourceTests
{
    [Fact]
    public void Encoded_arrays_keep_order_and_decode()
    {
        var source = ImageSource.FromArrays([("b", TestImages.Png(3, 3)), ("a", TestImages.Jpeg(8, 8))]);
        Assert.Equal(["b", "a"], source.Select(i => i.Id));
        Assert.All(source, item => Assert.True(ImageDecoder.Default.TryDecode(item).Succeeded));
    }

    [Fact]
    public void Decoded_images_are_passed_through()
    {
        var image = DecodedImage.Filled(2, 3, 4, 5, 6);
        var source = ImageSource.FromImages([("only", image)]);
        Assert.Same(image, ImageDecoder.Default.Decode(source[0]));
    }

    [Fact]
    public void Duplicate_ids_are_refused_naming_both_positions()
    {
        var ex = Assert.Throws<ArgumentException>(() => ImageSource.FromArrays([("x", [1]), ("y", [2]), ("x", [3])]));
        Assert.Contains("items 0 and 2", ex.Message);
    }

    [Fact]
    public void Ids_must_not_be_empty()
    {
        Assert.Throws<ArgumentException>(() => ImageSource.FromArrays([("", [1])]));
        Assert.Throws<ArgumentException>(() => new ImageItem("a") with { Id = "" });
    }

    [Fact]
    public void Items_of_any_kind_can_be_mixed()
    {
        var source = ImageSource.FromItems([ImageItem.FromFile("f", "/nowhere.png"), ImageItem.FromEncoded("e", [])], "mixed");
        Assert.Equal("mixed", source.Description);
        Assert.Equal(2, source.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => source[2]);
    }
}
