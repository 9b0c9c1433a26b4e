using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD.MLNet.Tests;

public sealed class MlNetImageTeacherTests
{
    private const double Tolerance = 1e-4;

    /// <summary>An encoder whose features are an image's mean R, G, B in [0, 1]: easy to compute by hand.</summary>
    private sealed class MeanColourEncoder : IImageEncoder
    {
        private readonly ImageDecoder _decoder = new();

        public string ModelId => "mean-colour:v1";

        public int Dimension => 3;

        public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            var rows = new List<float[]>();
            var ids = new List<string>();
            var failures = new List<DecodeFailure>();
            for (var i = 0; i < images.Count; i++)
            {
                var outcome = _decoder.TryDecode(images[i]);
                if (outcome.Image is { } image)
                {
                    var sum = new double[3];
                    for (var p = 0; p < image.Rgb.Length; p++)
                    {
                        sum[p % 3] += image.Rgb[p];
                    }
                    rows.Add(sum.Select(s => (float)(s / (image.Rgb.Length / 3) / 255)).ToArray());
                    ids.Add(images[i].Id);
                }
                else
                {
                    failures.Add(outcome.Failure!);
                }
            }
            return Task.FromResult(new ImageEmbeddings(FloatMatrix.FromRows(rows), ids, failures));
        }
    }

    private static DecodedImage Solid(byte r, byte g, byte b) => DecodedImage.Filled(4, 4, r, g, b);

    [Fact]
    public async Task Images_are_encoded_scored_by_the_mlnet_model_and_failures_reported()
    {
        // Train a 3-class head on mean colours: reddish, greenish, bluish.
        var random = new Random(2);
        var features = new FloatMatrix(90, 3);
        var labels = new int[90];
        for (var n = 0; n < 90; n++)
        {
            labels[n] = n % 3;
            for (var c = 0; c < 3; c++)
            {
                features[n, c] = (c == labels[n] ? 0.7f : 0.2f) + 0.1f * random.NextSingle();
            }
        }
        string[] classes = ["red", "green", "blue"];
        var fit = ClassifierHeadTrainer.Train(features, labels, classes);
        var teacher = MlNetImageTeacher.Create(new MeanColourEncoder(), MlNetTeacher.Create(fit.Model, classes), "head:test");
        Assert.Equal("mlnet:head:test:mean-colour:v1", teacher.TeacherId);
        Assert.Equal(classes, teacher.ClassNames);

        (byte R, byte G, byte B)[] colours = [(220, 40, 30), (30, 200, 60), (20, 50, 230), (120, 120, 120)];
        var items = colours.Select((c, i) => ImageItem.FromDecoded($"c{i}", Solid(c.R, c.G, c.B))).ToList();
        items.Insert(2, ImageItem.FromEncoded("broken", [1, 2, 3]));
        var run = await teacher.PredictAsync(ImageSource.FromItems(items));

        Assert.Equal(TeacherOutputKind.Probabilities, run.Kind);
        Assert.Equal(["c0", "c1", "c2", "c3"], run.Outputs.ImageIds);
        Assert.Equal("broken", Assert.Single(run.Failures).Id);
        Assert.Equal([0, 1, 2], run.Outputs.PredictedLabels.Take(3));
        // The head computed from the hand-made features gives the ML.NET model's probabilities.
        var expected = fit.Head.Probabilities(FloatMatrix.FromRows(colours.Select(c => new[] { c.R / 255f, c.G / 255f, c.B / 255f }).ToList()));
        for (var n = 0; n < colours.Length; n++)
        {
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(expected[n, k], run.Outputs.Probabilities[n, k], Tolerance);
            }
        }
    }

    [Fact]
    public async Task The_composed_resnet18_teacher_gives_what_the_mlnet_model_gives_on_the_same_features()
    {
        // The default ConceptWorld teacher end to end, on small synthetic images: ResNet-18 features, a head trained with
        // ML.NET, composed into one ONNX file and run by OnnxTeacher, against the ML.NET model on the backbone's features.
        using var backbone = ResNet18Backbone.Load(null, new ResNet18Options { Parallelism = 2, IntraOpThreads = 1 });
        var images = new List<(string, DecodedImage)>();
        for (var i = 0; i < 8; i++)
        {
            var warm = i % 2 == 0;
            var rgb = new byte[64 * 64 * 3];
            for (var p = 0; p < 64 * 64; p++)
            {
                var stripe = ((p % 64) / (4 + i)) % 2 == 0;
                (rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2]) = warm ? ((byte)(stripe ? 230 : 150), (byte)(60 + 10 * i), (byte)20) : ((byte)20, (byte)(60 + 10 * i), (byte)(stripe ? 230 : 150));
            }
            images.Add(($"img{i}", new DecodedImage(64, 64, rgb)));
        }
        var source = ImageSource.FromImages(images);
        var encoded = await backbone.EncodeAsync(source);
        string[] classes = ["warm", "cool"];
        var fit = ClassifierHeadTrainer.Train(encoded.Embeddings, Enumerable.Range(0, 8).Select(i => i % 2).ToArray(), classes);
        Assert.Equal(1.0, fit.TrainingAccuracy);

        var directory = Directory.CreateTempSubdirectory("infcd-mlnet-teacher-").FullName;
        try
        {
            var composed = TeacherModelComposer.ComposeResNet18(backbone, fit.Head, Path.Combine(directory, "teacher.onnx"));
            using var onnx = composed.LoadTeacher();
            var fromOnnx = await onnx.PredictAsync(source);
            var fromMlNet = await MlNetImageTeacher.Create(backbone, MlNetTeacher.Create(fit.Model, classes), "head").PredictAsync(source);
            Assert.Equal(fromMlNet.Outputs.ImageIds, fromOnnx.Outputs.ImageIds);
            Assert.Equal([0, 1, 0, 1, 0, 1, 0, 1], fromOnnx.Outputs.PredictedLabels);
            for (var n = 0; n < 8; n++)
            {
                for (var k = 0; k < 2; k++)
                {
                    Assert.Equal(fromMlNet.Outputs.Probabilities[n, k], fromOnnx.Outputs.Probabilities[n, k], Tolerance);
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
