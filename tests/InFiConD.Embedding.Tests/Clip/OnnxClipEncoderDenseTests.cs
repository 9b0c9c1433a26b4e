namespace InFiConD.Embedding.Tests;

/// <summary>Dense mode: patch embeddings [N, P, D] as segments, with their boxes.</summary>
public sealed class OnnxClipEncoderDenseTests
{
    private static readonly (byte R, byte G, byte B)[] Quadrants = [(250, 0, 0), (0, 250, 0), (0, 0, 250), (120, 120, 120)];

    private static TinyClipModels.Spec DenseSpec => new() { PatchName = "patch_embeds" };

    [Fact]
    public async Task Each_patch_is_a_segment_in_grid_order_with_its_box()
    {
        using var export = TinyClipExport.Separate(DenseSpec);
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options());
        Assert.True(encoder.IsDense);
        var source = ImageSource.FromImages([("q", TinyClipExport.Quadrants(Quadrants)), ("plain", DecodedImage.Filled(224, 224, 9, 99, 199))]);

        var result = await encoder.EncodeSegmentsAsync(source);
        Assert.Equal(["q", "plain"], result.ImageIds);
        Assert.Equal([0, 4, 8], result.Offsets);
        Assert.Equal(8, result.Segments.Rows);
        for (var p = 0; p < 4; p++)
        {
            var (r, g, b) = Quadrants[p];
            var expected = TinyClipExport.Normalized(TinyClipExport.Project(TinyClipExport.Pixel(r, g, b), TinyClipModels.PatchWeight));
            TinyClipExport.AssertClose(expected, result.Segments.Row(p));
        }
        Assert.Equal(
            [new SegmentBox(0, 0, 112, 112), new SegmentBox(112, 0, 112, 112), new SegmentBox(0, 112, 112, 112), new SegmentBox(112, 112, 112, 112)],
            result.Boxes[0]);
    }

    [Fact]
    public async Task Global_embedding_can_lead_each_image_as_segment_zero()
    {
        using var export = TinyClipExport.Separate(DenseSpec);
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { IncludeGlobal = true }));
        var image = TinyClipExport.Quadrants(Quadrants);
        var result = await encoder.EncodeSegmentsAsync(ImageSource.FromImages([("q", image)]));
        Assert.Equal([0, 5], result.Offsets);
        var global = await encoder.EncodeAsync(ImageSource.FromImages([("q", image)]));
        TinyClipExport.AssertClose(global.Embeddings.Row(0).ToArray(), result.Segments.Row(0));
        Assert.Equal(new SegmentBox(0, 0, 224, 224), result.Boxes[0][0]);
        Assert.Equal(5, result.Boxes[0].Count);
    }

    [Fact]
    public async Task Boxes_map_the_crop_grid_back_to_source_pixels()
    {
        using var export = TinyClipExport.Separate(DenseSpec);
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { IncludeGlobal = true }));
        // 200 × 100 → resized to 448 × 224 → centre crop starts at x = 112; the resize factor back is 200 / 448.
        // Crop x 112..336 → source 50..150; cells of 112 crop pixels → 50 source pixels.
        var result = await encoder.EncodeSegmentsAsync(ImageSource.FromImages([("wide", DecodedImage.Filled(200, 100, 10, 20, 30))]));
        Assert.Equal(
            [new SegmentBox(50, 0, 100, 100), new SegmentBox(50, 0, 50, 50), new SegmentBox(100, 0, 50, 50), new SegmentBox(50, 50, 50, 50), new SegmentBox(100, 50, 50, 50)],
            result.Boxes[0]);
        Assert.All(result.Boxes[0], b => Assert.True(b.FitsIn(200, 100)));
    }

    [Fact]
    public void Boxes_of_a_small_padded_image_stay_inside_it()
    {
        // Without resizing, a 100 × 60 image is padded to the 224 crop: cells over padding are clipped to the image.
        var preprocessing = Preprocessing.Clip with { ResizeShortestSide = 0 };
        var boxes = PatchGrid.Boxes(preprocessing, 100, 60, 16);
        Assert.Equal(16, boxes.Length);
        Assert.All(boxes, b => Assert.True(b.FitsIn(100, 60), $"{b.X},{b.Y} {b.Width}×{b.Height}"));
        Assert.Equal(new SegmentBox(0, 0, 100, 60), PatchGrid.Crop(preprocessing, 100, 60));
    }

    [Fact]
    public async Task Global_model_refuses_segments_and_names_its_outputs()
    {
        using var export = TinyClipExport.Separate();
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => encoder.EncodeSegmentsAsync(ImageSource.FromImages([("a", DecodedImage.Filled(224, 224, 0, 0, 0))])));
        Assert.Contains("patch_embeds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dense_mode_can_be_turned_off()
    {
        using var export = TinyClipExport.Separate(DenseSpec);
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { PatchEmbedsName = null }));
        Assert.False(encoder.IsDense);
        await Assert.ThrowsAsync<InvalidOperationException>(() => encoder.EncodeSegmentsAsync(ImageSource.FromImages([("a", DecodedImage.Filled(224, 224, 0, 0, 0))])));
    }

    [Fact]
    public async Task Combined_dense_model_gives_the_same_segments()
    {
        using var export = TinyClipExport.Separate(DenseSpec);
        using var combined = new TempFolder();
        TinyClipModels.WriteCombined(Path.Combine(combined.Path, "model.onnx"), DenseSpec);
        using var separate = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options());
        using var single = OnnxClipEncoder.Load(combined.Path, TinyClipExport.Options());
        var source = ImageSource.FromImages([("q", TinyClipExport.Quadrants(Quadrants))]);
        Assert.Equal((await separate.EncodeSegmentsAsync(source)).Segments.AsSpan().ToArray(), (await single.EncodeSegmentsAsync(source)).Segments.AsSpan().ToArray());
    }
}
