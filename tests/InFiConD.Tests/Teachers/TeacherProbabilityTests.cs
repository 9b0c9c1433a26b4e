using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD.Tests;

/// <summary>
/// Teachers whose logits are large (±10⁴, or 100 where exp overflows float) or −∞ give the float64 softmax / sigmoid,
/// never NaN: the path through <see cref="TeacherOutputs.FromLogits"/> and <see cref="ClassifierHead"/>.
/// </summary>
public sealed class TeacherProbabilityTests : IDisposable
{
    private const double Tolerance = 1e-6;
    private static readonly string[] Classes = ["boat", "car", "tree"];
    private static readonly Preprocessing Plain = new() { Scale = 1f / 255f };

    private readonly string _directory = Directory.CreateTempSubdirectory("infcd-probabilities-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static DecodedImage Solid(byte r, byte g, byte b)
    {
        var rgb = new byte[4 * 4 * 3];
        for (var i = 0; i < 16; i++)
        {
            (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = (r, g, b);
        }
        return new DecodedImage(4, 4, rgb);
    }

    private static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var e = logits.Select(l => Math.Exp(l - max)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    [Fact]
    public async Task An_onnx_teacher_with_logits_in_the_hundreds_gives_the_float64_softmax()
    {
        // Channel means in [0, 1] times weights in the hundreds: logits up to 600, where exp overflows float.
        float[,] weights = { { 600f, -300f, 0f }, { 0f, 250f, -250f }, { 150f, 0f, 450f } };
        var path = Path.Combine(_directory, "loud.onnx");
        TinyClassifier.Write(path, weights);
        using var teacher = OnnxTeacher.Load(path, Plain, Classes, new OnnxTeacherOptions { OutputKind = TeacherOutputKind.Logits });
        var colours = new (byte R, byte G, byte B)[] { (255, 0, 0), (0, 255, 0), (10, 20, 250), (128, 128, 128) };

        var run = await teacher.PredictAsync(ImageSource.FromImages(colours.Select((c, i) => ($"img{i}", Solid(c.R, c.G, c.B)))));

        for (var n = 0; n < colours.Length; n++)
        {
            var x = new[] { colours[n].R / 255.0, colours[n].G / 255.0, colours[n].B / 255.0 };
            var expected = Softmax(Enumerable.Range(0, 3).Select(k => x[0] * weights[0, k] + x[1] * weights[1, k] + x[2] * weights[2, k]).ToArray());
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(expected[k], run.Outputs.Probabilities[n, k], 1e-5);
            }
        }
        Assert.Equal([0, 1, 2, 0], run.Outputs.PredictedLabels);
    }

    [Fact]
    public async Task A_delegate_teacher_with_huge_and_negative_infinite_logits_gives_exact_limits()
    {
        var teacher = DelegateTeacher.Create(Classes, "loud:v1",
            image => image.Rgb[0] > 128 ? [100f, 0f, 0f] : [float.NegativeInfinity, -1e4f, 1e4f], TeacherOutputKind.Logits);

        var run = await teacher.PredictAsync(ImageSource.FromImages([("red", Solid(255, 0, 0)), ("blue", Solid(0, 0, 255))]));

        Assert.Equal(1f, run.Outputs.Probabilities[0, 0]);
        Assert.Equal(Math.Exp(-100), run.Outputs.Probabilities[0, 1], 1e-44);
        Assert.Equal([0f, 0f, 1f], run.Outputs.Probabilities.Row(1).ToArray());
        Assert.Equal([0, 2], run.Outputs.PredictedLabels);
    }

    [Fact]
    public async Task A_delegate_teacher_whose_logits_are_all_negative_infinity_is_refused_by_name()
    {
        var teacher = DelegateTeacher.Create(Classes, "masked:v1", _ => [float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity], TeacherOutputKind.Logits);

        var error = await Assert.ThrowsAsync<NonFiniteValueException>(() => teacher.PredictAsync(ImageSource.FromImages([("only", Solid(1, 2, 3))])));

        Assert.Contains("'only'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Row);
    }

    [Theory]
    [InlineData(HeadActivation.Softmax)]
    [InlineData(HeadActivation.Sigmoid)]
    public void A_classifier_head_with_logits_of_ten_thousand_matches_float64(HeadActivation activation)
    {
        var head = new ClassifierHead(FloatMatrix.FromValues([1f, 0f, -1f, 1f, 0.5f, 0.5f], 3, 2), [0f, 0f, 0f], Classes, activation);
        float[][] features = [[1e4f, 0f], [-1e4f, -1e4f], [100f, 100f], [0f, -95f]];

        var probabilities = head.Probabilities(FloatMatrix.FromRows(features));

        for (var n = 0; n < features.Length; n++)
        {
            var logits = Enumerable.Range(0, 3).Select(k => (double)head.Weights[k, 0] * features[n][0] + (double)head.Weights[k, 1] * features[n][1]).ToArray();
            var expected = activation == HeadActivation.Softmax ? Softmax(logits) : logits.Select(Sigmoid).ToArray();
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(expected[k], probabilities[n, k], Tolerance);
            }
        }
    }
}
