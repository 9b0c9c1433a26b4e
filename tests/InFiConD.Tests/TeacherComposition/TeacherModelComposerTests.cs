using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace InFiConD.Tests;

public sealed class TeacherModelComposerTests : IDisposable
{
    private const double Tolerance = 1e-5;

    private static readonly float[] W1 = [0.5f, -1f, 2f, 1.5f];
    private static readonly float[] B1 = [0.1f, 0.2f, -0.3f, 0f];
    private static readonly float[] W2 = [2f, 0.5f, -1f, 3f];
    private static readonly float[] B2 = [-1f, 0f, 0.5f, 0.25f];
    private static readonly float[,] Inputs = { { 1f, 2f, -1f, 0.5f }, { -2f, 0f, 1f, 1f }, { 0.3f, -0.7f, 0.2f, -0.1f } };

    private readonly string _directory = Directory.CreateTempSubdirectory("infcd-compose-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static ClassifierHead Head(int d, HeadActivation activation = HeadActivation.Softmax) =>
        new(FloatMatrix.FromValues(Enumerable.Range(0, 3 * d).Select(i => MathF.Sin(i + 1f)).ToArray(), 3, d), [0.3f, -0.2f, 0.1f], ["boat", "car", "tree"], activation);

    /// <summary>The head in double precision: logits x·Wᵀ + b, then softmax or sigmoid.</summary>
    private static (double[] Logits, double[] Probabilities) Reference(ClassifierHead head, double[] x)
    {
        var logits = Enumerable.Range(0, head.ClassCount).Select(k => head.Bias[k] + Enumerable.Range(0, x.Length).Sum(j => (double)head.Weights[k, j] * x[j])).ToArray();
        var max = logits.Max();
        var probabilities = head.Activation == HeadActivation.Softmax
            ? logits.Select(l => Math.Exp(l - max) / logits.Sum(m => Math.Exp(m - max))).ToArray()
            : logits.Select(l => 1 / (1 + Math.Exp(-l))).ToArray();
        return (logits, probabilities);
    }

    private static (float[] Probabilities, float[] Logits, string[] OutputNames) Run(string path, float[,] x, long[]? shape = null)
    {
        using var session = new InferenceSession(path);
        var values = x.Cast<float>().ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(values, shape ?? [x.GetLength(0), x.GetLength(1)]);
        using var outputs = session.Run(new RunOptions(), [session.InputNames[0]], [input], session.OutputNames);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[1].GetTensorDataAsSpan<float>().ToArray(), [.. session.OutputNames]);
    }

    [Fact]
    public void Two_models_with_colliding_names_compose_to_the_expected_function()
    {
        TinyChain.Affine(PathOf("first.onnx"), W1, B1, "N");
        TinyChain.Affine(PathOf("second.onnx"), W2, B2, "N");
        var head = Head(4);
        var composed = TeacherModelComposer.Compose([PathOf("first.onnx"), PathOf("second.onnx")], head, PathOf("teacher.onnx"));

        Assert.Equal("x", composed.InputName);
        Assert.Equal([-1L, 4L], composed.InputShape);
        Assert.True(composed.DynamicBatch);
        Assert.Equal(["first.onnx", "second.onnx"], composed.Chain);
        Assert.Equal([new OnnxOpset("", 13)], composed.Opsets);
        Assert.Equal(8, composed.IrVersion);
        Assert.Null(composed.Preprocessing);

        var (probabilities, logits, names) = Run(PathOf("teacher.onnx"), Inputs);
        Assert.Equal([TeacherModelComposer.ProbabilitiesName, TeacherModelComposer.LogitsName], names);
        for (var n = 0; n < Inputs.GetLength(0); n++)
        {
            // Hand computation: second(first(x)) = (x ⊙ w1 + b1) ⊙ w2 + b2, then the head.
            var features = Enumerable.Range(0, 4).Select(j => ((double)Inputs[n, j] * W1[j] + B1[j]) * W2[j] + B2[j]).ToArray();
            var (expectedLogits, expectedProbabilities) = Reference(head, features);
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(expectedLogits[k], logits[n * 3 + k], Tolerance);
                Assert.Equal(expectedProbabilities[k], probabilities[n * 3 + k], Tolerance);
            }
        }

