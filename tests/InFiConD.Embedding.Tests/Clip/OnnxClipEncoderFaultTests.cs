using InFiConD.Core;

namespace InFiConD.Embedding.Tests;

/// <summary>
/// <see cref="OnnxClipEncoder"/> refuses NaN and all-zero embeddings by name (model file, image or text, index), with and
/// without normalisation, and turns ONNX Runtime failures into <see cref="ModelRunException"/>s naming the model and inputs.
/// </summary>
public sealed class OnnxClipEncoderFaultTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string VisionPath => Path.Combine(_folder.Path, "vision_model.onnx");

    private string TextPath => Path.Combine(_folder.Path, "text_model.onnx");

    private OnnxClipEncoder Load(bool normalize, bool patches = false, bool includeGlobal = false, int? textNanAt = null) =>
        LoadWith(normalize, () =>
        {
            FaultyModels.WriteSqrtVision(VisionPath, patches);
            FaultyModels.WriteText(TextPath, textNanAt);
        }, includeGlobal);

    private OnnxClipEncoder LoadWith(bool normalize, Action write, bool includeGlobal = false, OnnxLogLevel logLevel = OnnxLogLevel.Warning)
    {
        write();
        return OnnxClipEncoder.Load(_folder.Path, new OnnxClipOptions
        {
            TokenizerDirectory = ClipData.Folder,
            Preprocessing = FaultyModels.Plain,
            NormalizeEmbeddings = normalize,
            IncludeGlobal = includeGlobal,
            BatchSize = 2,
            LogLevel = logLevel,
        });
    }

    private static ImageSource Solids(params (string Id, byte R, byte G, byte B)[] images) =>
        ImageSource.FromImages(images.Select(i => (i.Id, DecodedImage.Filled(224, 224, i.R, i.G, i.B))));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_image_embedding_holding_NaN_is_refused_naming_the_model_image_and_index(bool normalize)
    {
        using var encoder = Load(normalize);

        var error = await Assert.ThrowsAsync<InvalidEmbeddingException>(() => encoder.EncodeAsync(Solids(("red", 255, 0, 0), ("cats/green.png", 0, 255, 0), ("white", 255, 255, 255))));

        Assert.Equal((VisionPath, "image", "cats/green.png"), (error.Model, error.InputKind, error.Input));
        Assert.Equal(1, error.Component);
        Assert.True(float.IsNaN(error.Value));
        Assert.False(error.IsAllZero);
        Assert.Null(error.Segment);
        Assert.Contains($"{VisionPath}: the embedding of image 'cats/green.png' holds NaN at index 1 of 4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_all_zero_image_embedding_is_refused_naming_the_model_and_image(bool normalize)
    {
        using var encoder = Load(normalize);

        var error = await Assert.ThrowsAsync<InvalidEmbeddingException>(() => encoder.EncodeAsync(Solids(("red", 255, 0, 0), ("black", 0, 0, 0))));

        Assert.Equal((VisionPath, "black"), (error.Model, error.Input));
        Assert.True(error.IsAllZero);
        Assert.Null(error.Component);
        Assert.Contains("is all zeros (4 values)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_images_still_encode_to_the_hand_computed_embedding()
    {
        using var encoder = Load(normalize: false);

        var result = await encoder.EncodeAsync(Solids(("red", 255, 0, 0), ("purple", 255, 0, 255)));

        Assert.Equal(FaultyModels.SqrtEmbedding(1, 0, 0), result.Embeddings.Row(0).ToArray(), (a, b) => MathF.Abs(a - b) <= 1e-5f);
        Assert.Equal(FaultyModels.SqrtEmbedding(1, 0, 1), result.Embeddings.Row(1).ToArray(), (a, b) => MathF.Abs(a - b) <= 1e-5f);
    }

    [Theory]
    [InlineData(false, false, 2)]
    [InlineData(true, false, 2)]
    [InlineData(true, true, 3)]
    public async Task A_patch_embedding_that_is_zero_is_refused_naming_the_image_and_segment(bool normalize, bool includeGlobal, int segment)
    {
        using var encoder = Load(normalize, patches: true, includeGlobal: includeGlobal);
        // Quadrants red, red, black, red: patch 2 (bottom-left) pools to zero; the whole image does not.
        var image = MeanColourEncoder.Quadrants(224, 224, (255, 0, 0), (255, 0, 0), (0, 0, 0), (255, 0, 0));

        var error = await Assert.ThrowsAsync<InvalidEmbeddingException>(() => encoder.EncodeSegmentsAsync(ImageSource.FromImages([("scene", image)])));

        Assert.Equal((VisionPath, "scene", segment), (error.Model, error.Input, error.Segment));
        Assert.True(error.IsAllZero);
        Assert.Contains($"image 'scene', segment {segment},", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patch_embedding_holding_NaN_is_refused_naming_the_index()
    {
        using var encoder = Load(normalize: true, patches: true);
        var image = MeanColourEncoder.Quadrants(224, 224, (255, 0, 0), (0, 255, 0), (255, 0, 0), (255, 0, 0));

        var error = await Assert.ThrowsAsync<InvalidEmbeddingException>(() => encoder.EncodeSegmentsAsync(ImageSource.FromImages([("scene", image)])));

        Assert.Equal((1, 1), (error.Segment, error.Component));
        Assert.True(float.IsNaN(error.Value));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_text_whose_embedding_is_zero_is_refused_naming_the_text_model_and_text(bool normalize)
    {
        using var encoder = Load(normalize);

        // The empty text is the start and end tokens alone, whose rows cancel.
        var error = Assert.Throws<InvalidEmbeddingException>(() => encoder.EncodeText(["a photo of a boat", "water", ""]));

        Assert.Equal((TextPath, "text", ""), (error.Model, error.InputKind, error.Input));
        Assert.True(error.IsAllZero);
        Assert.Equal(3, encoder.EncodeText(["a photo of a boat", "water", "sky"]).Rows);
    }

    [Fact]
    public void A_text_embedding_holding_NaN_is_refused_naming_the_first_text_and_index()
    {
        using var encoder = Load(normalize: true, textNanAt: 2);

        var error = Assert.Throws<InvalidEmbeddingException>(() => encoder.EncodeText(["striped sail", "water"]));

        Assert.Equal(("striped sail", 2), (error.Input, error.Component));
        Assert.Contains("text 'striped sail' holds NaN at index 2 of 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vision_run_that_fails_names_the_model_file_and_the_pixel_input_with_its_shape()
    {
        // Reshape([−1, 5]) fits no batch of 3 × 224 × 224 images: the run fails inside ONNX Runtime (a second Reshape
        // gives the output the text tower's width, 4, so the model loads).
        using var encoder = LoadWith(normalize: true, () =>
        {
            FaultyModels.WriteReshape(VisionPath, 5, output: "image_embeds", inputDims: ["N", 3, 224, 224], thenWidth: 4);
            FaultyModels.WriteText(TextPath);
        }, logLevel: OnnxLogLevel.Fatal);

        var error = await Assert.ThrowsAsync<ModelRunException>(() => encoder.EncodeAsync(Solids(("a", 1, 2, 3), ("b", 4, 5, 6), ("c", 7, 8, 9))));

        Assert.Equal(VisionPath, error.ModelPath);
        Assert.Equal("pixel_values", error.InputName);
        Assert.Equal([2L, 3, 224, 224], error.InputShape);
        Assert.Contains("Reshape", error.RuntimeMessage, StringComparison.Ordinal);
        Assert.IsType<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>(error.InnerException);
        Assert.StartsWith($"{VisionPath}: the model failed to run on input 'pixel_values' [2, 3, 224, 224]: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_run_that_fails_names_the_text_model_and_both_token_inputs()
    {
        // Without the Mod, token ids (49406 and up) index past the 16-row table.
        using var encoder = LoadWith(normalize: true, () =>
        {
            FaultyModels.WriteSqrtVision(VisionPath);
            FaultyModels.WriteText(TextPath, mod: false);
        }, logLevel: OnnxLogLevel.Fatal);

        var error = Assert.Throws<ModelRunException>(() => encoder.EncodeText(["a boat"]));

        Assert.Equal(TextPath, error.ModelPath);
        Assert.Equal([new ModelInput("input_ids", [1, 77]), new ModelInput("attention_mask", [1, 77])], error.Inputs, (a, b) => a.Name == b.Name && a.Shape.SequenceEqual(b.Shape));
        Assert.Contains("'input_ids' [1, 77], 'attention_mask' [1, 77]", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.RuntimeMessage);
    }

    [Fact]
    public void The_log_level_is_checked()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxClipOptions { LogLevel = (OnnxLogLevel)9 }.Validate());

        Assert.Equal("LogLevel", error.ParamName);
    }
}
