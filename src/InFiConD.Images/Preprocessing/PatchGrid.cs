namespace InFiConD.Embedding;

/// <summary>
/// Where the cells of a square grid over a model's input lie in the source image: a vision transformer's patches, or
/// the cells of a convolutional feature map. The model sees the centre crop of the resized image, cut into a √P × √P
/// grid; each cell is mapped back through the crop offset and the resize factor to source pixels. Approximate: edges
/// are rounded to whole pixels, the parts of the source outside the crop belong to no cell, and cells over the black
/// padding of an image smaller than the crop are clipped to the image.
/// </summary>
public static class PatchGrid
{
    /// <summary>Whether <paramref name="count"/> cells make a square grid (P = g², P &gt; 0).</summary>
    /// <param name="count">The number of cells P.</param>
    /// <returns><see langword="true"/> for 1, 4, 9, 16…</returns>
    public static bool IsSquare(int count) => count > 0 && Side(count) * Side(count) == count;

    /// <summary>The side g of a square grid of <paramref name="count"/> cells (√P, rounded).</summary>
    /// <param name="count">The number of cells P.</param>
    /// <returns>g.</returns>
    public static int Side(int count) => (int)Math.Round(Math.Sqrt(count));

    /// <summary>The crop the model saw, in source pixels (the whole image when the aspect ratio matches the crop).</summary>
    /// <param name="preprocessing">How the image became the model's input.</param>
    /// <param name="width">The source image's width in pixels.</param>
    /// <param name="height">The source image's height in pixels.</param>
    /// <returns>The box.</returns>
    public static SegmentBox Crop(Preprocessing preprocessing, int width, int height) =>
        Cell(preprocessing, width, height, 1, 0, 0);

    /// <summary>The P boxes of the grid, row by row from the top-left, in source pixels.</summary>
    /// <param name="preprocessing">How the image became the model's input.</param>
    /// <param name="width">The source image's width in pixels.</param>
    /// <param name="height">The source image's height in pixels.</param>
    /// <param name="patchCount">P, a square number (see <see cref="IsSquare"/>).</param>
    /// <returns>One box per cell, each at least one pixel wide and high.</returns>
    public static SegmentBox[] Boxes(Preprocessing preprocessing, int width, int height, int patchCount)
    {
        var side = Side(patchCount);
        var boxes = new SegmentBox[patchCount];
        for (var row = 0; row < side; row++)
        {
            for (var column = 0; column < side; column++)
            {
                boxes[row * side + column] = Cell(preprocessing, width, height, side, row, column);
            }
        }
        return boxes;
    }

    private static SegmentBox Cell(Preprocessing preprocessing, int width, int height, int side, int row, int column)
    {
        var (resizedWidth, resizedHeight) = preprocessing.ResizedSize(width, height);
        var (cropWidth, cropHeight) = preprocessing.OutputSize(width, height);
        // Where the crop starts in the resized image (negative when the crop pads), as the preprocessing cuts it.
        var left = preprocessing.CropWidth > 0 ? CenterCrop.Start(resizedWidth, cropWidth) : 0;
        var top = preprocessing.CropHeight > 0 ? CenterCrop.Start(resizedHeight, cropHeight) : 0;
        var scaleX = (double)width / resizedWidth;
        var scaleY = (double)height / resizedHeight;
        var (x0, x1) = Span(left, cropWidth, side, column, scaleX, width);
        var (y0, y1) = Span(top, cropHeight, side, row, scaleY, height);
        return new SegmentBox(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>Cell <paramref name="index"/> of <paramref name="side"/> along one axis, in source pixels, at least one pixel wide.</summary>
    private static (int Start, int End) Span(int cropStart, int cropLength, int side, int index, double scale, int sourceLength)
    {
        var start = (cropStart + (double)cropLength * index / side) * scale;
        var end = (cropStart + (double)cropLength * (index + 1) / side) * scale;
        var a = Math.Clamp((int)Math.Round(start), 0, sourceLength - 1);
        var b = Math.Clamp((int)Math.Round(end), a + 1, sourceLength);
        return (a, b);
    }
}
