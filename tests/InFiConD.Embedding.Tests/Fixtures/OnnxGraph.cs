using Google.Protobuf;
using Onnx;

namespace InFiConD.Embedding.Tests;

/// <summary>The few ONNX building blocks the code-built test models share (IR 8, opset 13).</summary>
internal static class OnnxGraph
{
    /// <summary>Builds a graph and writes it as a model file (creating the folder).</summary>
    public static void WriteModel(string path, string name, Action<GraphProto> build)
    {
        var graph = new GraphProto { Name = name };
        build(graph);
        var model = new ModelProto { IrVersion = 8, ProducerName = "tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, model.ToByteArray());
    }

    public static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    public static NodeProto Reduce(string op, string[] inputs, string output, bool keep)
    {
        var node = Node(op, inputs, output);
        node.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = keep ? 1 : 0 });
        return node;
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static TensorProto Longs(string name, long[] dims, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    public static ValueInfoProto Value(string name, int elementType, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = (int)dim });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } } };
    }

    /// <summary>The mean of <paramref name="vectors"/> [M, L, D] over the tokens <c>attention_mask</c> [M, L] (int64) keeps: CLIP text pooling by hand.</summary>
    public static void AddMaskedMean(GraphProto g, string vectors, string output)
    {
        var cast = Node("Cast", ["attention_mask"], "mask_float");
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (int)TensorProto.Types.DataType.Float });
        g.Node.Add(cast);
        g.Initializer.Add(Longs("mask_axis", [1], 2));
        g.Node.Add(Node("Unsqueeze", ["mask_float", "mask_axis"], "mask_column"));
        g.Node.Add(Node("Mul", [vectors, "mask_column"], "masked_vectors"));
        g.Initializer.Add(Longs("token_axis", [1], 1));
        g.Node.Add(Reduce("ReduceSum", ["masked_vectors", "token_axis"], "vector_sum", keep: false));
        g.Node.Add(Reduce("ReduceSum", ["mask_float", "token_axis"], "token_count", keep: true));
        g.Node.Add(Node("Div", ["vector_sum", "token_count"], output));
    }
}