        // Names were kept apart: each model's values carry its own prefix, and the metadata names the classes.
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(PathOf("teacher.onnx")));
        Assert.Contains(model.Graph.Initializer, t => t.Name == "first/w");
        Assert.Contains(model.Graph.Initializer, t => t.Name == "second/w");
        Assert.Contains(model.Graph.Node, n => n.Name == "second/n0" && n.Input[0] == "first/out");
        Assert.Equal("[\"boat\",\"car\",\"tree\"]", model.MetadataProps.Single(p => p.Key == TeacherModelComposer.ClassNamesKey).Value);
    }

    [Fact]
    public void The_same_file_twice_gets_two_prefixes_and_a_rank_3_output_is_flattened_for_a_sigmoid_head()
    {
        TinyChain.Affine(PathOf("affine.onnx"), W1, B1, 1);
        TinyChain.Reshape(PathOf("reshape.onnx"), 1);
        var head = Head(4, HeadActivation.Sigmoid);
        var composed = TeacherModelComposer.Compose([PathOf("affine.onnx"), PathOf("affine.onnx"), PathOf("reshape.onnx")], head, PathOf("teacher.onnx"));
        Assert.False(composed.DynamicBatch); // the Reshape pins the batch, so Auto keeps it fixed
        Assert.Equal([1L, 4L], composed.InputShape);

        var x = new float[,] { { 1f, -2f, 0.5f, 3f } };
        var (probabilities, logits, _) = Run(PathOf("teacher.onnx"), x);
        var features = Enumerable.Range(0, 4).Select(j => ((double)x[0, j] * W1[j] + B1[j]) * W1[j] + B1[j]).ToArray();
        var (expectedLogits, expectedProbabilities) = Reference(head, features);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(expectedLogits[k], logits[k], Tolerance);
            Assert.Equal(expectedProbabilities[k], probabilities[k], Tolerance);
        }
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(PathOf("teacher.onnx")));
        Assert.Contains(model.Graph.Initializer, t => t.Name == "affine_2/w");
        Assert.Contains(model.Graph.Node, n => n.OpType == "Flatten");
    }

    [Fact]
    public void A_fixed_batch_of_one_becomes_symbolic_when_every_node_is_per_image()
    {
        TinyChain.ReluScale(PathOf("relu.onnx"), W1, batch: 1, opset: 8);
        TinyChain.Affine(PathOf("affine.onnx"), W2, B2, batch: 1, opset: 13);
        var head = Head(4);
        var composed = TeacherModelComposer.Compose([PathOf("relu.onnx"), PathOf("affine.onnx")], head, PathOf("teacher.onnx"));
        Assert.True(composed.DynamicBatch);
        Assert.Equal([-1L, 4L], composed.InputShape);
        // Relu and Mul mean the same from opset 8 to 13, so the chain runs under 13.
        Assert.Equal([new OnnxOpset("", 13)], composed.Opsets);

        var (probabilities, _, _) = Run(PathOf("teacher.onnx"), Inputs);
        for (var n = 0; n < 3; n++)
        {
            var features = Enumerable.Range(0, 4).Select(j => Math.Max(0, (double)Inputs[n, j]) * W1[j] * W2[j] + B2[j]).ToArray();
            var (_, expected) = Reference(head, features);
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(expected[k], probabilities[n * 3 + k], Tolerance);
            }
        }

        var fixedBatch = TeacherModelComposer.Compose([PathOf("relu.onnx"), PathOf("affine.onnx")], head, PathOf("fixed.onnx"), new TeacherCompositionOptions { Batch = CompositionBatch.Fixed });
        Assert.False(fixedBatch.DynamicBatch);
        Assert.Equal([1L, 4L], fixedBatch.InputShape);
    }

    [Fact]
    public void Dynamic_batch_is_refused_for_a_batch_bound_node()
    {
        TinyChain.Reshape(PathOf("reshape.onnx"), 1);
        var ex = Assert.Throws<InFiConDException>(() => TeacherModelComposer.Compose([PathOf("reshape.onnx")], Head(4), PathOf("teacher.onnx"), new TeacherCompositionOptions { Batch = CompositionBatch.Dynamic }));
        Assert.Contains("node 'n0' (Reshape) of reshape.onnx", ex.Message);
        Assert.False(File.Exists(PathOf("teacher.onnx")));
    }

    [Fact]
    public void An_operator_that_changed_meaning_between_the_opsets_is_refused()
    {
        TinyChain.Softmax(PathOf("softmax.onnx"), opset: 11);
        TinyChain.Affine(PathOf("affine.onnx"), W1, B1, "N", opset: 13);
        var ex = Assert.Throws<InFiConDException>(() => TeacherModelComposer.Compose([PathOf("softmax.onnx"), PathOf("affine.onnx")], Head(4), PathOf("teacher.onnx")));
        Assert.Contains("softmax.onnx imports opset 11", ex.Message);
        Assert.Contains("needs opset 13", ex.Message);
        Assert.Contains("(Softmax) changed meaning at opset 13", ex.Message);
    }

    [Fact]
    public void Mismatched_chain_shapes_name_both_models_and_values()
    {
        TinyChain.Affine(PathOf("four.onnx"), W1, B1, "N");
        TinyChain.Affine(PathOf("five.onnx"), [1f, 1f, 1f, 1f, 1f], [0f, 0f, 0f, 0f, 0f], "N");
        var ex = Assert.Throws<ShapeMismatchException>(() => TeacherModelComposer.Compose([PathOf("four.onnx"), PathOf("five.onnx")], Head(5), PathOf("teacher.onnx")));
        Assert.Contains("five.onnx", ex.Field);
        Assert.Equal("'x' float [N × 5]", ex.Expected);
        Assert.Contains("'out' float [N × 4], the output of four.onnx", ex.Actual);
    }

    [Fact]
    public void A_head_of_the_wrong_width_names_both_dimensions_and_leaves_an_old_file_alone()
    {
        TinyChain.Affine(PathOf("four.onnx"), W1, B1, "N");
        File.WriteAllText(PathOf("teacher.onnx"), "old");
        var ex = Assert.Throws<ShapeMismatchException>(() => TeacherModelComposer.Compose([PathOf("four.onnx")], Head(6), PathOf("teacher.onnx")));
        Assert.Equal("ClassifierHead.Weights", ex.Field);
        Assert.Contains("gives 4 features per image", ex.Expected);
        Assert.Contains("3 × 6", ex.Actual);
        Assert.Equal("old", File.ReadAllText(PathOf("teacher.onnx")));
    }

    [Fact]
    public void Files_that_are_not_single_input_single_output_models_are_refused()
    {
        TinyChain.TwoInputs(PathOf("two.onnx"));
        var two = Assert.Throws<InvalidFileException>(() => TeacherModelComposer.Compose([PathOf("two.onnx")], Head(4), PathOf("t.onnx")));
        Assert.Equal("graph.input", two.Field);
        Assert.Contains("'x' float [N × 4], 'z' float [N × 4]", two.Message);

        File.WriteAllText(PathOf("garbage.onnx"), "this is not protobuf at all");
        Assert.Equal(PathOf("garbage.onnx"), Assert.Throws<InvalidFileException>(() => TeacherModelComposer.Compose([PathOf("garbage.onnx")], Head(4), PathOf("t.onnx"))).FilePath);
        Assert.Throws<FileNotFoundException>(() => TeacherModelComposer.Compose([PathOf("none.onnx")], Head(4), PathOf("t.onnx")));
        Assert.Throws<ArgumentException>(() => TeacherModelComposer.Compose([], Head(4), PathOf("t.onnx")));
    }

    [Theory]
    [InlineData(HeadActivation.Softmax, 1f)]
    [InlineData(HeadActivation.Sigmoid, 1f)]
    [InlineData(HeadActivation.Softmax, 2f)]
    public async Task A_composed_image_model_loads_as_a_teacher(HeadActivation activation, float temperature)
    {
        // Backbone: the tiny image classifier (channel means · W), whose 3 outputs the head reads as features.
        float[,] backbone = { { 1f, 0f, 0.5f }, { 0f, 1f, -0.5f }, { 0.25f, 0.25f, 1f } };
        TinyClassifier.Write(PathOf("tiny.onnx"), backbone);
        var head = Head(3, activation);
        var composed = TeacherModelComposer.Compose([PathOf("tiny.onnx")], head, PathOf("teacher.onnx"));
        Assert.Throws<ArgumentException>(() => composed.LoadTeacher());

        using var teacher = composed.LoadTeacher(new Embedding.Preprocessing { Scale = 1f / 255f }, new OnnxTeacherOptions { Temperature = temperature });
        Assert.Equal(head.ClassNames, teacher.ClassNames);
        Assert.Equal(temperature == 1f ? TeacherModelComposer.ProbabilitiesName : TeacherModelComposer.LogitsName, teacher.Model.OutputName);
        (byte R, byte G, byte B)[] colours = [(255, 0, 0), (10, 200, 30), (90, 90, 250)];
        var run = await teacher.PredictAsync(Embedding.ImageSource.FromImages(colours.Select((c, i) => ($"c{i}", Embedding.DecodedImage.Filled(4, 4, c.R, c.G, c.B)))));
        Assert.Equal(activation == HeadActivation.Sigmoid, run.Outputs.MultiLabel);
        for (var n = 0; n < colours.Length; n++)
        {
            double[] rgb = [colours[n].R / 255.0, colours[n].G / 255.0, colours[n].B / 255.0];
            var features = Enumerable.Range(0, 3).Select(k => Enumerable.Range(0, 3).Sum(c => rgb[c] * backbone[c, k])).ToArray();
            var (logits, probabilities) = Reference(head, features);
            if (temperature != 1f)
            {
                var max = logits.Max() / temperature;
                probabilities = logits.Select(l => Math.Exp(l / temperature - max) / logits.Sum(m => Math.Exp(m / temperature - max))).ToArray();
            }
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(probabilities[k], run.Outputs.Probabilities[n, k], Tolerance);
            }
        }
    }

    [Fact]
    public void The_head_validates_its_values_and_shapes()
    {
        var weights = FloatMatrix.FromValues([1f, 2f, 3f, 4f], 2, 2);
        var nan = FloatMatrix.FromValues([1f, 2f, float.NaN, 4f], 2, 2);
        var ex = Assert.Throws<NonFiniteValueException>(() => new ClassifierHead(nan, [0f, 0f], ["a", "b"]));
        Assert.Equal((1L, 0L), (ex.Row, ex.Column));
        Assert.Equal(1, Assert.Throws<NonFiniteValueException>(() => new ClassifierHead(weights, [0f, float.PositiveInfinity], ["a", "b"])).Column);
        Assert.Throws<ShapeMismatchException>(() => new ClassifierHead(weights, [0f], ["a", "b"]));
        Assert.Throws<ShapeMismatchException>(() => new ClassifierHead(weights, [0f, 0f], ["a"]));
        Assert.Throws<ShapeMismatchException>(() => new ClassifierHead(new FloatMatrix(0, 2), [], []));
        Assert.Throws<ArgumentException>(() => new ClassifierHead(weights, [0f, 0f], ["a", "a"]));

        // The head copies what it is given, and computes what the double-precision reference does.
        var head = new ClassifierHead(weights, [0.5f, -0.5f], ["a", "b"]);
        weights[0, 0] = 100f;
        Assert.Equal(1f, head.Weights[0, 0]);
        var x = FloatMatrix.FromValues([1f, -1f, 200f, 300f], 2, 2);
        var probabilities = head.Probabilities(x);
        for (var n = 0; n < 2; n++)
        {
            var (_, expected) = Reference(head, [x[n, 0], x[n, 1]]);
            Assert.Equal(expected[0], probabilities[n, 0], Tolerance);
            Assert.Equal(expected[1], probabilities[n, 1], Tolerance);
        }
        Assert.Throws<ShapeMismatchException>(() => head.Logits(new FloatMatrix(1, 3)));
    }
}
