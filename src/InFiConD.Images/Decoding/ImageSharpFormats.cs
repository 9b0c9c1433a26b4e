using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;

namespace InFiConD.Embedding;

/// <summary>Builds the ImageSharp configuration the decoder uses and maps its formats to <see cref="ImageFormats"/>.</summary>
internal static class ImageSharpFormats
{
    /// <summary>
    /// A configuration knowing every format (so that a disallowed one is named, not "unknown"), decoding
    /// only the first frame of GIF and TIFF, and refusing any single allocation far beyond the pixel limit
    /// as a second line of defence behind the header check.
    /// </summary>
    public static Configuration CreateConfiguration(DecodeOptions options)
    {
        var configuration = new Configuration(
            new PngConfigurationModule(), new JpegConfigurationModule(), new GifConfigurationModule(),
            new BmpConfigurationModule(), new PbmConfigurationModule(), new TgaConfigurationModule(),
            new TiffConfigurationModule(), new WebpConfigurationModule());
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        configuration.ImageFormatsManager.SetDecoder(TiffFormat.Instance, new TiffDecoder { DecodingMode = FrameDecodingMode.First });
        // 16 bytes per pixel covers the widest pixel type a decoder works in (RGBA, 32-bit float); the
        // margin leaves room for decoder scratch buffers on small images.
        var limitMegabytes = Math.Min(int.MaxValue, (options.MaxPixels * 16 / (1024 * 1024)) + 256);
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = (int)limitMegabytes });
        return configuration;
    }

    /// <summary>The flag for an ImageSharp format, or <see cref="ImageFormats.None"/>.</summary>
    public static ImageFormats ToFlag(IImageFormat format) => format switch
    {
        PngFormat => ImageFormats.Png,
        JpegFormat => ImageFormats.Jpeg,
        BmpFormat => ImageFormats.Bmp,
        GifFormat => ImageFormats.Gif,
        WebpFormat => ImageFormats.Webp,
        TiffFormat => ImageFormats.Tiff,
        TgaFormat => ImageFormats.Tga,
        PbmFormat => ImageFormats.Pbm,
        _ => ImageFormats.None,
    };
}
