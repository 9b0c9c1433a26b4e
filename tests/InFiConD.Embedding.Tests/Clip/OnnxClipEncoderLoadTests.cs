using InFiConD.Core;

namespace InFiConD.Embedding.Tests;

/// <summary>How <see cref="OnnxClipEncoder.Load"/> finds files, and how it refuses models that do not fit.</summary>
public sealed class OnnxClipEncoderLoadTests
{
    private static void CopyTokenizer(string folder)
    {
        File.Copy(ClipData.VocabularyPath, Path.Combine(folder, "vocab.json"));
        File.Copy(ClipData.MergesPath, Path.Combine(folder, "merges.txt"));
    }

    [Fact]
    public void Finds_models_and_tokenizer_in_a_Hugging_Face_layout()
    {
        // Models under onnx/, tokenizer files at the top (the transformers.js layout).
        using var folder = new TempFolder();
        TinyClipModels.WriteVision(Path.Combine(folder.Path, "onnx", "vision_model.onnx"), new TinyClipModels.Spec());
        TinyClipModels.WriteText(Path.Combine(folder.Path, "onnx", "text_model.onnx"), new TinyClipModels.Spec());
        CopyTokenizer(folder.Path);
        using (var encoder = OnnxClipEncoder.Load(folder.Path))
        {
            Assert.Equal(Path.Combine(folder.Path, "onnx", "vision_model.onnx"), encoder.VisionModelPath);
            Assert.Equal(Path.Combine(folder.Path, "onnx", "text_model.onnx"), encoder.TextModelPath);
            Assert.Equal(Path.Combine(folder.Path, "vocab.json"), encoder.Tokenizer.VocabularyPath);
        }
        // From the vision file: the text model beside it, the tokenizer above onnx/.
        using (var encoder = OnnxClipEncoder.Load(Path.Combine(folder.Path, "onnx", "vision_model.onnx")))
        {
            Assert.Equal(Path.Combine(folder.Path, "onnx", "text_model.onnx"), encoder.TextModelPath);
            Assert.Equal(Path.Combine(folder.Path, "vocab.json"), encoder.Tokenizer.VocabularyPath);
        }
    }

    [Fact]
    public void Combined_model_file_alone_serves_both_towers()
    {
        using var folder = new TempFolder();
        TinyClipModels.WriteCombined(Path.Combine(folder.Path, "model.onnx"), new TinyClipModels.Spec());
        CopyTokenizer(folder.Path);
        using var encoder = OnnxClipEncoder.Load(Path.Combine(folder.Path, "model.onnx"));
        Assert.Equal(encoder.VisionModelPath, encoder.TextModelPath);
        Assert.Equal(4, encoder.EncodeText(["a cat"]).Columns);
    }

