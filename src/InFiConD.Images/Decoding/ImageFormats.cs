namespace InFiConD.Embedding;

/// <summary>
/// Encoded image formats the decoder recognises, as flags so that a set of allowed formats is one value
/// (<see cref="DecodeOptions.AllowedFormats"/>). The format of an image is always detected from its
/// content, never from its file extension.
/// </summary>
[Flags]
public enum ImageFormats
{
    /// <summary>No format.</summary>
    None = 0,

    /// <summary>Portable Network Graphics.</summary>
    Png = 1 << 0,

    /// <summary>JPEG (baseline and progressive; greyscale, YCbCr, CMYK and YCCK).</summary>
    Jpeg = 1 << 1,

    /// <summary>Windows bitmap.</summary>
    Bmp = 1 << 2,

    /// <summary>GIF; only the first frame of an animation is decoded.</summary>
    Gif = 1 << 3,

    /// <summary>WebP (lossy and lossless); an animation decodes to its first frame.</summary>
    Webp = 1 << 4,

    /// <summary>TIFF; only the first page is decoded.</summary>
    Tiff = 1 << 5,

    /// <summary>Truevision TGA. Off by default: it has no signature, so arbitrary bytes can look like it.</summary>
    Tga = 1 << 6,

    /// <summary>Netpbm (PBM, PGM, PPM). Off by default.</summary>
    Pbm = 1 << 7,

    /// <summary>The formats allowed by default: PNG, JPEG, BMP, GIF, WebP and TIFF.</summary>
    Default = Png | Jpeg | Bmp | Gif | Webp | Tiff,

    /// <summary>Every format the decoder knows.</summary>
    All = Default | Tga | Pbm,
}
