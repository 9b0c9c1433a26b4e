using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace InFiConD.Embedding;

/// <summary>
/// Decodes images of any supported format and pixel type into RGB <see cref="DecodedImage"/>s, safely:
/// the format is detected from the content (never the extension) and checked against
/// <see cref="DecodeOptions.AllowedFormats"/>; the header is read first and an image over the size limits
/// is refused before its pixels are allocated; PNG and JPEG files that stop early are reported as
/// <see cref="DecodeFailureReason.Truncated"/> wherever the cut falls (in the pixel data, where ImageSharp would fill the
/// gap silently, or in the header, where it throws); EXIF
/// orientation is applied; grey, grey + alpha, palette, 16-bit, RGBA and CMYK/YCCK JPEG all become RGB,
/// with transparency composited over white; animated GIF, WebP and multi-page TIFF give their first frame.
/// Thread-safe: one decoder can serve parallel workers.
/// </summary>
public sealed class ImageDecoder
{
    private readonly Configuration _configuration;

    /// <summary>Creates a decoder.</summary>
    /// <param name="options">Limits and choices; <see langword="null"/> for <see cref="DecodeOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The options break one of their rules (see <see cref="DecodeOptions.Validate"/>).</exception>
    public ImageDecoder(DecodeOptions? options = null)
    {
        Options = (options ?? DecodeOptions.Default).Validate();
        _configuration = ImageSharpFormats.CreateConfiguration(Options);
    }

    /// <summary>A decoder with the default options.</summary>
    public static ImageDecoder Default { get; } = new();

    /// <summary>The options in force.</summary>
    public DecodeOptions Options { get; }

    /// <summary>Decodes an item, throwing when it cannot be decoded.</summary>
    /// <param name="item">The image.</param>
    /// <returns>The RGB pixels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is <see langword="null"/>.</exception>
    /// <exception cref="ImageDecodeException">The image is missing, empty, truncated, of an unknown or disallowed
    /// format, over the limits or corrupt; <see cref="ImageDecodeException.Failure"/> says which.</exception>
    public DecodedImage Decode(ImageItem item)
    {
        var outcome = TryDecode(item);
        return outcome.Succeeded ? outcome.Image : throw new ImageDecodeException(outcome.Failure);
    }

    /// <summary>Decodes encoded bytes held in memory, throwing when they cannot be decoded.</summary>
    /// <param name="encoded">The encoded image.</param>
    /// <param name="id">The id to name in a failure.</param>
    /// <returns>The RGB pixels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="encoded"/> is <see langword="null"/>.</exception>
    /// <exception cref="ImageDecodeException">The bytes cannot be decoded; see <see cref="ImageDecodeException.Failure"/>.</exception>
    public DecodedImage Decode(byte[] encoded, string id = "image") => Decode(ImageItem.FromEncoded(id, encoded));

