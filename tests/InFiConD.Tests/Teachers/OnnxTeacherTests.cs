using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD.Tests;

public sealed class OnnxTeacherTests : IDisposable
{
    private static readonly float[,] Weights = { { 2f, -1f, 0f }, { 0f, 1f, -1f }, { 1f, 0f, 3f } };
    private static readonly string[] Classes = ["boat", "car", "tree"];

    /// <summary>Scale 1/255, no mean/std, no resize: the model sees each channel's mean value in [0, 1].</summary>
    private static readonly Preprocessing Plain = new() { Scale = 1f / 255f };

    private readonly string _directory = Directory.CreateTempSubdirectory("infcd-teacher-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static DecodedImage Solid(byte r, byte g, byte b, int width = 4, int height = 4)
    {
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = (r, g, b);
        }
        return new DecodedImage(width, height, rgb);
    }

    private static double[] HandLogits(byte r, byte g, byte b)
    {
        var x = new[] { r / 255.0, g / 255.0, b / 255.0 };
        return Enumerable.Range(0, 3).Select(k => x[0] * Weights[0, k] + x[1] * Weights[1, k] + x[2] * Weights[2, k]).ToArray();
    }

    private static double[] Softmax(double[] logits)
    {
        var e = logits.Select(l => Math.Exp(l - logits.Max())).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    [Theory]
    [InlineData(false, 16)]
    [InlineData(true, 2)]
    public async Task Logits_and_probabilities_are_detected_and_match_a_hand_computation(bool softmaxInModel, int batchSize)
    {
        var path = Path.Combine(_directory, "tiny.onnx");
        TinyClassifier.Write(path, Weights, softmaxInModel);
        using var teacher = OnnxTeacher.Load(path, Plain, Classes, new OnnxTeacherOptions { Model = new OnnxImageModelOptions { BatchSize = batchSize } });
        var colours = new (byte R, byte G, byte B)[] { (255, 0, 0), (0, 255, 0), (10, 20, 250), (128, 128, 128), (0, 0, 0) };
        var images = ImageSource.FromImages(colours.Select((c, i) => ($"img{i}", Solid(c.R, c.G, c.B))));
        var run = await teacher.PredictAsync(images);
        Assert.Equal(softmaxInModel ? TeacherOutputKind.Probabilities : TeacherOutputKind.Logits, run.Kind);
        Assert.Empty(run.Failures);
        Assert.Equal(["img0", "img1", "img2", "img3", "img4"], run.Outputs.ImageIds);
        for (var n = 0; n < colours.Length; n++)
        {
            var expected = Softmax(HandLogits(colours[n].R, colours[n].G, colours[n].B));
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(expected[k], run.Outputs.Probabilities[n, k], 1e-5);
            }
            Assert.Equal(Array.IndexOf(expected, expected.Max()), run.Outputs.PredictedLabels[n]);
        }
    }

    [Fact]
    public async Task Bad_images_are_reported_and_the_run_goes_on_unless_fail_fast()
    {
        var path = Path.Combine(_directory, "tiny.onnx");
        TinyClassifier.Write(path, Weights);
        using var teacher = OnnxTeacher.Load(path, Plain, Classes);
        var items = new List<ImageItem>
        {
            ImageItem.FromDecoded("good", Solid(200, 10, 10)),
            ImageItem.FromEncoded("empty", []),
            ImageItem.FromEncoded("text", "not an image at all"u8.ToArray()),
            ImageItem.FromFile("missing", Path.Combine(_directory, "missing.png")),
            ImageItem.FromDecoded("good2", Solid(10, 10, 200)),
        };
        var run = await teacher.PredictAsync(ImageSource.FromItems(items));
        Assert.Equal(["good", "good2"], run.Outputs.ImageIds);
        Assert.Equal(["empty", "text", "missing"], run.Failures.Select(f => f.Id));
        Assert.Equal(DecodeFailureReason.Missing, run.Failures[2].Reason);

        using var strict = OnnxTeacher.Load(path, Plain, Classes, new OnnxTeacherOptions { Model = new OnnxImageModelOptions { FailFast = true } });
        var ex = await Assert.ThrowsAsync<ImageDecodeException>(() => strict.PredictAsync(ImageSource.FromItems(items)));
        Assert.Equal("empty", ex.Failure.Id);
    }

    [Fact]
    public async Task Temperature_softens_logits()
    {
        var path = Path.Combine(_directory, "tiny.onnx");
        TinyClassifier.Write(path, Weights);
        using var teacher = OnnxTeacher.Load(path, Plain, Classes, new OnnxTeacherOptions { Temperature = 4f, OutputKind = TeacherOutputKind.Logits });
        var run = await teacher.PredictAsync(ImageSource.FromImages([("a", Solid(255, 0, 0))]));
        var expected = Softmax(HandLogits(255, 0, 0).Select(l => l / 4).ToArray());
        Assert.Equal(expected[0], run.Outputs.Probabilities[0, 0], 1e-5);
    }

    [Fact]
    public void Models_that_do_not_fit_get_errors_listing_names_types_and_shapes()
    {
        var wrongName = Path.Combine(_directory, "name.onnx");
        TinyClassifier.Write(wrongName, Weights, inputName: "images");
        var named = Assert.Throws<InvalidFileException>(() => OnnxTeacher.Load(wrongName, Plain, Classes, new OnnxTeacherOptions { Model = new OnnxImageModelOptions { InputName = "pixel_values" } }));
        Assert.Contains("'images' Single [? × 3 × ? × ?]", named.Message);
        Assert.Equal("inputs", named.Field);

        var wrongRank = Path.Combine(_directory, "rank.onnx");
        TinyClassifier.Write(wrongRank, Weights, rank: 3);
        Assert.Contains("rank 4", Assert.Throws<InvalidFileException>(() => OnnxTeacher.Load(wrongRank, Plain, Classes)).Message);

        var garbage = Path.Combine(_directory, "garbage.onnx");
        File.WriteAllText(garbage, "not a model");
        Assert.Equal(garbage, Assert.Throws<InvalidFileException>(() => OnnxTeacher.Load(garbage, Plain, Classes)).FilePath);
        Assert.Throws<FileNotFoundException>(() => OnnxTeacher.Load(Path.Combine(_directory, "none.onnx"), Plain, Classes));
        Assert.Throws<ArgumentException>(() => OnnxTeacher.Load(wrongName, Plain, ["a", "a"]));
    }

