namespace InFiConD.Embedding.Tests.Segments;

/// <summary>
/// <see cref="CroppedSegmentEncoder"/> names the source image and the segment when a crop's embedding is NaN or zero,
/// whether the wrapped encoder checks its rows itself (CLIP) or not (an encoder of the user's own).
/// </summary>
public sealed class CroppedSegmentEncoderFaultTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_zero_crop_from_an_unchecked_encoder_names_the_source_image_and_segment()
    {
        // The mean colour of a black quadrant is (0, 0, 0).
        var encoder = CroppedSegmentEncoder.Create(new MeanColourEncoder(), Segmentation.Grid(2));
        var image = MeanColourEncoder.Quadrants(4, 4, (10, 20, 30), (200, 0, 0), (0, 0, 0), (0, 0, 250));

        var error = await Assert.ThrowsAsync<InvalidEmbeddingException>(() => encoder.EncodeSegmentsAsync(ImageSource.FromImages([("fine", DecodedImage.Filled(4, 4, 9, 9, 9)), ("beach/7.jpg", image)])));

        Assert.Equal(("mean-colour", "beach/7.jpg", 2), (error.Model, error.Input, error.Segment));
        Assert.True(error.IsAllZero);
    }

    [Fact]
    public async Task A_NaN_crop_from_a_clip_encoder_names_the_source_image_and_segment_not_the_crop_id()
    {
        var vision = Path.Combine(_folder.Path, "vision_model.onnx");
        FaultyModels.WriteSqrtVision(vision);
        FaultyModels.WriteText(Path.Combine(_folder.Path, "text_model.onnx"));
        using var clip = OnnxClipEncoder.Load(_folder.Path, new OnnxClipOptions
        {
            TokenizerDirectory = ClipData.Folder,
            Preprocessing = FaultyModels.Plain with { ResizeShortestSide = 224, CropWidth = 224, CropHeight = 224 },
        });
        var encoder = CroppedSegmentEncoder.Create(clip, Segmentation.Grid(2), new CroppedSegmentOptions { IncludeWhole = true });
        // Quadrants red, green, red, red: the green crop (segment 2, after the whole image) has r − g < 0, so √ gives NaN.
        var image = MeanColourEncoder.Quadrants(64, 64, (255, 0, 0), (0, 255, 0), (255, 0, 0), (255, 0, 0));

        var error = await Assert.ThrowsAsync<InvalidEmbeddingException>(() => encoder.EncodeSegmentsAsync(ImageSource.FromImages([("harbour", image)])));

        Assert.Equal((vision, "harbour", 2, 1), (error.Model, error.Input, error.Segment, error.Component));
        Assert.Contains("image 'harbour', segment 2,", error.Message, StringComparison.Ordinal);
        Assert.Equal("0/2", Assert.IsType<InvalidEmbeddingException>(error.InnerException).Input);
    }
}
