using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Embedding.Tests;

public sealed class ImageDecoderPixelTests
{
    private static DecodedImage Decode(byte[] bytes, out ImageFormats format)
    {
        var outcome = ImageDecoder.Default.TryDecode(ImageItem.FromEncoded("img", bytes));
        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        format = outcome.Format;
        return outcome.Image;
    }

    private static DecodedImage Decode(byte[] bytes) => Decode(bytes, out _);

    private static void AssertPixel(DecodedImage image, int x, int y, int r, int g, int b, int tolerance = 0)
    {
        var (pr, pg, pb) = image.GetPixel(x, y);
        Assert.True(Math.Abs(pr - r) <= tolerance && Math.Abs(pg - g) <= tolerance && Math.Abs(pb - b) <= tolerance,
            $"pixel ({x}, {y}) is ({pr}, {pg}, {pb}), expected ({r}, {g}, {b}) ± {tolerance}");
    }

    [Fact]
    public void An_rgb_png_decodes_exactly()
    {
        var image = Decode(TestImages.Png(16, 12), out var format);
        Assert.Equal(ImageFormats.Png, format);
        Assert.Equal((16, 12), (image.Width, image.Height));
        for (var y = 0; y < 12; y++)
        {
            for (var x = 0; x < 16; x++)
            {
                var p = TestImages.PatternPixel(x, y);
                AssertPixel(image, x, y, p.R, p.G, p.B);
            }
        }
    }

    public static TheoryData<string, ImageFormats> Encoders => new()
    {
        { "bmp", ImageFormats.Bmp }, { "gif", ImageFormats.Gif }, { "jpeg", ImageFormats.Jpeg },
        { "png", ImageFormats.Png }, { "tiff", ImageFormats.Tiff }, { "webp", ImageFormats.Webp },
    };

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Every_default_format_decodes_a_flat_colour(string name, ImageFormats expected)
    {
        SixLabors.ImageSharp.Formats.IImageEncoder encoder = name switch
        {
            "bmp" => new BmpEncoder(),
            "gif" => new GifEncoder(),
            "jpeg" => new JpegEncoder { Quality = 100 },
            "png" => new PngEncoder(),
            "tiff" => new TiffEncoder(),
            _ => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
        };
        var image = Decode(TestImages.Solid(8, 8, new Rgb24(200, 40, 0), encoder), out var format);
        Assert.Equal(expected, format);
        AssertPixel(image, 4, 4, 200, 40, 0, tolerance: name == "jpeg" ? 3 : 0);
    }

    [Fact]
    public void Greyscale_becomes_equal_channels()
    {
        var png = TestImages.Solid(5, 3, new L8(77), new PngEncoder { ColorType = PngColorType.Grayscale });
        AssertPixel(Decode(png), 2, 1, 77, 77, 77);
    }

