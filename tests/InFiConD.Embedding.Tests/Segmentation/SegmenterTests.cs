namespace InFiConD.Embedding.Tests;

public sealed class SegmenterTests
{
    private static DecodedImage Pattern(int width, int height)
    {
        using var image = TestImages.Pattern(width, height);
        var rgb = new byte[width * height * 3];
        image.CopyPixelDataTo(rgb);
        return new DecodedImage(width, height, rgb);
    }

    [Fact]
    public void Crop_copies_exactly_the_box()
    {
        var image = Pattern(9, 7);
        var crop = Segmenter.Crop(image, new SegmentBox(2, 3, 4, 2));
        Assert.Equal((4, 2), (crop.Width, crop.Height));
        for (var y = 0; y < 2; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                Assert.Equal(image.GetPixel(x + 2, y + 3), crop.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void The_whole_box_returns_the_image_itself()
    {
        var image = Pattern(5, 5);
        Assert.Same(image, Segmenter.Crop(image, SegmentBox.Whole(5, 5)));
    }

    [Fact]
    public void Boxes_outside_the_image_are_refused()
    {
        var image = Pattern(5, 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => Segmenter.Crop(image, new SegmentBox(3, 0, 3, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Segmenter.Crop(image, new SegmentBox(0, 5, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentBox(-1, 0, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentBox(0, 0, 0, 1));
    }

    [Fact]
    public void Crops_follow_the_segmentation_order()
    {
        var image = Pattern(225, 101);
        var crops = Segmenter.Crops(image, Segmentation.Grid(2, 0.5, includeWhole: true));
        Assert.Equal(5, crops.Count);
        Assert.Same(image, crops[0]);
        Assert.Equal([(141, 63), (142, 63), (141, 64), (142, 64)], crops.Skip(1).Select(c => (c.Width, c.Height)));
        Assert.Equal(image.GetPixel(83, 37), crops[4].GetPixel(0, 0));
    }
}
