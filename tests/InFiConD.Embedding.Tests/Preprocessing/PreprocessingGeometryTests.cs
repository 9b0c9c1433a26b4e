namespace InFiConD.Embedding.Tests;

public sealed class PreprocessingGeometryTests
{
    [Theory]
    [InlineData(300, 200, 336, 224)]
    [InlineData(200, 300, 224, 336)]
    [InlineData(224, 224, 224, 224)]
    [InlineData(225, 101, 499, 224)] // floor(224 · 225 / 101) = 499
    [InlineData(50, 40, 280, 224)]   // small images are enlarged
    public void The_shortest_side_is_resized_like_torchvision(int width, int height, int resizedWidth, int resizedHeight)
    {
        Assert.Equal((resizedWidth, resizedHeight), Preprocessing.Clip.ResizedSize(width, height));
        Assert.Equal((224, 224), Preprocessing.Clip.OutputSize(width, height));
        Assert.Equal(3 * 224 * 224, Preprocessing.Clip.TensorLength(width, height));
    }

    [Fact]
    public void Resize_and_crop_give_the_crop_size_and_keep_a_flat_colour()
    {
        var image = DecodedImage.Filled(300, 170, 10, 100, 200);
        foreach (var preset in new[] { Preprocessing.Clip, Preprocessing.ResNet18Package })
        {
            var seen = preset.ResizeAndCrop(image);
            Assert.Equal((224, 224), (seen.Width, seen.Height));
            Assert.True(seen.Rgb.Chunk(3).All(p => Math.Abs(p[0] - 10) <= 1 && Math.Abs(p[1] - 100) <= 1 && Math.Abs(p[2] - 200) <= 1));
            Assert.Equal(3 * 224 * 224, preset.Apply(image).Length);
        }
    }

    [Fact]
    public void Without_a_crop_the_tensor_has_the_resized_size()
    {
        var p = new Preprocessing { ResizeShortestSide = 4 };
        var image = DecodedImage.Filled(16, 8, 0, 0, 0);
        Assert.Equal((8, 4), p.OutputSize(16, 8));
        Assert.Equal([3, 4, 8], p.TensorShape(16, 8));
        Assert.Equal([4, 8, 3], (p with { Layout = TensorLayout.Hwc }).TensorShape(16, 8));
        Assert.Equal(96, p.Apply(image).Length);
    }

    [Fact]
    public void The_centre_crop_rounds_half_to_even_like_torchvision()
    {
        // A 5 × 1 image of values 0..4 cropped to 2 wide starts at round(1.5) = 2; to 4 wide at round(0.5) = 0.
        var image = new DecodedImage(5, 1, [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
        Assert.Equal([2f, 3f], new Preprocessing { CropWidth = 2, CropHeight = 1 }.Apply(image)[..2]);
        Assert.Equal([0f, 1f, 2f, 3f], new Preprocessing { CropWidth = 4, CropHeight = 1 }.Apply(image)[..4]);
        // 6 wide cropped to 3 starts at round(1.5) = 2.
        var six = new DecodedImage(6, 1, [.. Enumerable.Range(0, 6).SelectMany(v => new[] { (byte)v, (byte)v, (byte)v })]);
        Assert.Equal([2f, 3f, 4f], new Preprocessing { CropWidth = 3, CropHeight = 1 }.Apply(six)[..3]);
    }

    [Fact]
    public void A_crop_larger_than_the_image_pads_with_black()
    {
        var image = DecodedImage.Filled(2, 1, 9, 9, 9);
        var p = new Preprocessing { CropWidth = 5, CropHeight = 3 };
        // Padding left (5 − 2) / 2 = 1, top (3 − 1) / 2 = 1: the image sits at columns 1–2 of row 1.
        var red = p.Apply(image)[..15];
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f, 9f, 9f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], red);
        var seen = p.ResizeAndCrop(image);
        Assert.Equal((5, 3), (seen.Width, seen.Height));
        Assert.Equal((byte)9, seen.GetPixel(1, 1).Red);
        Assert.Equal((byte)0, seen.GetPixel(3, 1).Red);
    }

    [Fact]
    public void Nothing_changes_an_image_that_needs_no_geometry()
    {
        var image = DecodedImage.Filled(3, 3, 1, 1, 1);
        Assert.Same(image, new Preprocessing().ResizeAndCrop(image));
        Assert.Same(image, new Preprocessing { ResizeShortestSide = 3, CropWidth = 3, CropHeight = 3 }.ResizeAndCrop(image));
    }

    [Fact]
    public void Bilinear_and_bicubic_differ_on_a_pattern()
    {
        using var pattern = TestImages.Pattern(40, 30);
        var rgb = new byte[40 * 30 * 3];
        pattern.CopyPixelDataTo(rgb);
        var image = new DecodedImage(40, 30, rgb);
        var cubic = new Preprocessing { ResizeShortestSide = 17 }.ResizeAndCrop(image);
        var linear = new Preprocessing { ResizeShortestSide = 17, Resampler = ResizeResampler.Bilinear }.ResizeAndCrop(image);
        Assert.Equal((22, 17), (cubic.Width, cubic.Height));
        Assert.False(cubic.ContentEquals(linear));
    }
}
