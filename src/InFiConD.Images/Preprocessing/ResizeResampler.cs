namespace InFiConD.Embedding;

/// <summary>The interpolation used when resizing (ImageSharp's resamplers, antialiased when shrinking).</summary>
public enum ResizeResampler
{
    /// <summary>Bicubic (Catmull-Rom family, a = −0.5), as PIL and torchvision use for CLIP.</summary>
    Bicubic,

    /// <summary>Bilinear (ImageSharp's triangle filter).</summary>
    Bilinear,
}
