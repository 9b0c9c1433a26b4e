using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// An image could not be decoded. <see cref="Failure"/> names the image, the category and the reason;
/// use <see cref="ImageDecoder.TryDecode(ImageItem)"/> to report and continue instead of throwing.
/// </summary>
public sealed class ImageDecodeException : InFiConDException
{
    /// <summary>Creates the error from a failure record.</summary>
    /// <param name="failure">The failure.</param>
    /// <param name="innerException">The decoder's own error, if any.</param>
    public ImageDecodeException(DecodeFailure failure, Exception? innerException = null)
        : base((failure ?? throw new ArgumentNullException(nameof(failure))).ToString(), innerException)
    {
        Failure = failure;
    }

    /// <summary>The image, the category and the message.</summary>
    public DecodeFailure Failure { get; }

    /// <summary>The failure category.</summary>
    public DecodeFailureReason Reason => Failure.Reason;
}
