using InFiConD.Core;

namespace InFiConD.Embedding.Tests.Segments;

public sealed class CroppedSegmentEncoderTests
{
    private static readonly (byte, byte, byte)[] Colours = [(10, 20, 30), (200, 0, 0), (0, 100, 0), (0, 0, 250)];

    [Fact]
    public async Task A_two_by_two_grid_gives_each_quadrant_its_own_row()
    {
        var encoder = CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Grid(2));
        var source = ImageSource.FromImages([("a", MeanColourEncoder.Quadrants(4, 4, Colours)), ("b", DecodedImage.Filled(6, 2, 5, 6, 7))]);
        var result = await encoder.EncodeSegmentsAsync(source);

        Assert.Equal([0, 4, 8], result.Offsets);
        Assert.Equal(["a", "b"], result.ImageIds);
        Assert.Empty(result.Failures);
        Assert.Equal((8, 3), (result.Segments.Rows, result.Segments.Columns));
        for (var q = 0; q < 4; q++)
        {
            var (r, g, b) = Colours[q];
            Assert.Equal([r, g, b], result.Segments.Row(q).ToArray());
            Assert.Equal([5f, 6f, 7f], result.Segments.Row(4 + q).ToArray());
        }
        Assert.Equal([new SegmentBox(0, 0, 2, 2), new SegmentBox(2, 0, 2, 2), new SegmentBox(0, 2, 2, 2), new SegmentBox(2, 2, 2, 2)], result.Boxes[0]);
        Assert.Equal([new SegmentBox(0, 0, 3, 1), new SegmentBox(3, 0, 3, 1), new SegmentBox(0, 1, 3, 1), new SegmentBox(3, 1, 3, 1)], result.Boxes[1]);
    }

    [Fact]
    public async Task IncludeWhole_puts_the_whole_image_first()
    {
        var encoder = CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Grid(2), new CroppedSegmentOptions { IncludeWhole = true });
        var result = await encoder.EncodeSegmentsAsync(ImageSource.FromImages([("a", MeanColourEncoder.Quadrants(4, 4, Colours))]));

        Assert.Equal([0, 5], result.Offsets);
        Assert.Equal(SegmentBox.Whole(4, 4), result.Boxes[0][0]);
        // Mean of the four quadrant colours, each a quarter of the pixels.
        Assert.Equal([52.5f, 30f, 70f], result.Segments.Row(0).ToArray());
        Assert.Equal([200f, 0f, 0f], result.Segments.Row(2).ToArray());
        Assert.Contains("+whole", encoder.ModelId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncludeWhole_does_not_repeat_a_whole_image_segment()
    {
        var encoder = CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Grid(2, includeWhole: true), new CroppedSegmentOptions { IncludeWhole = true });
        var result = await encoder.EncodeSegmentsAsync(ImageSource.FromImages([("a", MeanColourEncoder.Quadrants(4, 4, Colours))]));
        Assert.Equal([0, 5], result.Offsets);
    }

    [Fact]
    public async Task A_failed_image_is_reported_and_the_offsets_skip_it()
    {
        var inner = new MeanColourEncoder();
        var encoder = CroppedSegmentEncoder.Create(inner, Segmentation.Grid(2), new CroppedSegmentOptions { ImagesPerChunk = 2 });
        var source = ImageSource.FromItems([
            ImageItem.FromDecoded("a", MeanColourEncoder.Quadrants(4, 4, Colours)),
            ImageItem.FromEncoded("broken", [1, 2, 3]),
            ImageItem.FromDecoded("c", DecodedImage.Filled(2, 2, 1, 2, 3))]);
        var progress = new List<ImageModelProgress>();
        var result = await encoder.EncodeSegmentsAsync(source, new SynchronousProgress(progress));

        Assert.Equal(["a", "c"], result.ImageIds);
        Assert.Equal([0, 4, 8], result.Offsets);
        Assert.Equal("broken", Assert.Single(result.Failures).Id);
        Assert.Equal([1f, 2f, 3f], result.Segments.Row(7).ToArray());
        Assert.Equal([new ImageModelProgress(2, 3, 1), new ImageModelProgress(3, 3, 1)], progress);
        Assert.Equal(2, inner.Calls); // one call per chunk, all crops of the chunk together
        Assert.Equal(8, inner.ImagesSeen);
    }

    [Fact]
    public async Task FailFast_throws_for_the_first_bad_image()
    {
        var encoder = CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Whole, new CroppedSegmentOptions { FailFast = true });
        var source = ImageSource.FromItems([ImageItem.FromDecoded("a", DecodedImage.Filled(2, 2, 1, 2, 3)), ImageItem.FromEncoded("bad", [])]);
        var error = await Assert.ThrowsAsync<ImageDecodeException>(() => encoder.EncodeSegmentsAsync(source));
        Assert.Equal("bad", error.Failure.Id);
    }

    [Fact]
    public async Task Chunk_size_does_not_change_the_result()
    {
        var images = Enumerable.Range(0, 7).Select(i => ($"i{i}", MeanColourEncoder.Quadrants(5 + i, 3 + i, Colours))).ToArray();
        var one = await CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Grid(2, overlap: 0.5), new CroppedSegmentOptions { ImagesPerChunk = 1, DecodeParallelism = 1 })
            .EncodeSegmentsAsync(ImageSource.FromImages(images));
        var all = await CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Grid(2, overlap: 0.5))
            .EncodeSegmentsAsync(ImageSource.FromImages(images));
        Assert.Equal(one.Offsets, all.Offsets);
        Assert.Equal(one.Segments.AsSpan().ToArray(), all.Segments.AsSpan().ToArray());
        Assert.Equal(one.Boxes.SelectMany(b => b), all.Boxes.SelectMany(b => b));
        for (var n = 0; n < images.Length; n++)
        {
            Assert.Equal(Segmentation.Grid(2, overlap: 0.5).Boxes(5 + n, 3 + n), all.Boxes[n]);
        }
    }

    [Fact]
    public async Task Whole_image_encoding_goes_straight_to_the_wrapped_encoder()
    {
        var inner = new MeanColourEncoder();
        var encoder = CroppedSegmentEncoder.Create(inner, Segmentation.Grid(3));
        var result = await encoder.EncodeAsync(ImageSource.FromImages([("a", DecodedImage.Filled(3, 3, 9, 8, 7))]));
        Assert.Equal([9f, 8f, 7f], result.Embeddings.Row(0).ToArray());
        Assert.Equal(3, encoder.Dimension);
        Assert.Equal("crops[grid:3:0]:mean-colour", encoder.ModelId);
    }

    [Fact]
    public async Task An_encoder_that_lies_about_its_width_is_caught()
    {
        var encoder = CroppedSegmentEncoder.Create(new WrongWidthEncoder(), Segmentation.Whole);
        var error = await Assert.ThrowsAsync<ShapeMismatchException>(() => encoder.EncodeSegmentsAsync(ImageSource.FromImages([("a", DecodedImage.Filled(2, 2, 0, 0, 0))])));
        Assert.Contains("4 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_source_gives_empty_embeddings()
    {
        var result = await CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Grid(2)).EncodeSegmentsAsync(ImageSource.FromImages([]));
        Assert.Equal([0], result.Offsets);
        Assert.Equal((0, 3), (result.Segments.Rows, result.Segments.Columns));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => CroppedSegmentEncoder.Create(null!, Segmentation.Whole));
        Assert.Throws<ArgumentNullException>(() => CroppedSegmentEncoder.Create(new MeanColourEncoder(), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Whole, new CroppedSegmentOptions { ImagesPerChunk = 0 }));
    }

    private sealed class WrongWidthEncoder : IImageEncoder
    {
        public string ModelId => "wrong";

        public int Dimension => 4;

        public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ImageEmbeddings(new FloatMatrix(images.Count, 3), images.Select(i => i.Id).ToList(), []));
    }
}
