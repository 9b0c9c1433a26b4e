namespace InFiConD.Embedding;

/// <summary>Centre-crop geometry, matching torchvision's <c>CenterCrop</c> so tensors agree with Python pipelines.</summary>
internal static class CenterCrop
{
    /// <summary>
    /// The source coordinate of the crop's first column (or row). When the crop fits, it is
    /// <c>round((size − crop) / 2)</c> with Python's round-half-to-even; when the crop is larger, the image
    /// is padded with black, <c>(crop − size) / 2</c> (floor) on the leading side, so the offset is negative.
    /// </summary>
    public static int Start(int size, int crop) =>
        size >= crop ? (int)Math.Round((size - crop) / 2.0, MidpointRounding.ToEven) : -((crop - size) / 2);
}