    /// <summary>Decodes an item, reporting a failure instead of throwing so that a run can continue.</summary>
    /// <param name="item">The image.</param>
    /// <returns>The image or the failure (id, path, category, message).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is <see langword="null"/>.</exception>
    public DecodeOutcome TryDecode(ImageItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Decoded is { } decoded)
        {
            return CheckDimensions(item, decoded.Width, decoded.Height) is { } tooLarge
                ? DecodeOutcome.Fail(tooLarge)
                : DecodeOutcome.Success(decoded, ImageFormats.None);
        }
        var read = EncodedContent.Read(item, Options.MaxEncodedBytes);
        return read.Failure is { } failure ? DecodeOutcome.Fail(failure) : DecodeBytes(item, read.Bytes!);
    }

    private DecodeOutcome DecodeBytes(ImageItem item, byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return Fail(item, DecodeFailureReason.Empty, "the image holds zero bytes.");
        }
        var format = Image.DetectFormat(_configuration, bytes);
        var flag = format is null ? ImageFormats.None : ImageSharpFormats.ToFlag(format);
        // TGA has no signature, so its detector guesses from a few header bytes; unless TGA is allowed,
        // treat such a guess as "unknown" rather than as a recognised format.
        if (flag == ImageFormats.None || (flag == ImageFormats.Tga && (Options.AllowedFormats & ImageFormats.Tga) == 0))
        {
            return Fail(item, DecodeFailureReason.UnknownFormat, "the content is not a recognised image format (the file extension is not consulted).");
        }
        if ((Options.AllowedFormats & flag) == 0)
        {
            return Fail(item, DecodeFailureReason.FormatNotAllowed, $"the content is {flag}, which is not among the allowed formats ({Options.AllowedFormats}).", flag);
        }
        var decoder = _configuration.ImageFormatsManager.FindDecoder(format!);
        // Walked before the header is read: a file cut inside its header segments (a JPEG's tables or EXIF block, a PNG's
        // IHDR) makes the header reader throw, and that error must still be reported as the truncation it is.
        var structure = flag switch
        {
            ImageFormats.Png => EncodedStructure.CheckPng(bytes),
            ImageFormats.Jpeg => EncodedStructure.CheckJpeg(bytes),
            _ => StructureVerdict.Unclear,
        };
        var truncated = $"the {flag} data ends before its end marker ({bytes.Length} bytes read)";
        try
        {
            using (var header = new MemoryStream(bytes, writable: false))
            {
                var info = ((IImageInfoDetector)decoder).Identify(_configuration, header, CancellationToken.None);
                if (info is null || info.Width < 1 || info.Height < 1)
                {
                    return structure == StructureVerdict.Truncated
                        ? Fail(item, DecodeFailureReason.Truncated, $"{truncated}, inside its header.", flag)
                        : Fail(item, DecodeFailureReason.Corrupt, "the header declares no usable dimensions.", flag);
                }
                if (CheckDimensions(item, info.Width, info.Height) is { } tooLarge)
                {
                    return DecodeOutcome.Fail(tooLarge, flag);
                }
            }
            if (structure == StructureVerdict.Truncated)
            {
                return Fail(item, DecodeFailureReason.Truncated, $"{truncated}.", flag);
            }
            using var stream = new MemoryStream(bytes, writable: false);
            if (flag == ImageFormats.Jpeg)
            {
                // JPEG has no alpha (CMYK/YCCK are converted by the decoder): decode straight to RGB, one row copy.
                using var rgb = decoder.Decode<Rgb24>(_configuration, stream, CancellationToken.None);
                Orient(rgb);
                return DecodeOutcome.Success(RgbConversion.FromRgb(rgb), flag);
            }
            using var image = decoder.Decode<Rgba32>(_configuration, stream, CancellationToken.None);
            Orient(image);
            return DecodeOutcome.Success(RgbConversion.FromRgba(image), flag);
        }
        catch (Exception ex)
        {
            // Report every decoder error, whatever its type: one hostile file must not end a run.
            var reason = Classify(ex);
            if (reason == DecodeFailureReason.Corrupt && structure == StructureVerdict.Truncated)
            {
                return Fail(item, DecodeFailureReason.Truncated, $"{truncated}; the decoder stopped with: {ex.Message}", flag);
            }
            return DecodeOutcome.Fail(new DecodeFailure(item.Id, item.Path, reason, $"{flag}: {ex.Message}"), flag);
        }
    }

    private void Orient(Image image)
    {
        if (Options.ApplyExifOrientation)
        {
            image.Mutate(x => x.AutoOrient());
        }
    }

    /// <summary>Maps a decoder error to a failure category.</summary>
    private static DecodeFailureReason Classify(Exception ex) => ex switch
    {
        InvalidMemoryOperationException or OutOfMemoryException => DecodeFailureReason.TooLarge,
        EndOfStreamException => DecodeFailureReason.Truncated,
        UnknownImageFormatException => DecodeFailureReason.UnknownFormat,
        _ => DecodeFailureReason.Corrupt,
    };

    private DecodeFailure? CheckDimensions(ImageItem item, int width, int height)
    {
        var pixels = (long)width * height;
        if (width > Options.MaxWidth || height > Options.MaxHeight || pixels > Options.MaxPixels)
        {
            return new DecodeFailure(item.Id, item.Path, DecodeFailureReason.TooLarge,
                $"the image is {width} × {height} ({pixels} pixels); the limits are {Options.MaxWidth} × {Options.MaxHeight} and {Options.MaxPixels} pixels.");
        }
        return null;
    }

    private static DecodeOutcome Fail(ImageItem item, DecodeFailureReason reason, string message, ImageFormats format = ImageFormats.None) =>
        DecodeOutcome.Fail(new DecodeFailure(item.Id, item.Path, reason, message), format);
}
