using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>For one image size: the segments' boxes and, per segment, the coverage weight of each map cell.</summary>
internal sealed class RegionPoolingPlan
{
    private readonly float[][] _weights;

    private RegionPoolingPlan(IReadOnlyList<SegmentBox> boxes, float[][] weights)
    {
        Boxes = boxes;
        _weights = weights;
    }

    /// <summary>The segments' boxes in source pixels, in row order.</summary>
    public IReadOnlyList<SegmentBox> Boxes { get; }

    /// <exception cref="ShapeMismatchException">A mask does not have the image's size (names the image).</exception>
    public static RegionPoolingPlan Create(Segmentation segmentation, bool includeWhole, Preprocessing preprocessing, int width, int height, string imageId)
    {
        var cellBoxes = PatchGrid.Boxes(preprocessing, width, height, ResNet18FeatureMap.CellCount);
        var whole = SegmentBox.Whole(width, height);
        IReadOnlyList<SegmentBox> boxes;
        try
        {
            boxes = segmentation.Boxes(width, height);
        }
        catch (ShapeMismatchException e)
        {
            throw new ShapeMismatchException($"segmentation {segmentation.Key} on image '{imageId}'", $"segments of a {width} × {height} image", e.Message);
        }
        var addWhole = includeWhole && !(boxes.Count > 0 && boxes[0] == whole);
        var weights = new List<float[]>();
        if (addWhole)
        {
            weights.Add(MaskPooling.CoverageWeights(cellBoxes, whole));
        }
        for (var s = 0; s < boxes.Count; s++)
        {
            if (segmentation is MaskSegmentation masks)
            {
                var mask = masks.Masks[s];
                if (mask.Width != width || mask.Height != height)
                {
                    throw new ShapeMismatchException($"masks[{s}] on image '{imageId}'", $"a {width} × {height} mask (the image's size)", $"{mask.Width} × {mask.Height}");
                }
                weights.Add(MaskPooling.CoverageWeights(cellBoxes, mask));
            }
            else
            {
                weights.Add(MaskPooling.CoverageWeights(cellBoxes, boxes[s]));
            }
        }
        return new RegionPoolingPlan(addWhole ? [whole, .. boxes] : boxes, [.. weights]);
    }

    /// <summary>Pools every segment from the cells (P × D, cell-major); returns the segments' rows, one after another.</summary>
    public float[] Pool(ReadOnlySpan<float> cells, int dimension)
    {
        var rows = new float[_weights.Length * dimension];
        for (var s = 0; s < _weights.Length; s++)
        {
            MaskPooling.Average(cells, _weights[s], rows.AsSpan(s * dimension, dimension));
        }
        return rows;
    }
}
