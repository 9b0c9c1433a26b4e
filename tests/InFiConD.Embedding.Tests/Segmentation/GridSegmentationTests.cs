using System.Text.Json;

namespace InFiConD.Embedding.Tests;

public sealed class GridSegmentationTests
{
    private static SegmentBox[] Boxes(params (int X, int Y, int W, int H)[] boxes) =>
        boxes.Select(b => new SegmentBox(b.X, b.Y, b.W, b.H)).ToArray();

    [Fact]
    public void Grid_2_without_overlap_on_224_square()
    {
        Assert.Equal(
            Boxes((0, 0, 112, 112), (112, 0, 112, 112), (0, 112, 112, 112), (112, 112, 112, 112)),
            Segmentation.Grid(2).Boxes(224, 224));
    }

    [Fact]
    public void Grid_2_with_half_overlap_on_224_square()
    {
        // Cells grow by 0.5 · 112 / 2 = 28 on each side, clamped: neighbours share 56 = half a cell.
        Assert.Equal(
            Boxes((0, 0, 140, 140), (84, 0, 140, 140), (0, 84, 140, 140), (84, 84, 140, 140)),
            Segmentation.Grid(2, 0.5).Boxes(224, 224));
    }

    [Fact]
    public void Grid_2_without_overlap_on_odd_225_by_101()
    {
        // Edges at floor(225 / 2) = 112 and floor(101 / 2) = 50: the cells tile the image exactly.
        Assert.Equal(
            Boxes((0, 0, 112, 50), (112, 0, 113, 50), (0, 50, 112, 51), (112, 50, 113, 51)),
            Segmentation.Grid(2).Boxes(225, 101));
    }

    [Fact]
    public void Grid_2_with_half_overlap_on_odd_225_by_101()
    {
        // x grows by 0.5 · 112.5 / 2 = 28.125: [0, ceil(140.125)) and [floor(83.875), 225);
        // y grows by 0.5 · 50.5 / 2 = 12.625: [0, ceil(62.625)) and [floor(37.375), 101).
        Assert.Equal(
            Boxes((0, 0, 141, 63), (83, 0, 142, 63), (0, 37, 141, 64), (83, 37, 142, 64)),
            Segmentation.Grid(2, 0.5).Boxes(225, 101));
    }

    [Fact]
    public void The_whole_image_comes_first_only_when_asked()
    {
        var grid = Segmentation.Grid(3, includeWhole: true);
        var boxes = grid.Boxes(90, 60);
        Assert.Equal(10, boxes.Count);
        Assert.Equal(10, grid.SegmentCount);
        Assert.Equal(new SegmentBox(0, 0, 90, 60), boxes[0]);
        Assert.Equal(new SegmentBox(0, 0, 30, 20), boxes[1]);
        Assert.Equal(new SegmentBox(30, 0, 30, 20), boxes[2]); // row-major: along the top row first
        Assert.Equal(new SegmentBox(0, 20, 30, 20), boxes[4]);
        Assert.Equal(9, Segmentation.Grid(3).Boxes(90, 60).Count);
    }

    [Fact]
    public void Cells_cover_every_pixel_and_stay_inside_for_many_sizes()
    {
        foreach (var g in new[] { 1, 2, 3, 5, 7 })
        {
            foreach (var overlap in new[] { 0, 0.25, 0.5, 0.9 })
            {
                foreach (var (w, h) in new[] { (1, 1), (2, 9), (13, 7), (224, 224), (225, 101) })
                {
                    var boxes = Segmentation.Grid(g, overlap).Boxes(w, h);
                    Assert.Equal(g * g, boxes.Count);
                    Assert.All(boxes, b => Assert.True(b.FitsIn(w, h), $"{b} outside {w}×{h}"));
                    var covered = new bool[w, h];
                    foreach (var b in boxes)
                    {
                        for (var x = b.X; x < b.X + b.Width; x++)
                        {
                            for (var y = b.Y; y < b.Y + b.Height; y++)
                            {
                                covered[x, y] = true;
                            }
                        }
                    }
                    Assert.True(covered.Cast<bool>().All(c => c), $"grid {g} overlap {overlap} leaves pixels of {w}×{h} uncovered");
                }
            }
        }
    }

    [Theory]
    [InlineData(2, 0.25, false, "grid:2:0.25")]
    [InlineData(2, 0, false, "grid:2:0")]
    [InlineData(3, 0.5, true, "grid:3:0.5:whole")]
    public void Keys_name_size_overlap_and_whole(int size, double overlap, bool whole, string key) =>
        Assert.Equal(key, Segmentation.Grid(size, overlap, whole).Key);

    [Fact]
    public void Whole_is_one_box()
    {
        Assert.Equal("whole", Segmentation.Whole.Key);
        Assert.Equal([new SegmentBox(0, 0, 7, 3)], Segmentation.Whole.Boxes(7, 3));
        Assert.Equal(1, Segmentation.Whole.SegmentCount);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(65, 0)]
    [InlineData(2, -0.1)]
    [InlineData(2, 1)]
    [InlineData(2, double.NaN)]
    public void Invalid_grids_are_refused(int size, double overlap) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Segmentation.Grid(size, overlap));

    [Fact]
    public void Segmentations_and_boxes_round_trip_through_json()
    {
        Segmentation grid = Segmentation.Grid(2, 0.25, includeWhole: true);
        var json = JsonSerializer.Serialize(grid);
        Assert.Contains("\"kind\":\"grid\"", json);
        Assert.DoesNotContain("Key", json);
        Assert.Equal(grid, JsonSerializer.Deserialize<Segmentation>(json));
        Assert.IsType<WholeImageSegmentation>(JsonSerializer.Deserialize<Segmentation>(JsonSerializer.Serialize<Segmentation>(Segmentation.Whole)));
        var box = new SegmentBox(1, 2, 3, 4);
        Assert.Equal(box, JsonSerializer.Deserialize<SegmentBox>(JsonSerializer.Serialize(box)));
    }
}
