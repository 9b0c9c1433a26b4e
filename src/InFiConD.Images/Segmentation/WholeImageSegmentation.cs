using System.Text.Json.Serialization;

namespace InFiConD.Embedding;

/// <summary>One segment covering the whole image. Use <see cref="Segmentation.Whole"/>.</summary>
public sealed record WholeImageSegmentation : Segmentation
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Key => "whole";

    /// <inheritdoc />
    [JsonIgnore]
    public override int SegmentCount => 1;

    /// <inheritdoc />
    public override IReadOnlyList<SegmentBox> Boxes(int width, int height) => [SegmentBox.Whole(width, height)];
}