    [Fact]
    public async Task A_teacher_model_that_fails_to_run_is_a_named_error_with_the_model_file_and_input()
    {
        var path = Path.Combine(_directory, "failing.onnx");
        TinyClassifier.WriteFailing(path, classes: 3);
        var options = new OnnxTeacherOptions { Model = new OnnxImageModelOptions { BatchSize = 2, LogLevel = OnnxLogLevel.Fatal } };
        using var teacher = OnnxTeacher.Load(path, Plain, Classes, options);

        var error = await Assert.ThrowsAsync<ModelRunException>(() => teacher.PredictAsync(ImageSource.FromImages([("a", Solid(1, 2, 3, 2, 2)), ("b", Solid(4, 5, 6, 2, 2))])));

        Assert.Equal(Path.GetFullPath(path), error.ModelPath);
        Assert.Equal("pixel_values", error.InputName);
        Assert.Equal([2L, 3, 2, 2], error.InputShape);
        Assert.Contains("Reshape", error.RuntimeMessage, StringComparison.Ordinal);
        Assert.IsType<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>(error.InnerException);
    }

    [Fact]
    public async Task Class_count_mismatch_and_fixed_batch_one()
    {
        var path = Path.Combine(_directory, "one.onnx");
        TinyClassifier.Write(path, Weights, batch: 1);
        using var teacher = OnnxTeacher.Load(path, Plain, Classes, new OnnxTeacherOptions { Model = new OnnxImageModelOptions { BatchSize = 8 } });
        Assert.Equal(1, teacher.Model.BatchSize);
        var run = await teacher.PredictAsync(ImageSource.FromImages([("a", Solid(1, 2, 3)), ("b", Solid(4, 5, 6))]));
        Assert.Equal(2, run.Outputs.ImageCount);

        using var twoClasses = OnnxTeacher.Load(path, Plain, ["x", "y"]);
        var ex = await Assert.ThrowsAsync<ShapeMismatchException>(() => twoClasses.PredictAsync(ImageSource.FromImages([("a", Solid(1, 2, 3))])));
        Assert.Contains("3", ex.Actual);
    }

    [Fact]
    public async Task Delegate_teacher_scores_images_and_reports_failures()
    {
        var teacher = DelegateTeacher.Create(Classes, "rule:v1", image => image.Rgb[0] > 128 ? [0.8f, 0.1f, 0.1f] : [0.1f, 0.1f, 0.8f]);
        var run = await teacher.PredictAsync(ImageSource.FromItems([
            ImageItem.FromDecoded("red", Solid(255, 0, 0)),
            ImageItem.FromEncoded("bad", [1, 2, 3]),
            ImageItem.FromDecoded("blue", Solid(0, 0, 255)),
        ]));
        Assert.Equal(TeacherOutputKind.Probabilities, run.Kind);
        Assert.Equal([0, 2], run.Outputs.PredictedLabels);
        Assert.Single(run.Failures);

        var wrong = DelegateTeacher.Create(Classes, "rule:v2", _ => [1f, 2f]);
        var ex = await Assert.ThrowsAsync<ShapeMismatchException>(() => wrong.PredictAsync(ImageSource.FromImages([("x", Solid(0, 0, 0))])));
        Assert.Contains("'x'", ex.Field);
    }

    [Fact]
    public async Task Class_names_and_a_sigmoid_head_are_read_from_the_models_metadata()
    {
        var path = Path.Combine(_directory, "named.onnx");
        TinyClassifier.Write(path, Weights, metadata: new Dictionary<string, string>
        {
            [TeacherModelComposer.ClassNamesKey] = "[\"boat\",\"car\",\"tree\"]",
            [TeacherModelComposer.ActivationKey] = nameof(HeadActivation.Sigmoid),
        });
        using var teacher = OnnxTeacher.Load(path, Plain);
        Assert.Equal(Classes, teacher.ClassNames);
        Assert.Equal(2, teacher.Model.CustomMetadata.Count);
        var run = await teacher.PredictAsync(ImageSource.FromImages([("red", Solid(255, 0, 0))]));
        Assert.True(run.Outputs.MultiLabel);
        Assert.Equal(1 / (1 + Math.Exp(-HandLogits(255, 0, 0)[0])), run.Outputs.Probabilities[0, 0], 1e-5);
    }

    [Theory]
    [InlineData(null, "carries no class names")]
    [InlineData("{\"boat\":1}", "not a JSON array of strings")]
    [InlineData("[\"boat\",\"boat\",\"tree\"]", "repeat one another")]
    public void Missing_or_bad_class_names_in_the_metadata_are_named(string? names, string problem)
    {
        var path = Path.Combine(_directory, "bad.onnx");
        TinyClassifier.Write(path, Weights, metadata: names is null ? null : new Dictionary<string, string> { [TeacherModelComposer.ClassNamesKey] = names });
        var error = Assert.Throws<InvalidFileException>(() => OnnxTeacher.Load(path, Plain));
        Assert.Equal(TeacherModelComposer.ClassNamesKey, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
