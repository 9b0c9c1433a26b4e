namespace InFiConD.Embedding.Tests;

public sealed class DecodeOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_limits()
    {
        var options = DecodeOptions.Default;
        Assert.Equal(100_000_000, options.MaxPixels);
        Assert.Equal(16_384, options.MaxWidth);
        Assert.Equal(16_384, options.MaxHeight);
        Assert.Equal(ImageFormats.Png | ImageFormats.Jpeg | ImageFormats.Bmp | ImageFormats.Gif | ImageFormats.Webp | ImageFormats.Tiff, options.AllowedFormats);
        Assert.True(options.ApplyExifOrientation);
    }

    [Fact]
    public void Invalid_options_are_refused_when_a_decoder_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDecoder(new DecodeOptions { MaxPixels = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDecoder(new DecodeOptions { MaxWidth = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDecoder(new DecodeOptions { MaxHeight = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDecoder(new DecodeOptions { MaxEncodedBytes = 0 }));
        Assert.Throws<ArgumentException>(() => new ImageDecoder(new DecodeOptions { AllowedFormats = ImageFormats.None }));
        Assert.Throws<ArgumentException>(() => new ImageDecoder(new DecodeOptions { AllowedFormats = (ImageFormats)(1 << 20) }));
    }

    [Fact]
    public void Decoded_images_check_their_buffer()
    {
        Assert.Throws<InFiConD.Core.ShapeMismatchException>(() => new DecodedImage(2, 2, new byte[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecodedImage(0, 2, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecodedImage.Filled(2, 2, 0, 0, 0).GetPixel(2, 0));
    }
}
