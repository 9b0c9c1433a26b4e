using Google.Protobuf;
using Onnx;

namespace InFiConD.Tests;

/// <summary>
/// A tiny image classifier built in code: <c>pixel_values [N,3,H,W] → GlobalAveragePool → Flatten → MatMul(W 3×K)
/// → logits [N,K]</c>, optionally followed by Softmax. Its outputs can be computed by hand from channel means.
/// </summary>
internal static class TinyClassifier
{
    public static void Write(string path, float[,] weights, bool softmax = false, string inputName = "pixel_values", int batch = -1, int rank = 4,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var k = weights.GetLength(1);
        var graph = new GraphProto { Name = "tiny" };
        var dims = new List<object> { batch < 0 ? "N" : batch, 3, "H", "W" }.Take(rank).ToArray();
        graph.Input.Add(Value(inputName, dims));
        var output = softmax ? "probabilities" : "logits";
        graph.Output.Add(Value(output, [batch < 0 ? "N" : batch, k]));
        var w = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float };
        w.Dims.AddRange([3, k]);
        for (var c = 0; c < 3; c++) for (var j = 0; j < k; j++) w.FloatData.Add(weights[c, j]);
        graph.Initializer.Add(w);
        graph.Node.Add(Node("GlobalAveragePool", [inputName], "pooled"));
        graph.Node.Add(Node("Flatten", ["pooled"], "flat"));
        graph.Node.Add(Node("MatMul", ["flat", "w"], softmax ? "logits" : output));
        if (softmax)
        {
            graph.Node.Add(Node("Softmax", ["logits"], output));
        }
        var model = new ModelProto { IrVersion = 8, ProducerName = "tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        File.WriteAllBytes(path, model.ToByteArray());
    }

    /// <summary>
    /// A classifier that loads but cannot run: <c>pixel_values [N,3,H,W] → Reshape([−1, 5]) → Reshape([−1, K]) → logits [N,K]</c>
    /// fails inside ONNX Runtime for any image whose 3·H·W values are not a multiple of 5 (a 2 × 2 image has 12).
    /// </summary>
    public static void WriteFailing(string path, int classes)
    {
        var graph = new GraphProto { Name = "failing" };
        graph.Input.Add(Value("pixel_values", ["N", 3, "H", "W"]));
        graph.Output.Add(Value("logits", ["N", classes]));
        graph.Initializer.Add(Shape("fives", -1, 5));
        graph.Initializer.Add(Shape("classes", -1, classes));
        graph.Node.Add(Node("Reshape", ["pixel_values", "fives"], "grouped"));
        graph.Node.Add(Node("Reshape", ["grouped", "classes"], "logits"));
        var model = new ModelProto { IrVersion = 8, ProducerName = "tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        File.WriteAllBytes(path, model.ToByteArray());
    }

    private static TensorProto Shape(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static ValueInfoProto Value(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d is string s ? new TensorShapeProto.Types.Dimension { DimParam = s } : new TensorShapeProto.Types.Dimension { DimValue = (int)d });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } } };
    }
}
