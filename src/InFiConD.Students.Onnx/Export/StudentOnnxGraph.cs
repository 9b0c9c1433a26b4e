using InFiConD.Onnx;
using Onnx;
using static InFiConD.Students.StudentOnnxExporter;

namespace InFiConD.Students;

/// <summary>
/// Builds the ONNX model of a <see cref="StudentEnsemble"/>:
/// <c>concept_scores → Sub(μ) → Mul(1/s, 0 where s = 0) → Gemm(Wᵀ, b) → logits → Sigmoid / ArgMax</c>.
/// </summary>
internal static class StudentOnnxGraph
{
    private const TensorProto.Types.DataType Float = TensorProto.Types.DataType.Float;

    public static ModelProto Build(StudentEnsemble students, StudentOnnxOptions options)
    {
        var (k, c) = (students.ClassCount, students.ConceptCount);
        if (k == 0 || c == 0)
        {
            throw new ArgumentException($"ONNX export needs at least one class and one concept; the ensemble has {k} classes and {c} concepts.", nameof(students));
        }
        var classJson = OnnxMetadata.NamesJson(students.ClassNames);
        var conceptJson = OnnxMetadata.NamesJson(students.ConceptNames);

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
        var (batch, classes) = (OnnxValues.Dim("N"), OnnxValues.Dim(k));
        graph.Input.Add(OnnxValues.Tensor(InputName, Float, [batch, OnnxValues.Dim(c)], $"Raw concept scores, one row per image, one column per concept: {conceptJson}."));
        graph.Output.Add(OnnxValues.Tensor(LogitsName, Float, [batch.Clone(), classes], $"Student logits, one column per class: {classJson}."));
        graph.Output.Add(OnnxValues.Tensor(ProbabilitiesName, Float, [batch.Clone(), classes.Clone()], $"Per-class probabilities σ(logit), independent per class: {classJson}."));
        graph.Output.Add(OnnxValues.Tensor(LabelName, TensorProto.Types.DataType.Int64, [batch.Clone()], $"Index of the top class (argmax of the logits, first on ties) into {classJson}."));

        graph.Initializer.Add(OnnxTensors.Float("concept_mean", [c], students.ConceptMean, "Standardisation means μ, one per concept."));
        graph.Initializer.Add(OnnxTensors.Float("concept_scale", [c], scale, "Standardisation scales 1/s, one per concept (0 for constant concepts)."));
        graph.Initializer.Add(OnnxTensors.Float("student_weights", [k, c], students.CopyStandardizedWeights().AsSpan(), "Standardised weights W, one row per class."));
        graph.Initializer.Add(OnnxTensors.Float("student_bias", [k], students.Biases, "Intercepts b, one per class."));

        graph.Node.Add(OnnxNodes.Create("Sub", "center", ["concept_scores", "concept_mean"], "centered"));
        graph.Node.Add(OnnxNodes.Create("Mul", "scale", ["centered", "concept_scale"], "standardized"));
        graph.Node.Add(OnnxNodes.Create("Gemm", "students", ["standardized", "student_weights", "student_bias"], LogitsName, OnnxAttributes.Int("transB", 1)));
        graph.Node.Add(OnnxNodes.Create("Sigmoid", "sigmoid", [LogitsName], ProbabilitiesName));
        graph.Node.Add(OnnxNodes.Create("ArgMax", "top_class", [LogitsName], LabelName, OnnxAttributes.Int("axis", 1), OnnxAttributes.Int("keepdims", 0)));

        var description = (options.Description is { Length: > 0 } d ? d + "\n" : "") + $"InFiConD linear concept students ({k} classes over {c} concepts). Classes: {classJson}. Concepts: {conceptJson}.";
        var model = OnnxModels.Create(graph, StudentOnnxExporter.IrVersion, [new("", OpsetVersion)], description);
        model.ModelVersion = options.ModelVersion;
        OnnxMetadata.Add(model, ClassNamesKey, classJson);
        OnnxMetadata.Add(model, ConceptNamesKey, conceptJson);
        foreach (var (key, value) in (options.Metadata ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            OnnxMetadata.Add(model, key, value);
        }
        return model;
    }
}
