using System.Text.Json;
using InFiConD.Core;

namespace InFiConD.Embedding.Tests;

public sealed class MaskSegmentationTests
{
    private static SegmentMask Mask(int width, int height, params (int X, int Y)[] on)
    {
        var values = new byte[width * height];
        foreach (var (x, y) in on)
        {
            values[(y * width) + x] = 255;
        }
        return new SegmentMask(width, height, values);
    }

    [Fact]
    public void Each_mask_gives_its_bounding_box_in_order()
    {
        var segmentation = Segmentation.FromMasks([Mask(10, 8, (2, 3), (5, 1), (4, 6)), Mask(10, 8, (9, 7)), Mask(10, 8, (0, 0))]);
        Assert.Equal(
            [new SegmentBox(2, 1, 4, 6), new SegmentBox(9, 7, 1, 1), new SegmentBox(0, 0, 1, 1)],
            segmentation.Boxes(10, 8));
        Assert.Equal(3, segmentation.SegmentCount);
    }

    [Fact]
    public void Boolean_masks_are_indexed_row_then_column()
    {
        var grid = new bool[3, 5]; // 3 rows, 5 columns
        grid[1, 4] = true;
        grid[2, 2] = true;
        var mask = SegmentMask.FromBooleans(grid);
        Assert.Equal((5, 3), (mask.Width, mask.Height));
        Assert.Equal(new SegmentBox(2, 1, 3, 2), mask.Bounds);
    }

    [Fact]
    public void An_empty_mask_is_refused_naming_its_index()
    {
        var ex = Assert.Throws<ArgumentException>(() => Segmentation.FromMasks([Mask(4, 4, (1, 1)), Mask(4, 4)]));
        Assert.Contains("Mask 1 is empty", ex.Message);
        Assert.Null(Mask(4, 4).Bounds);
    }

    [Fact]
    public void Masks_must_agree_with_each_other_and_with_the_image()
    {
        var ex = Assert.Throws<ArgumentException>(() => Segmentation.FromMasks([Mask(4, 4, (1, 1)), Mask(5, 4, (1, 1))]));
        Assert.Contains("Mask 1", ex.Message);
        Assert.Throws<ArgumentException>(() => Segmentation.FromMasks([]));
        var mismatch = Assert.Throws<ShapeMismatchException>(() => Segmentation.FromMasks([Mask(4, 4, (1, 1))]).Boxes(4, 5));
        Assert.Equal("masks[0]", mismatch.Field);
        Assert.Throws<ShapeMismatchException>(() => new SegmentMask(3, 3, new byte[8]));
    }

    [Fact]
    public void The_key_hashes_what_is_inside_not_the_byte_values()
    {
        var a = Segmentation.FromMasks([Mask(6, 6, (1, 1), (2, 2))]);
        var same = Segmentation.FromMasks([new SegmentMask(6, 6, [.. Mask(6, 6, (1, 1), (2, 2)).Values.Select(v => v == 0 ? (byte)0 : (byte)1)])]);
        var other = Segmentation.FromMasks([Mask(6, 6, (1, 1), (3, 2))]);
        Assert.StartsWith("masks:1:", a.Key);
        Assert.Equal(a.Key, same.Key);
        Assert.NotEqual(a.Key, other.Key);
    }

    [Fact]
    public void Mask_segmentations_serialise_with_their_masks()
    {
        Segmentation segmentation = Segmentation.FromMasks([Mask(3, 2, (2, 1))]);
        var json = JsonSerializer.Serialize(segmentation);
        Assert.Contains("\"kind\":\"masks\"", json);
        var back = Assert.IsType<MaskSegmentation>(JsonSerializer.Deserialize<Segmentation>(json));
        Assert.Equal(segmentation.Key, back.Key);
        Assert.Equal([new SegmentBox(2, 1, 1, 1)], back.Boxes(3, 2));
    }
}
