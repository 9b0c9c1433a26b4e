using InFiConD.Core;
using InFiConD.Embedding;

namespace InFiConD;

/// <summary>What a segment encoder knows of whole images: which encoder gives their features, and whether its first segment per image is that.</summary>
internal static class WholeImageFeatures
{
    /// <summary>The encoder whose output is a whole image's segment under <paramref name="encoder"/>, whatever its segmentation; otherwise the encoder itself.</summary>
    public static IImageEncoder EncoderOf(IDenseImageEncoder encoder) => encoder switch
    {
        CroppedSegmentEncoder cropped => cropped.Encoder,
        RegionPooledSegmentEncoder pooled => pooled.Map,
        _ => encoder,
    };

    /// <summary>Whether each image's first segment under <paramref name="encoder"/> is <paramref name="features"/>' embedding of the whole image.</summary>
    public static bool AreFirstSegments(IDenseImageEncoder encoder, IImageEncoder features) => encoder switch
    {
        CroppedSegmentEncoder cropped => (cropped.Options.IncludeWhole || cropped.Segmentation is WholeImageSegmentation) && cropped.Encoder.ModelId == features.ModelId,
        RegionPooledSegmentEncoder pooled => (pooled.IncludeWhole || pooled.Segmentation is WholeImageSegmentation) && pooled.Map.ModelId == features.ModelId,
        _ => false,
    };

    /// <summary>Each image's first segment, one row per image.</summary>
    public static FloatMatrix FirstSegments(SegmentEmbeddings segments)
    {
        var rows = new FloatMatrix(segments.ImageIds.Count, segments.Segments.Columns);
        for (var i = 0; i < rows.Rows; i++)
        {
            segments.Segments.Row(segments.Offsets[i]).CopyTo(rows.Row(i));
        }
        return rows;
    }
}
