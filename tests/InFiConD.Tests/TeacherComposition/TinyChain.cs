using Google.Protobuf;
using Onnx;

namespace InFiConD.Tests;

/// <summary>
/// Tiny ONNX models built in code for composition tests. Every model reuses the same value, initializer and node names
/// (<c>x</c>, <c>w</c>, <c>y</c>, <c>n0</c>…), so composing two of them only works if the composer keeps them apart.
/// </summary>
internal static class TinyChain
{
    /// <summary><c>x [batch, d] → Mul(x, w) → y → Add(y, b) → out [batch, d]</c>: <c>out = x ⊙ w + b</c>.</summary>
    public static void Affine(string path, float[] w, float[] b, object batch, int opset = 13, string input = "x", string output = "out")
    {
        var d = w.Length;
        var graph = new GraphProto { Name = "affine" };
        graph.Input.Add(Value(input, [batch, d]));
        graph.Output.Add(Value(output, [batch, d]));
        graph.Initializer.Add(Tensor("w", [d], w));
        graph.Initializer.Add(Tensor("b", [d], b));
        graph.Node.Add(Node("Mul", "n0", [input, "w"], "y"));
        graph.Node.Add(Node("Add", "n1", ["y", "b"], output));
        Save(path, graph, opset);
    }

    /// <summary><c>x [batch, d] → Relu → y → Mul(y, w) → out [batch, d]</c>.</summary>
    public static void ReluScale(string path, float[] w, object batch, int opset = 8)
    {
        var d = w.Length;
        var graph = new GraphProto { Name = "relu" };
        graph.Input.Add(Value("x", [batch, d]));
        graph.Output.Add(Value("out", [batch, d]));
        graph.Initializer.Add(Tensor("w", [d], w));
        graph.Node.Add(Node("Relu", "n0", ["x"], "y"));
        graph.Node.Add(Node("Mul", "n1", ["y", "w"], "out"));
        Save(path, graph, opset);
    }

    /// <summary><c>x [batch, 4] → Reshape(x, [batch, 2, 2]) → out [batch, 2, 2]</c>: a graph bound to its batch by a fixed shape.</summary>
    public static void Reshape(string path, int batch)
    {
        var graph = new GraphProto { Name = "reshape" };
        graph.Input.Add(Value("x", [batch, 4]));
        graph.Output.Add(Value("out", [batch, 2, 2]));
        var shape = new TensorProto { Name = "shape", DataType = (int)TensorProto.Types.DataType.Int64 };
        shape.Dims.Add(3);
        shape.Int64Data.AddRange([batch, 2, 2]);
        graph.Initializer.Add(shape);
        graph.Node.Add(Node("Reshape", "n0", ["x", "shape"], "out"));
        Save(path, graph, 13);
    }

    /// <summary><c>x [batch, 4] → Softmax(axis 1) → out</c> at <paramref name="opset"/> (Softmax changed meaning at 13).</summary>
    public static void Softmax(string path, int opset)
    {
        var graph = new GraphProto { Name = "softmax" };
        graph.Input.Add(Value("x", ["N", 4]));
        graph.Output.Add(Value("out", ["N", 4]));
        var node = Node("Softmax", "n0", ["x"], "out");
        node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(node);
        Save(path, graph, opset);
    }

    /// <summary>A model with two real inputs (not composable).</summary>
    public static void TwoInputs(string path)
    {
        var graph = new GraphProto { Name = "two" };
        graph.Input.Add(Value("x", ["N", 4]));
        graph.Input.Add(Value("z", ["N", 4]));
        graph.Output.Add(Value("out", ["N", 4]));
        graph.Node.Add(Node("Add", "n0", ["x", "z"], "out"));
        Save(path, graph, 13);
    }

    private static void Save(string path, GraphProto graph, int opset)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        File.WriteAllBytes(path, model.ToByteArray());
    }

    private static NodeProto Node(string op, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Tensor(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
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
