using InFiConD.Embedding;

namespace InFiConD.Studio;

/// <summary>
/// The encoder every session the Studio builds uses: ResNet-18 on the whole image and a 2 × 2 grid, all five pooled
/// from one forward pass. Segment 0 of each image is the whole image, in the image's own pixels, so the page scales a
/// concept's box by it.
/// </summary>
internal static class StudioEncoder
{
    /// <summary>How the session's metadata describes the encoder.</summary>
    public const string Description = "ResNet-18 (ImageNet, ML.NET package) on the whole image and a 2 × 2 grid, pooled from its last convolutional map";

    /// <summary>The segment encoder over <paramref name="map"/>.</summary>
    public static RegionPooledSegmentEncoder Create(ResNet18FeatureMap map) => RegionPooledSegmentEncoder.Create(map, Segmentation.Grid(2), includeWhole: true);
}
