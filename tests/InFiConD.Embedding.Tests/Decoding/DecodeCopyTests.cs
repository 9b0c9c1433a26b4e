using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace InFiConD.Embedding.Tests;

/// <summary>
/// The decoder's copies into RGB bytes: JPEGs are decoded straight to RGB and copied row by row, RGBA images take a
/// vectorised copy for fully opaque rows and per-pixel compositing over white for the others. Checked against
/// ImageSharp decoding to RGBA and a per-pixel copy written here.
/// </summary>
public sealed class DecodeCopyTests
{
    /// <summary>ImageSharp's RGBA decode (after EXIF orientation), composited over white per pixel, rounded.</summary>
    private static byte[] ViaRgba(byte[] encoded)
    {
        using var image = Image.Load<Rgba32>(encoded);
        image.Mutate(x => x.AutoOrient());
        var rgb = new byte[3 * image.Width * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var p = image[x, y];
                var i = 3 * ((y * image.Width) + x);
                rgb[i] = Over(p.R, p.A);
                rgb[i + 1] = Over(p.G, p.A);
                rgb[i + 2] = Over(p.B, p.A);
            }
        }
        return rgb;
    }

    private static byte Over(int c, int a) => (byte)(((c * a) + (255 * (255 - a)) + 127) / 255);

    public static TheoryData<string> Jpegs => new() { "colour", "grey", "cmyk", "exif-rotated" };

    private static byte[] Jpeg(string name)
    {
        switch (name)
        {
            case "cmyk":
                return CmykJpeg.Flat(255, 128, 0, 255);
            case "grey":
            {
                using var grey = new Image<L8>(29, 17);
                for (var y = 0; y < 17; y++)
                {
                    for (var x = 0; x < 29; x++)
                    {
                        grey[x, y] = new L8((byte)((x * 9) + (y * 5)));
                    }
                }
                return TestImages.Encode(grey, new JpegEncoder { Quality = 90 });
            }
            default:
            {
                using var image = TestImages.Pattern(37, 23);
                if (name == "exif-rotated")
                {
                    image.Metadata.ExifProfile = new ExifProfile();
                    image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
                }
                return TestImages.Encode(image, new JpegEncoder { Quality = 90 });
            }
        }
    }

    [Theory]
    [MemberData(nameof(Jpegs))]
    public void A_jpeg_decodes_to_the_same_bytes_as_through_rgba(string name)
    {
        var jpeg = Jpeg(name);
        var decoded = ImageDecoder.Default.Decode(jpeg);
        Assert.Equal(ViaRgba(jpeg), decoded.Rgb);
    }

    [Fact]
    public void Opaque_and_translucent_rows_of_an_rgba_png_are_copied_and_composited()
    {
        var random = new Random(3);
        using var image = new Image<Rgba32>(19, 5);
        for (var y = 0; y < 5; y++)
        {
            for (var x = 0; x < 19; x++)
            {
                // Rows 0, 2 and 4 are fully opaque (the fast copy); rows 1 and 3 have varied alpha, one pixel of row 3 only.
                var alpha = y switch { 1 => random.Next(256), 3 => x == 7 ? 254 : 255, _ => 255 };
                image[x, y] = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)alpha);
            }
        }
        var png = TestImages.Encode(image, new PngEncoder { ColorType = PngColorType.RgbWithAlpha });
        Assert.Equal(ViaRgba(png), ImageDecoder.Default.Decode(png).Rgb);
    }
}
