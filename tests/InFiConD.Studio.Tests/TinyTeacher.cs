using Google.Protobuf;
using Onnx;

namespace InFiConD.Studio.Tests;

/// <summary>
/// A tiny ONNX teacher built in code: <c>input [N,3,H,W] → GlobalAveragePool → Flatten → MatMul(W 3×K) → Softmax →
/// probabilities [N,K]</c>. Over the packaged ResNet-18's input (raw 0–255 RGB) it says the class whose colour channel is
/// strongest, with K = 3 classes in red, green, blue order; it runs in microseconds, so the test session's cost is the encoder's.
/// </summary>
internal static class TinyTeacher
{
    /// <summary>Writes the model, with the class names in its metadata (as a composed teacher carries them) or without.</summary>
    public static void Write(string path, IReadOnlyList<string>? classNamesInMetadata)
    {
        const int classes = 3;
        var graph = new GraphProto { Name = "tiny-teacher" };
        graph.Input.Add(Value("input", ["N", 3, "H", "W"]));
        graph.Output.Add(Value("probabilities", ["N", classes]));
        var w = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float };
        w.Dims.AddRange([3, classes]);
        for (var c = 0; c < 3; c++)
        {
            for (var k = 0; k < classes; k++)
            {
                // 0.05 per unit of channel mean: a channel 100 levels stronger gives odds of e^5.
                w.FloatData.Add(c == k ? 0.05f : 0f);
            }
        }
        graph.Initializer.Add(w);
        graph.Node.Add(Node("GlobalAveragePool", ["input"], "pooled"));
        graph.Node.Add(Node("Flatten", ["pooled"], "flat"));
        graph.Node.Add(Node("MatMul", ["flat", "w"], "logits"));
        graph.Node.Add(Node("Softmax", ["logits"], "probabilities"));
        var model = new ModelProto { IrVersion = 8, ProducerName = "studio-tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        if (classNamesInMetadata is not null)
        {
            model.MetadataProps.Add(new StringStringEntryProto
            {
                Key = TeacherModelComposer.ClassNamesKey,
                Value = System.Text.Json.JsonSerializer.Serialize(classNamesInMetadata),
            });
        }
        File.WriteAllBytes(path, model.ToByteArray());
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
