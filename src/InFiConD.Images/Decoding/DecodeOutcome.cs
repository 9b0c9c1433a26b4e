using System.Diagnostics.CodeAnalysis;

namespace InFiConD.Embedding;

/// <summary>
/// The result of <see cref="ImageDecoder.TryDecode(ImageItem)"/>: either the decoded image or the
/// failure, never both. Lets a run report a bad image and go on to the next one.
/// </summary>
public sealed record DecodeOutcome
{
    private DecodeOutcome(DecodedImage? image, DecodeFailure? failure, ImageFormats format)
    {
        Image = image;
        Failure = failure;
        Format = format;
    }

    /// <summary>The decoded image, or <see langword="null"/> when decoding failed.</summary>
    public DecodedImage? Image { get; }

    /// <summary>The failure, or <see langword="null"/> when decoding succeeded.</summary>
    public DecodeFailure? Failure { get; }

    /// <summary>
    /// The format detected from the content (<see cref="ImageFormats.None"/> when unknown, or for an
    /// item that was already decoded).
    /// </summary>
    public ImageFormats Format { get; }

    /// <summary>Whether <see cref="Image"/> holds the decoded image.</summary>
    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Image is not null;

    /// <summary>A successful outcome.</summary>
    /// <param name="image">The decoded image.</param>
    /// <param name="format">The detected format.</param>
    /// <returns>The outcome.</returns>
    public static DecodeOutcome Success(DecodedImage image, ImageFormats format)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new DecodeOutcome(image, null, format);
    }

    /// <summary>A failed outcome.</summary>
    /// <param name="failure">What failed.</param>
    /// <param name="format">The detected format, when known.</param>
    /// <returns>The outcome.</returns>
    public static DecodeOutcome Fail(DecodeFailure failure, ImageFormats format = ImageFormats.None)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new DecodeOutcome(null, failure, format);
    }
}