    [Fact]
    public void Names_files_other_than_the_defaults()
    {
        using var folder = new TempFolder();
        TinyClipModels.WriteVision(Path.Combine(folder.Path, "img.onnx"), new TinyClipModels.Spec());
        TinyClipModels.WriteText(Path.Combine(folder.Path, "txt.onnx"), new TinyClipModels.Spec());
        using var encoder = OnnxClipEncoder.Load(folder.Path, TinyClipExport.Options(new OnnxClipOptions { VisionModelPath = "img.onnx", TextModelPath = "txt.onnx" }));
        Assert.EndsWith("txt.onnx", encoder.TextModelPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_say_where_they_were_looked_for()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => OnnxClipEncoder.Load(folder.Path, TinyClipExport.Options()));
        Assert.Contains("vision_model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => OnnxClipEncoder.Load(Path.Combine(folder.Path, "nothing.onnx")));

        // Models present, tokenizer missing.
        TinyClipModels.WriteVision(Path.Combine(folder.Path, "vision_model.onnx"), new TinyClipModels.Spec());
        TinyClipModels.WriteText(Path.Combine(folder.Path, "text_model.onnx"), new TinyClipModels.Spec());
        Assert.EndsWith("vocab.json", Assert.Throws<FileNotFoundException>(() => OnnxClipEncoder.Load(folder.Path)).FileName, StringComparison.Ordinal);
    }

    [Fact]
    public void Vision_model_without_a_text_model_is_refused_as_a_text_model()
    {
        using var folder = new TempFolder();
        TinyClipModels.WriteVision(Path.Combine(folder.Path, "vision_model.onnx"), new TinyClipModels.Spec());
        var error = Assert.Throws<InvalidFileException>(() => OnnxClipEncoder.Load(folder.Path, TinyClipExport.Options()));
        Assert.Contains("Not a CLIP text model", error.Message, StringComparison.Ordinal);
        Assert.Contains("'input_ids'", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, TinyClipModels.Spec, string, string[]> MismatchedModels() => new()
    {
        // tower, spec, field at fault, texts the message must hold (expected and actual).
        { "vision", new TinyClipModels.Spec { PixelName = "image" }, "pixel_values", ["no input 'pixel_values'", "'pixel_values' float [N, 3, H, W]", "'image' float [?, 3, 224, 224]"] },
        { "vision", new TinyClipModels.Spec { ImageEmbedsName = "pooled_output" }, "image_embeds", ["no output 'image_embeds'", "'image_embeds' float [N, D]", "'pooled_output' float [?, 4]"] },
        { "vision", new TinyClipModels.Spec { PixelDims = ["N", 3, 224] }, "pixel_values", ["rank 3 [?, 3, 224], not 4", "'pixel_values' float [N, 3, H, W]"] },
        { "vision", new TinyClipModels.Spec { PixelType = (int)global::Onnx.TensorProto.Types.DataType.Int64 }, "pixel_values", ["'pixel_values' is int64, not float", "'pixel_values' int64 [?, 3, 224, 224]"] },
        { "vision", new TinyClipModels.Spec { ImageEmbedsRank3 = true }, "image_embeds", ["'image_embeds' has rank 3 [?, 1, 4], not 2"] },
        { "vision", new TinyClipModels.Spec { PixelDims = ["N", 3, 336, 336] }, "pixel_values", ["takes 336, 336 pixels but the preprocessing crops 224 × 224"] },
        { "vision", new TinyClipModels.Spec { ExtraInput = "pixel_mask" }, "pixel_mask", ["input 'pixel_mask' the encoder cannot feed", "'pixel_mask' float [?, 1]"] },
        { "vision", new TinyClipModels.Spec { PatchName = "patch_embeds", PatchKernel = (224, 112) }, "patch_embeds", ["not a square number"] },
        { "text", new TinyClipModels.Spec { IdsName = "tokens" }, "input_ids", ["no input 'input_ids'", "'input_ids' int64 [M, 77]", "'tokens' int64 [?, 77]", "'attention_mask' int64 [?, 77]"] },
        { "text", new TinyClipModels.Spec { IdsType = (int)global::Onnx.TensorProto.Types.DataType.Float }, "input_ids", ["'input_ids' is float, not int64"] },
        { "text", new TinyClipModels.Spec { IdsDims = ["M", 64] }, "input_ids", ["takes 64 tokens but the tokenizer writes 77"] },
        { "text", new TinyClipModels.Spec { TextEmbedsName = "pooler_output" }, "text_embeds", ["no output 'text_embeds'", "'pooler_output' float [?, 4]"] },
        { "text", new TinyClipModels.Spec { TextDimension = 6 }, "text_embeds", ["6 wide", "are 4"] },
    };

    [Theory]
    [MemberData(nameof(MismatchedModels))]
    public void Mismatched_model_is_refused_with_expected_and_actual_signatures(string tower, TinyClipModels.Spec spec, string field, string[] fragments)
    {
        using var folder = new TempFolder();
        TinyClipModels.WriteVision(Path.Combine(folder.Path, "vision_model.onnx"), tower == "vision" ? spec : new TinyClipModels.Spec());
        TinyClipModels.WriteText(Path.Combine(folder.Path, "text_model.onnx"), tower == "text" ? spec : new TinyClipModels.Spec());
        var error = Assert.Throws<InvalidFileException>(() => OnnxClipEncoder.Load(folder.Path, TinyClipExport.Options()));
        Assert.Equal(field, error.Field);
        Assert.EndsWith(tower == "vision" ? "vision_model.onnx" : "text_model.onnx", error.FilePath, StringComparison.Ordinal);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void File_that_is_not_ONNX_is_refused()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "vision_model.onnx"), "not a model");
        TinyClipModels.WriteText(Path.Combine(folder.Path, "text_model.onnx"), new TinyClipModels.Spec());
        var error = Assert.Throws<InvalidFileException>(() => OnnxClipEncoder.Load(folder.Path, TinyClipExport.Options()));
        Assert.EndsWith("vision_model.onnx", error.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_checked()
    {
        using var export = TinyClipExport.Separate();
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { BatchSize = 0 })));
        Assert.Throws<ArgumentException>(() => OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { TextEmbedsName = "image_embeds" })));
        Assert.Throws<ArgumentException>(() => OnnxClipEncoder.Load(export.Folder, TinyClipExport.Options(new OnnxClipOptions { PatchEmbedsName = "" })));
        Assert.Throws<ArgumentException>(() => OnnxClipEncoder.Load(export.VisionPath, TinyClipExport.Options(new OnnxClipOptions { VisionModelPath = "x.onnx" })));
        Assert.Throws<ArgumentException>(() => OnnxClipEncoder.Load(""));
    }
}
