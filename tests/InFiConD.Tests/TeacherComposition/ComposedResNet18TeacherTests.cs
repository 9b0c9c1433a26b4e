using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD.Tests;

public sealed class ComposedResNet18TeacherTests(ResNet18TeacherFixture fixture) : IClassFixture<ResNet18TeacherFixture>
{
    /// <summary>Largest accepted difference between the composed model's probabilities and the separate backbone + double head.</summary>
    private const double Tolerance = 1e-4;

    private static readonly string[] Classes = ["boat", "car", "house", "tree", "flower", "fish"];

    private readonly ResNet18Backbone _backbone = fixture.Backbone;

    /// <summary>A seeded head whose logits over ResNet-18's non-negative features spread over a few units, so the probabilities are far from one-hot.</summary>
    private static ClassifierHead RandomHead(int d = 512, int seed = 11)
    {
        var random = new Random(seed);
        var weights = new FloatMatrix(Classes.Length, d);
        foreach (ref var w in weights.AsSpan())
        {
            w = 0.08f * (random.NextSingle() - 0.5f);
        }
        return new ClassifierHead(weights, Enumerable.Range(0, Classes.Length).Select(k => 0.1f * k).ToArray(), Classes);
    }

    /// <summary>Synthetic images of several sizes (resized and centre-cropped differently): gradients, stripes, rings, noise.</summary>
    private static ImageSource Images(int count)
    {
        (int W, int H)[] sizes = [(224, 224), (300, 200), (96, 160), (256, 256), (180, 240)];
        var images = new List<(string, DecodedImage)>();
        for (var i = 0; i < count; i++)
        {
            var (width, height) = sizes[i % sizes.Length];
            var random = new Random(100 + i);
            var rgb = new byte[width * height * 3];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var p = 3 * (y * width + x);
                    var ring = Math.Sin(Math.Sqrt((x - width / 2.0) * (x - width / 2.0) + (y - height / 2.0) * (y - height / 2.0)) / (3 + i));
                    rgb[p] = (byte)(i % 2 == 0 ? 255 * x / width : 128 + 127 * ring);
                    rgb[p + 1] = (byte)((x / (4 + 2 * i) + y / 7) % 2 == 0 ? 200 : 30);
                    rgb[p + 2] = (byte)(i == 3 ? random.Next(256) : 255 * y / height);
                }
            }
            images.Add(($"img{i}", new DecodedImage(width, height, rgb)));
        }
        return ImageSource.FromImages(images);
    }

    /// <summary>The independent reference: the backbone's features, then the head in double precision and a softmax.</summary>
    private async Task<double[][]> ReferenceAsync(ClassifierHead head, ImageSource images)
    {
        var features = (await _backbone.EncodeAsync(images)).Embeddings;
        var result = new double[features.Rows][];
        for (var n = 0; n < features.Rows; n++)
        {
            var logits = new double[head.ClassCount];
            for (var k = 0; k < logits.Length; k++)
            {
                double sum = head.Bias[k];
                for (var j = 0; j < head.FeatureDimension; j++)
                {
                    sum += (double)head.Weights[k, j] * features[n, j];
                }
                logits[k] = sum;
            }
            var max = logits.Max();
            var total = logits.Sum(l => Math.Exp(l - max));
            result[n] = logits.Select(l => Math.Exp(l - max) / total).ToArray();
        }
        return result;
    }

    private static double MaxDifference(FloatMatrix actual, double[][] expected) =>
        Enumerable.Range(0, expected.Length).SelectMany(n => expected[n].Select((e, k) => Math.Abs(e - actual[n, k]))).Max();

    [Fact]
    public async Task The_composed_teacher_matches_the_backbone_and_a_double_precision_head()
    {
        var head = RandomHead();
        var path = Path.Combine(fixture.Directory, "dynamic.onnx");
        var composed = TeacherModelComposer.ComposeResNet18(_backbone, head, path);
        Assert.True(composed.DynamicBatch);
        Assert.Equal([-1L, 3L, 224L, 224L], composed.InputShape);
        Assert.Equal(512, composed.FeatureDimension);
        Assert.Equal(["ResNetPreprocess.onnx", "ResNet18.onnx"], composed.Chain);
        Assert.Equal([new OnnxOpset("", 8)], composed.Opsets);
        Assert.Equal(Preprocessing.ResNet18Package, composed.Preprocessing);

        // Batches of 3 over 5 images: a full batch and a partial one through the symbolic batch dimension.
        using var teacher = composed.LoadTeacher(options: new OnnxTeacherOptions { Model = new OnnxImageModelOptions { BatchSize = 3 } });
        Assert.Equal(3, teacher.Model.BatchSize);
        var images = Images(5);
        var run = await teacher.PredictAsync(images);
        Assert.Equal(TeacherOutputKind.Probabilities, run.Kind);
        Assert.Equal(["img0", "img1", "img2", "img3", "img4"], run.Outputs.ImageIds);
        Assert.Equal(Classes, run.Outputs.ClassNames);

        var expected = await ReferenceAsync(head, images);
        Assert.True(MaxDifference(run.Outputs.Probabilities, expected) <= Tolerance, $"max |Δp| = {MaxDifference(run.Outputs.Probabilities, expected)}");
        // The head spreads the probabilities: the comparison is not between near-one-hot rows.
        Assert.All(expected, row => Assert.True(row.Max() < 0.95, $"row max {row.Max()}"));
        Assert.Equal(expected.Select(row => Array.IndexOf(row, row.Max())), run.Outputs.PredictedLabels);
    }

    [Fact]
    public async Task A_fixed_batch_of_one_runs_through_the_teacher_one_image_per_call()
    {
        var head = RandomHead(seed: 5);
        var composed = TeacherModelComposer.ComposeResNet18(_backbone, head, Path.Combine(fixture.Directory, "fixed.onnx"),
            new TeacherCompositionOptions { Batch = CompositionBatch.Fixed });
        Assert.False(composed.DynamicBatch);
        Assert.Equal([1L, 3L, 224L, 224L], composed.InputShape);

        using var teacher = composed.LoadTeacher();
        Assert.Equal(1, teacher.Model.BatchSize);
        var images = Images(2);
        var run = await teacher.PredictAsync(images);
        var expected = await ReferenceAsync(head, images);
        Assert.True(MaxDifference(run.Outputs.Probabilities, expected) <= Tolerance, $"max |Δp| = {MaxDifference(run.Outputs.Probabilities, expected)}");
    }

    [Fact]
    public void A_head_that_is_not_512_wide_is_refused_naming_both_dimensions()
    {
        var path = Path.Combine(fixture.Directory, "wrong.onnx");
        var ex = Assert.Throws<ShapeMismatchException>(() => TeacherModelComposer.ComposeResNet18(RandomHead(d: 256), path, _backbone.ModelsDirectory));
        Assert.Contains("512 features per image", ex.Expected);
        Assert.Contains("'Pooling395_Output_0' float [1 × 512 × 1 × 1] of ResNet18.onnx", ex.Expected);
        Assert.Contains("6 × 256", ex.Actual);
        Assert.False(File.Exists(path));
    }
}
