using InFiConD.Core;

namespace InFiConD.Embedding.Tests;

/// <summary><see cref="OnnxClipEncoder"/> on tiny dual encoders, against outputs computed by hand.</summary>
public sealed class OnnxClipEncoderTests
{
    private static readonly (byte R, byte G, byte B)[] Colours = [(200, 30, 90), (10, 250, 128), (0, 0, 0), (255, 255, 255), (77, 140, 3)];

    private static ImageSource Images(int count = 2) =>
        ImageSource.FromImages(Colours.Take(count).Select((c, i) => ($"img{i}", DecodedImage.Filled(224, 224, c.R, c.G, c.B))));

    [Fact]
    public async Task Image_embeddings_are_the_normalised_projection_of_channel_means()
    {
        using var export = TinyClipExport.Separate();
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options());
        Assert.Equal(4, encoder.Dimension);
        Assert.False(encoder.IsDense);
        Assert.Equal(export.VisionPath, encoder.VisionModelPath);
        Assert.Equal(export.TextPath, encoder.TextModelPath);

        var result = await encoder.EncodeAsync(Images());
        Assert.Equal(["img0", "img1"], result.ImageIds);
        Assert.Empty(result.Failures);
        Assert.Equal(2, result.Embeddings.Rows);
        for (var i = 0; i < 2; i++)
        {
            var expected = TinyClipExport.Normalized(TinyClipExport.Project(TinyClipExport.Pixel(Colours[i].R, Colours[i].G, Colours[i].B), TinyClipModels.ImageWeight));
            TinyClipExport.AssertClose(expected, result.Embeddings.Row(i));
        }
    }

    [Fact]
    public async Task Normalisation_can_be_turned_off()
    {
        using var export = TinyClipExport.Separate();
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { NormalizeEmbeddings = false }));
        var result = await encoder.EncodeAsync(Images(1));
        TinyClipExport.AssertClose(TinyClipExport.Project(TinyClipExport.Pixel(200, 30, 90), TinyClipModels.ImageWeight), result.Embeddings.Row(0));
        var text = encoder.EncodeText(["a photo of a cat"]);
        TinyClipExport.AssertClose(TinyClipExport.Text(ClipData.Tokenizer.Encode("a photo of a cat")), text.Row(0));
    }

    [Fact]
    public void Text_embeddings_are_the_masked_mean_of_token_rows()
    {
        using var export = TinyClipExport.Separate();
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options());
        string[] texts = ["a photo of a cat", "", "A bad photo of the Water!"];
        var embeddings = encoder.EncodeText(texts);
        Assert.Equal(3, embeddings.Rows);
        Assert.Equal(4, embeddings.Columns);
        for (var i = 0; i < texts.Length; i++)
        {
            TinyClipExport.AssertClose(TinyClipExport.Normalized(TinyClipExport.Text(ClipData.Tokenizer.Encode(texts[i]))), embeddings.Row(i));
        }
        Assert.Equal(0, encoder.EncodeText([]).Rows);
    }

    [Fact]
    public async Task Batches_give_the_same_rows_as_one_call()
    {
        using var export = TinyClipExport.Separate();
        using var one = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options());
        using var pairs = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { BatchSize = 2 }));
        var texts = Enumerable.Range(0, 5).Select(i => $"photo number {i} of a boat").ToArray();
        Assert.Equal(one.EncodeText(texts).AsSpan().ToArray(), pairs.EncodeText(texts).AsSpan().ToArray());
        var progress = new List<ImageModelProgress>();
        var batched = await pairs.EncodeAsync(Images(5), new SyncProgress<ImageModelProgress>(progress.Add));
        Assert.Equal((await one.EncodeAsync(Images(5))).Embeddings.AsSpan().ToArray(), batched.Embeddings.AsSpan().ToArray());
        Assert.Equal([2, 4, 5], progress.Select(p => p.Done));
    }

    [Fact]
    public async Task Images_that_fail_to_decode_are_reported_and_skipped()
    {
        using var export = TinyClipExport.Separate();
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options());
        var source = ImageSource.FromItems([
            ImageItem.FromDecoded("good", DecodedImage.Filled(224, 224, 1, 2, 3)),
            ImageItem.FromEncoded("bad", [1, 2, 3, 4]),
        ]);
        var result = await encoder.EncodeAsync(source);
        Assert.Equal(["good"], result.ImageIds);
        Assert.Equal("bad", Assert.Single(result.Failures).Id);
        await Assert.ThrowsAsync<ImageDecodeException>(async () =>
        {
            using var strict = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { FailFast = true }));
            await strict.EncodeAsync(source);
        });
    }

    [Fact]
    public async Task Combined_model_needing_both_inputs_gives_the_same_embeddings()
    {
        using var export = TinyClipExport.Separate();
        using var combined = new TempFolder();
        TinyClipModels.WriteCombined(Path.Combine(combined.Path, "model.onnx"), new TinyClipModels.Spec());
        using var separate = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options());
        using var single = OnnxClipEncoder.Load(combined.Path, TinyClipExport.Options());
        Assert.Equal(single.VisionModelPath, single.TextModelPath);
        Assert.Equal((await separate.EncodeAsync(Images(3))).Embeddings.AsSpan().ToArray(), (await single.EncodeAsync(Images(3))).Embeddings.AsSpan().ToArray());
        Assert.Equal(separate.EncodeText(["a cat", "a dog"]).AsSpan().ToArray(), single.EncodeText(["a cat", "a dog"]).AsSpan().ToArray());
    }

    [Fact]
    public void Text_model_without_attention_mask_is_fed_ids_only()
    {
        using var export = TinyClipExport.Separate(new TinyClipModels.Spec { Mask = false });
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { NormalizeEmbeddings = false }));
        // Without a mask the graph averages all 77 positions, padding (49407 mod 16 = 15) included.
        TinyClipExport.AssertClose(TinyClipExport.Text(ClipData.Tokenizer.Encode("a cat"), masked: false), encoder.EncodeText(["a cat"]).Row(0));
    }

    [Fact]
    public void Dynamic_width_is_learnt_by_running_the_text_model()
    {
        using var export = TinyClipExport.Separate(new TinyClipModels.Spec { SymbolicDimension = true });
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options());
        Assert.Equal(4, encoder.Dimension);
    }

    [Fact]
    public void ModelId_is_stable_and_names_files_and_settings()
    {
        using var export = TinyClipExport.Separate();
        string first, again, raw;
        using (var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options()))
        {
            first = encoder.ModelId;
        }
        using (var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options()))
        {
            again = encoder.ModelId;
        }
        using (var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { NormalizeEmbeddings = false })))
        {
            raw = encoder.ModelId;
        }
        Assert.Equal(first, again);
        Assert.NotEqual(first, raw);
        Assert.StartsWith("clip:", first, StringComparison.Ordinal);
        Assert.Contains(ClipData.Tokenizer.Key, first, StringComparison.Ordinal);
        Assert.Contains(Preprocessing.Clip.Key, first, StringComparison.Ordinal);

        TinyClipModels.WriteText(export.TextPath, new TinyClipModels.Spec { Mask = false });
        using var changed = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options());
        Assert.NotEqual(first, changed.ModelId);
    }

    [Fact]
    public void Encoder_serves_as_image_and_text_encoder()
    {
        using var export = TinyClipExport.Separate();
        using var encoder = OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options());
        IDenseImageEncoder dense = encoder;
        ITextEncoder text = encoder;
        Assert.Equal(dense.ModelId, text.ModelId);
        Assert.Equal(dense.Dimension, text.Dimension);
        Assert.Throws<OperationCanceledException>(() => text.EncodeText(["a"], new CancellationToken(true)));
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, so order would be lost).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
