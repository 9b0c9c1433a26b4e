using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Onnx;
using static InFiConD.Students.StudentOnnxExporter;

namespace InFiConD.Students;

/// <summary>
/// Builds the ONNX model of a <see cref="StudentEnsemble"/>:
/// <c>concept_scores → Sub(μ) → Mul(1/s, 0 where s = 0) → Gemm(Wᵀ, b) → logits → Sigmoid / ArgMax</c>.
/// </summary>
internal static class StudentOnnxGraph
{
    private const int FloatType = (int)TensorProto.Types.DataType.Float;
    private const int Int64Type = (int)TensorProto.Types.DataType.Int64;

    public static ModelProto Build(StudentEnsemble students, StudentOnnxOptions options)
    {
        var (k, c) = (students.ClassCount, students.ConceptCount);
        if (k == 0 || c == 0)
        {
            throw new ArgumentException($"ONNX export needs at least one class and one concept; the ensemble has {k} classes and {c} concepts.", nameof(students));
        }
        var classJson = ToJson(students.ClassNames);
        var conceptJson = ToJson(students.ConceptNames);

        var scale = new float[c];
        for (var j = 0; j < c; j++)
        {
            // Same arithmetic as the library's standardisation: (x − μ) · (1/s), constant concepts scaled by 0.
            var s = students.ConceptDeviation[j];
            scale[j] = s == 0f ? 0f : 1f / s;
        }

        var graph = new GraphProto
        {
            Name = options.GraphName,
            DocString = $"Linear concept students: logits = ((x − μ) · scale) · Wᵀ + b, scale_j = 1/s_j (0 for constant concepts). Classes: {classJson}. Concepts: {conceptJson}.",
        };
        graph.Input.Add(Value(InputName, FloatType, ["N", c], $"Raw concept scores, one row per image, one column per concept: {conceptJson}."));
        graph.Output.Add(Value(LogitsName, FloatType, ["N", k], $"Student logits, one column per class: {classJson}."));
        graph.Output.Add(Value(ProbabilitiesName, FloatType, ["N", k], $"Per-class probabilities σ(logit), independent per class: {classJson}."));
        graph.Output.Add(Value(LabelName, Int64Type, ["N"], $"Index of the top class (argmax of the logits, first on ties) into {classJson}."));

        graph.Initializer.Add(Tensor("concept_mean", [c], students.ConceptMean, "Standardisation means μ, one per concept."));
        graph.Initializer.Add(Tensor("concept_scale", [c], scale, "Standardisation scales 1/s, one per concept (0 for constant concepts)."));
        graph.Initializer.Add(Tensor("student_weights", [k, c], students.CopyStandardizedWeights().AsSpan(), "Standardised weights W, one row per class."));
        graph.Initializer.Add(Tensor("student_bias", [k], students.Biases, "Intercepts b, one per class."));

        graph.Node.Add(Node("Sub", "center", ["concept_scores", "concept_mean"], "centered"));
        graph.Node.Add(Node("Mul", "scale", ["centered", "concept_scale"], "standardized"));
        var gemm = Node("Gemm", "students", ["standardized", "student_weights", "student_bias"], LogitsName);
        gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(gemm);
        graph.Node.Add(Node("Sigmoid", "sigmoid", [LogitsName], ProbabilitiesName));
        var argMax = Node("ArgMax", "top_class", [LogitsName], LabelName);
        argMax.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        argMax.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        graph.Node.Add(argMax);

        var model = new ModelProto
        {
            IrVersion = StudentOnnxExporter.IrVersion,
            ProducerName = "InFiConD",
            ProducerVersion = typeof(StudentEnsemble).Assembly.GetName().Version?.ToString(3) ?? "",
            ModelVersion = options.ModelVersion,
            DocString = (options.Description is { Length: > 0 } d ? d + "\n" : "") + $"InFiConD linear concept students ({k} classes over {c} concepts). Classes: {classJson}. Concepts: {conceptJson}.",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        model.MetadataProps.Add(new StringStringEntryProto { Key = ClassNamesKey, Value = classJson });
        model.MetadataProps.Add(new StringStringEntryProto { Key = ConceptNamesKey, Value = conceptJson });
        foreach (var (key, value) in (options.Metadata ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        return model;
    }

    private static NodeProto Node(string op, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>A tensor value; string dimensions are symbolic (dynamic), integers fixed.</summary>
    private static ValueInfoProto Value(string name, int elementType, object[] dims, string doc)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = (int)dim });
        }
        return new ValueInfoProto
        {
            Name = name,
            DocString = doc,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } },
        };
    }

    private static TensorProto Tensor(string name, long[] dims, ReadOnlySpan<float> values, string doc)
    {
        var tensor = new TensorProto { Name = name, DataType = FloatType, DocString = doc };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values.ToArray());
        return tensor;
    }

    private static string ToJson(IReadOnlyList<string> names)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var name in names)
            {
                writer.WriteStringValue(name);
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
