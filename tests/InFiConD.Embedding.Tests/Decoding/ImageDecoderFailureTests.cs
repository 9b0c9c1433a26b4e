using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Embedding.Tests;

public sealed class ImageDecoderFailureTests
{
    private static DecodeFailure Failure(byte[] bytes, DecodeOptions? options = null)
    {
        var outcome = new ImageDecoder(options).TryDecode(ImageItem.FromEncoded("img", bytes));
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Image);
        Assert.Equal("img", outcome.Failure.Id);
        return outcome.Failure;
    }

    [Fact]
    public void Zero_bytes_are_Empty() => Assert.Equal(DecodeFailureReason.Empty, Failure([]).Reason);

    [Fact]
    public void A_png_cut_in_half_is_Truncated()
    {
        var png = TestImages.Png(64, 64);
        Assert.Equal(DecodeFailureReason.Truncated, Failure(png[..(png.Length / 2)]).Reason);
    }

    [Fact]
    public void A_jpeg_cut_in_half_is_Truncated()
    {
        var jpeg = TestImages.Jpeg(64, 64);
        Assert.Equal(DecodeFailureReason.Truncated, Failure(jpeg[..(jpeg.Length / 2)]).Reason);
    }

    [Fact]
    public void A_jpeg_missing_only_its_end_marker_is_Truncated()
    {
        var jpeg = TestImages.Jpeg();
        Assert.Equal(DecodeFailureReason.Truncated, Failure(jpeg[..^2]).Reason);
    }

    [Fact]
    public void A_small_jpeg_cut_in_half_inside_its_tables_is_Truncated()
    {
        // 17 × 9: the quantisation and Huffman tables are most of the file, so the cut lands in a DHT segment and
        // ImageSharp's header reader throws ("not enough bytes ... C4 marker"), which used to be reported as Corrupt.
        var jpeg = TestImages.Jpeg(17, 9);

        var failure = Failure(jpeg[..(jpeg.Length / 2)]);

        Assert.Equal(DecodeFailureReason.Truncated, failure.Reason);
        Assert.Contains($"ends before its end marker ({jpeg.Length / 2} bytes read)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jpeg_cut_in_half_inside_its_exif_block_is_Truncated()
    {
        using var image = TestImages.Pattern(64, 48);
        image.Metadata.ExifProfile = new SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifProfile();
        image.Metadata.ExifProfile.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.ImageDescription, new string('x', 20_000));
        var jpeg = TestImages.Encode(image, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 90 });

        Assert.Equal(DecodeFailureReason.Truncated, Failure(jpeg[..(jpeg.Length / 2)]).Reason);
        Assert.True(new ImageDecoder().TryDecode(ImageItem.FromEncoded("whole", jpeg)).Succeeded);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public void Every_cut_of_a_small_file_before_its_end_marker_is_Truncated(string format)
    {
        // Every prefix from the first one whose format is recognised up to the end marker: header, tables, data.
        var bytes = format == "jpeg" ? TestImages.Jpeg(17, 9) : TestImages.Png(17, 9);
        var end = format == "jpeg" ? bytes.Length - 2 : bytes.Length - 8; // EOI; IEND's type
        var decoder = new ImageDecoder();
        for (var cut = 4; cut < end; cut++)
        {
            var outcome = decoder.TryDecode(ImageItem.FromEncoded("img", bytes[..cut]));
            if (outcome.Failure?.Reason == DecodeFailureReason.UnknownFormat && cut < 12)
            {
                continue; // too short for the format to be recognised
            }
            Assert.True(outcome.Failure?.Reason == DecodeFailureReason.Truncated, $"{format} cut at {cut} of {bytes.Length}: {outcome.Failure?.ToString() ?? "decoded"}");
        }
    }

    [Fact]
    public void A_png_whose_chunk_length_is_damaged_is_Corrupt_not_Truncated()
    {
        var png = TestImages.Png(32, 32);
        // The IDAT chunk's length field is 16 short: the walk lands inside the compressed data, where no chunk type is.
        var idat = png.AsSpan().IndexOf("IDAT"u8);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(idat - 4));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(idat - 4), length - 16);

        Assert.Equal(DecodeFailureReason.Corrupt, Failure(png).Reason);
    }

    [Fact]
    public void Text_is_UnknownFormat() =>
        Assert.Equal(DecodeFailureReason.UnknownFormat, Failure("this is not an image, just some text\n"u8.ToArray()).Reason);

    [Fact]
    public void A_png_with_a_damaged_chunk_is_Corrupt()
    {
        var png = TestImages.Png(32, 32);
        // Flip bytes inside the IDAT data: the chunk's CRC no longer matches.
        var idat = png.AsSpan().IndexOf("IDAT"u8);
        for (var i = idat + 6; i < idat + 16; i++)
        {
            png[i] ^= 0x5A;
        }
        Assert.Equal(DecodeFailureReason.Corrupt, Failure(png).Reason);
    }

    [Fact]
    public void A_header_claiming_100k_by_100k_is_TooLarge_without_allocating_its_pixels()
    {
        var bytes = HandMadeFiles.PngHeader(100_000, 100_000);
        var decoder = new ImageDecoder();
        decoder.TryDecode(ImageItem.FromEncoded("warm-up", HandMadeFiles.PngHeader(100_000, 100_000)));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = decoder.TryDecode(ImageItem.FromEncoded("huge", bytes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(DecodeFailureReason.TooLarge, outcome.Failure!.Reason);
        Assert.Equal(ImageFormats.Png, outcome.Format);
        Assert.Contains("100000 × 100000", outcome.Failure.Message);
        Assert.True(allocated < 10_000_000, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData(20_000u, 10u)]
    [InlineData(10u, 20_000u)]
    public void One_side_over_its_limit_is_TooLarge(uint width, uint height) =>
        Assert.Equal(DecodeFailureReason.TooLarge, Failure(HandMadeFiles.PngHeader(width, height)).Reason);

    [Fact]
    public void The_pixel_limit_is_configurable()
    {
        var options = new DecodeOptions { MaxPixels = 100 };
        Assert.Equal(DecodeFailureReason.TooLarge, Failure(TestImages.Png(11, 10), options).Reason);
        Assert.True(new ImageDecoder(options).TryDecode(ImageItem.FromEncoded("ok", TestImages.Png(10, 10))).Succeeded);
    }

    [Fact]
    public void Encoded_bytes_over_the_limit_are_TooLarge() =>
        Assert.Equal(DecodeFailureReason.TooLarge, Failure(TestImages.Png(), new DecodeOptions { MaxEncodedBytes = 10 }).Reason);

    [Fact]
    public void A_recognised_format_outside_the_allowed_set_is_FormatNotAllowed()
    {
        var failure = Failure(TestImages.Jpeg(), new DecodeOptions { AllowedFormats = ImageFormats.Png });
        Assert.Equal(DecodeFailureReason.FormatNotAllowed, failure.Reason);
        Assert.Contains("Jpeg", failure.Message);
    }

    [Fact]
    public void Netpbm_is_not_allowed_by_default_but_can_be()
    {
        var ppm = TestImages.Solid(4, 4, new Rgb24(1, 2, 3), new PbmEncoder { ColorType = PbmColorType.Rgb });
        Assert.Equal(DecodeFailureReason.FormatNotAllowed, Failure(ppm).Reason);
        var decoded = new ImageDecoder(new DecodeOptions { AllowedFormats = ImageFormats.All }).Decode(ppm);
        Assert.Equal((1, 2, 3), ((int)decoded.GetPixel(0, 0).Red, (int)decoded.GetPixel(0, 0).Green, (int)decoded.GetPixel(0, 0).Blue));
    }

    [Fact]
    public void Tga_which_has_no_signature_is_unknown_unless_allowed()
    {
        var tga = TestImages.Solid(4, 4, new Rgb24(9, 8, 7), new TgaEncoder());
        Assert.Equal(DecodeFailureReason.UnknownFormat, Failure(tga).Reason);
        var decoded = new ImageDecoder(new DecodeOptions { AllowedFormats = ImageFormats.All }).Decode(tga);
        Assert.Equal((byte)9, decoded.GetPixel(3, 3).Red);
    }

    [Fact]
    public void A_missing_file_is_Missing_and_names_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "infcd-no-such-" + Guid.NewGuid().ToString("N") + ".png");
        var outcome = ImageDecoder.Default.TryDecode(ImageItem.FromFile("gone", path));
        Assert.Equal(DecodeFailureReason.Missing, outcome.Failure!.Reason);
        Assert.Equal(path, outcome.Failure.Path);
        Assert.Contains(path, outcome.Failure.ToString());
    }

    [Fact]
    public void An_item_without_content_is_Missing() =>
        Assert.Equal(DecodeFailureReason.Missing, ImageDecoder.Default.TryDecode(new ImageItem("nothing")).Failure!.Reason);

    [Fact]
    public void Decode_throws_an_ImageDecodeException_carrying_the_failure()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Default.Decode([], "blank"));
        Assert.Equal(DecodeFailureReason.Empty, ex.Reason);
        Assert.Equal("blank", ex.Failure.Id);
        Assert.IsAssignableFrom<InFiConD.Core.InFiConDException>(ex);
    }

    [Fact]
    public void Already_decoded_pixels_over_the_limits_are_TooLarge()
    {
        var item = ImageItem.FromDecoded("big", DecodedImage.Filled(20, 20, 0, 0, 0));
        var outcome = new ImageDecoder(new DecodeOptions { MaxWidth = 10 }).TryDecode(item);
        Assert.Equal(DecodeFailureReason.TooLarge, outcome.Failure!.Reason);
    }

    [Fact]
    public void A_stream_that_throws_is_Unreadable()
    {
        var item = new ImageItem("stream") { OpenStream = () => throw new IOException("device gone") };
        var outcome = ImageDecoder.Default.TryDecode(item);
        Assert.Equal(DecodeFailureReason.Unreadable, outcome.Failure!.Reason);
        Assert.Contains("device gone", outcome.Failure.Message);
    }
}
