using InFiConD.Embedding;

namespace InFiConD.Studio;

/// <summary>
/// The encoder every session the Studio builds uses: ResNet-18 on the whole image and a 2 × 2 grid. Segment 0 of each
/// image is the whole image, in the image's own pixels, so the page scales a concept's box by it.
/// </summary>
internal static class StudioEncoder
{
    /// <summary>How the session's metadata describes the encoder.</summary>
    public const string Description = "ResNet-18 (ImageNet, ML.NET package) on the whole image and a 2 × 2 grid";

    /// <summary>The segment encoder over <paramref name="backbone"/>.</summary>
    public static CroppedSegmentEncoder Create(ResNet18Backbone backbone) =>
        CroppedSegmentEncoder.Create(backbone, Segmentation.Grid(2), CroppedSegmentOptions.Default with { IncludeWhole = true });
}
