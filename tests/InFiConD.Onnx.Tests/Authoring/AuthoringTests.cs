using Google.Protobuf;
using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace InFiConD.Onnx.Tests;

public sealed class AuthoringTests
{
    [Fact]
    public void A_graph_built_from_the_primitives_runs_in_ONNX_Runtime()
    {
        // y = x · Wᵀ + b with W = [[1, 2, 3], [0, −1, 1]], b = [0.5, −2].
        var graph = new GraphProto { Name = "affine" };
        graph.Input.Add(OnnxValues.Tensor("x", TensorProto.Types.DataType.Float, [OnnxValues.Dim("N"), OnnxValues.Dim(3)]));
        graph.Initializer.Add(OnnxTensors.Float("w", [2, 3], [1f, 2f, 3f, 0f, -1f, 1f], "weights"));
        graph.Initializer.Add(OnnxTensors.Float("b", [2], [0.5f, -2f]));
        graph.Node.Add(OnnxNodes.Create("Gemm", "affine", ["x", "w", "b"], "y", OnnxAttributes.Int("transB", 1)));
        graph.Output.Add(OnnxValues.Tensor("y", TensorProto.Types.DataType.Float, [OnnxValues.Dim("N"), OnnxValues.Dim(2)]));
        var model = OnnxModels.Create(graph, 8, [new("", 13)], "An affine map.");
        OnnxMetadata.Add(model, "test.names", OnnxMetadata.NamesJson(["a", "b"]));

        using var session = new InferenceSession(model.ToByteArray());
        using var input = OrtValue.CreateTensorValueFromMemory(new float[] { 1f, 1f, 1f, 2f, 0f, -1f }, [2, 3]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["x"], [input], ["y"]);

        Assert.Equal([6.5f, -2f, -0.5f, -3f], outputs[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal("[\"a\",\"b\"]", session.ModelMetadata.CustomMetadataMap["test.names"]);
        Assert.Equal(OnnxModels.ProducerName, session.ModelMetadata.ProducerName);
    }

    [Fact]
    public void Names_are_one_JSON_array_with_letters_kept_and_quotes_escaped()
    {
        Assert.Equal("[\"boat\",\"caña\",\"東京\",\"say \\\"hi\\\"\"]", OnnxMetadata.NamesJson(["boat", "caña", "東京", "say \"hi\""]));
        Assert.Equal("[]", OnnxMetadata.NamesJson([]));
    }

    [Fact]
    public void A_tensor_whose_dimensions_do_not_hold_its_values_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => OnnxTensors.Float("w", [2, 3], [1f, 2f]));
        Assert.Contains("[2, 3] holds 6 values; 2 were given", e.Message);
        var shape = OnnxTensors.Int64("shape", 0, 768, -1);
        Assert.Equal([3L], shape.Dims);
        Assert.Equal([0L, 768L, -1L], shape.Int64Data);
    }

    [Fact]
    public void Values_carry_fixed_and_symbolic_dimensions()
    {
        var value = OnnxValues.Tensor("v", TensorProto.Types.DataType.Int64, [OnnxValues.Dim("N"), OnnxValues.Dim(7)], "doc");
        var dims = value.Type.TensorType.Shape.Dim;
        Assert.Equal(("N", 7L), (dims[0].DimParam, dims[1].DimValue));
        Assert.Equal((int)TensorProto.Types.DataType.Int64, value.Type.TensorType.ElemType);
        Assert.Equal("doc", value.DocString);
    }

    [Fact]
    public void Reading_a_missing_or_broken_file_names_it()
    {
        var dir = Directory.CreateTempSubdirectory("infcd-onnx-");
        try
        {
            var missing = Path.Combine(dir.FullName, "missing.onnx");
            Assert.Throws<FileNotFoundException>(() => OnnxModelFile.Read(missing));
            var garbage = Path.Combine(dir.FullName, "garbage.onnx");
            File.WriteAllText(garbage, "this is not protobuf at all");
            var e = Assert.Throws<InvalidFileException>(() => OnnxModelFile.Read(garbage));
            Assert.Contains("garbage.onnx", e.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