    [Fact]
    public void Sixteen_bit_png_is_scaled_to_eight_bits()
    {
        var png = TestImages.Solid(4, 4, new Rgb48(65535, 32896, 0), new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Rgb });
        Assert.Equal(16, SixLabors.ImageSharp.Image.Identify(png).PixelType.BitsPerPixel / 3);
        AssertPixel(Decode(png), 0, 0, 255, 128, 0);
    }

    [Fact]
    public void Rgba_is_composited_over_white()
    {
        using var image = new Image<Rgba32>(3, 1);
        image[0, 0] = new Rgba32(255, 0, 0, 255);   // opaque red stays red
        image[1, 0] = new Rgba32(255, 0, 0, 0);     // fully transparent becomes white
        image[2, 0] = new Rgba32(0, 0, 255, 128);   // half blue over white
        var decoded = Decode(TestImages.Encode(image, new PngEncoder { ColorType = PngColorType.RgbWithAlpha }));
        AssertPixel(decoded, 0, 0, 255, 0, 0);
        AssertPixel(decoded, 1, 0, 255, 255, 255);
        // (0·128 + 255·127) / 255 = 127; (255·128 + 255·127) / 255 = 255
        AssertPixel(decoded, 2, 0, 127, 127, 255);
    }

    [Fact]
    public void Grey_with_alpha_is_composited_over_white()
    {
        var png = TestImages.Solid(2, 2, new La16(0, 51), new PngEncoder { ColorType = PngColorType.GrayscaleWithAlpha });
        // (0·51 + 255·204) / 255 = 204
        AssertPixel(Decode(png), 1, 1, 204, 204, 204);
    }

    [Fact]
    public void Palette_png_decodes()
    {
        var png = TestImages.Solid(6, 6, new Rgb24(10, 200, 30), new PngEncoder { ColorType = PngColorType.Palette });
        AssertPixel(Decode(png), 5, 5, 10, 200, 30);
    }

    [Fact]
    public void An_animated_gif_gives_its_first_frame()
    {
        using var gif = new Image<Rgba32>(4, 4, new Rgba32(255, 0, 0, 255));
        using var second = new Image<Rgba32>(4, 4, new Rgba32(0, 0, 255, 255));
        gif.Frames.AddFrame(second.Frames.RootFrame);
        var bytes = TestImages.Encode(gif, new GifEncoder());
        Assert.Equal(2, SixLabors.ImageSharp.Image.Load(bytes).Frames.Count);
        AssertPixel(Decode(bytes), 2, 2, 255, 0, 0);
    }

    [Fact]
    public void A_cmyk_jpeg_decodes_to_rgb()
    {
        // Adobe-inverted CMYK (255, 128, 0, 255): no cyan, half magenta... as ImageSharp reads it, R = C·K/255 etc.
        var image = Decode(CmykJpeg.Flat(255, 128, 0, 255), out var format);
        Assert.Equal(ImageFormats.Jpeg, format);
        Assert.Equal((8, 8), (image.Width, image.Height));
        AssertPixel(image, 3, 3, 255, 128, 0, tolerance: 2);
    }

    [Fact]
    public void Exif_orientation_6_rotates_clockwise_and_swaps_the_sides()
    {
        using var image = new Image<Rgb24>(40, 20, new Rgb24(0, 0, 255));
        for (var y = 0; y < 20; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                image[x, y] = new Rgb24(255, 0, 0); // red left edge
            }
        }
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
        var jpeg = TestImages.Encode(image, new JpegEncoder { Quality = 95 });

        var upright = Decode(jpeg);
        Assert.Equal((20, 40), (upright.Width, upright.Height));
        AssertPixel(upright, 10, 1, 255, 0, 0, tolerance: 40); // the left edge is now the top
        AssertPixel(upright, 10, 38, 0, 0, 255, tolerance: 40);

        var stored = new ImageDecoder(new DecodeOptions { ApplyExifOrientation = false }).Decode(jpeg);
        Assert.Equal((40, 20), (stored.Width, stored.Height));
    }

    [Fact]
    public void The_format_comes_from_the_content_not_the_extension()
    {
        using var folder = new TempFolder();
        var path = folder.Write("really-a-png.jpg", TestImages.Png(7, 5));
        var outcome = ImageDecoder.Default.TryDecode(ImageItem.FromFile("x", path));
        Assert.True(outcome.Succeeded);
        Assert.Equal(ImageFormats.Png, outcome.Format);
        Assert.Equal(7, outcome.Image.Width);

        var text = folder.WriteText("not-an-image.png", "hello, I am text pretending to be a PNG file\n");
        Assert.Equal(DecodeFailureReason.UnknownFormat, ImageDecoder.Default.TryDecode(ImageItem.FromFile("t", text)).Failure!.Reason);
    }

    [Fact]
    public void Streams_and_decoded_items_are_accepted()
    {
        var png = TestImages.Png(3, 2);
        var fromStream = ImageDecoder.Default.Decode(new ImageItem("s") { OpenStream = () => new MemoryStream(png) });
        Assert.Equal(3, fromStream.Width);
        var pixels = DecodedImage.Filled(2, 2, 1, 2, 3);
        Assert.Same(pixels, ImageDecoder.Default.Decode(ImageItem.FromDecoded("d", pixels)));
    }
}
