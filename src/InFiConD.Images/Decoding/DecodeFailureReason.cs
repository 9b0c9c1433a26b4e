namespace InFiConD.Embedding;

/// <summary>Why an image could not be decoded. Reports group failures by this category.</summary>
public enum DecodeFailureReason
{
    /// <summary>The file or buffer holds zero bytes.</summary>
    Empty,

    /// <summary>The data ends before the image does (a partial download or copy).</summary>
    Truncated,

    /// <summary>The content is not an image format the decoder recognises (whatever the file extension says).</summary>
    UnknownFormat,

    /// <summary>The content is a recognised format that <see cref="DecodeOptions.AllowedFormats"/> excludes.</summary>
    FormatNotAllowed,

    /// <summary>The header declares dimensions, pixels or a file size over the configured limits; nothing was decoded.</summary>
    TooLarge,

    /// <summary>The content is damaged or uses a feature the decoder does not support.</summary>
    Corrupt,

    /// <summary>The file does not exist, or the item carries no content at all.</summary>
    Missing,

    /// <summary>The file exists but could not be read (permissions, I/O error).</summary>
    Unreadable,
}
