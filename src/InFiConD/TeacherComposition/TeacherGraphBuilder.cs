using InFiConD.Core;
using InFiConD.Onnx;
using Onnx;

namespace InFiConD;

/// <summary>
/// Merges a chain of models and a head into one graph: each model's names get its own prefix, each model's input
/// becomes the previous model's output, the first model's input stays as it is, and the head
/// (<c>Flatten → Gemm → Softmax | Sigmoid</c>) reads the last model's output.
/// </summary>
internal static class TeacherGraphBuilder
{
    /// <summary>The lowest default-domain opset the head needs: Gemm broadcasts its bias from opset 7.</summary>
    internal const long HeadMinimumOpset = 7;

    /// <summary>The lowest IR version written: from 4 on, initializers need not also be graph inputs.</summary>
    internal const long MinimumIrVersion = 4;

    private const string HeadPrefix = "head/";

    /// <summary>Builds the composed model; the steps' models are consumed (their nodes and tensors move into it).</summary>
    internal static (ModelProto Model, bool DynamicBatch) Build(IReadOnlyList<OnnxChainStep> steps, ClassifierHead head, TeacherCompositionOptions options)
    {
        AssignPrefixes(steps);
        OnnxChainLinks.Check(steps);
        var featureRank = TeacherChainShapes.CheckHead(steps[^1], head);
        var opsets = OnnxOpsetMerge.Merge(steps, HeadMinimumOpset, "for the head's Gemm");
        var dynamic = DecideBatch(steps, options.Batch, out var rewrite);

        var first = steps[0];
        var graph = new GraphProto { Name = options.GraphName };
        var input = first.Input.Clone();
        if (rewrite)
        {
            input.Type.TensorType.Shape.Dim[0] = OnnxValues.Dim(TeacherChainShapes.BatchSymbol);
        }
        graph.Input.Add(input);
        var previousOutput = first.Input.Name;
        foreach (var step in steps)
        {
            var scope = new OnnxNameScope(step.Prefix, new Dictionary<string, string>(StringComparer.Ordinal) { [step.Input.Name] = previousOutput });
            var outputName = scope.Value(step.Output.Name);
            var source = step.Model.Graph;
            scope.Apply(source);
            graph.Node.AddRange(source.Node);
            graph.Initializer.AddRange(source.Initializer);
            graph.SparseInitializer.AddRange(source.SparseInitializer);
            if (!rewrite)
            {
                // Shape hints for intermediate values; dropped when the batch becomes symbolic, since they pin it.
                graph.ValueInfo.AddRange(source.ValueInfo);
                if (step != steps[^1])
                {
                    graph.ValueInfo.Add(source.Output[0]);
                }
            }
            previousOutput = outputName;
        }

        AddHead(graph, head, previousOutput, featureRank, BatchDimension(steps[^1], rewrite));
        TeacherChainShapes.CheckSingleAssignment(graph);

        var irVersion = Math.Max(MinimumIrVersion, steps.Max(s => s.Model.IrVersion));
        var model = OnnxModels.Create(graph, irVersion, opsets, TeacherModelMetadata.DocString(steps, head, options));
        TeacherModelMetadata.Add(model, steps, head);
        return (model, dynamic);
    }

    /// <summary>A readable prefix per model from its file name (<c>ResNet18/</c>), made unique and never <c>head/</c>.</summary>
    private static void AssignPrefixes(IReadOnlyList<OnnxChainStep> steps)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { HeadPrefix };
        foreach (var step in steps)
        {
            var stem = new string(Path.GetFileNameWithoutExtension(step.Path).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_').ToArray());
            stem = stem.Length == 0 ? "model" : stem;
            var prefix = stem + "/";
            for (var n = 2; !used.Add(prefix); n++)
            {
                prefix = $"{stem}_{n}/";
            }
            step.Prefix = prefix;
        }
    }

    /// <summary>Whether the composed batch is symbolic, and whether that needs the first input's fixed batch to be rewritten.</summary>
    private static bool DecideBatch(IReadOnlyList<OnnxChainStep> steps, CompositionBatch mode, out bool rewrite)
    {
        rewrite = false;
        var (_, dims) = OnnxChainStep.Shape(steps[0].Input);
        if (dims is not [{ } _, ..])
        {
            return true; // already symbolic (or of unknown shape): nothing pins the batch
        }
        if (mode == CompositionBatch.Fixed)
        {
            return false;
        }
        var bound = OnnxBatchAxis.FirstBatchBoundNode(steps.SelectMany(s => s.Model.Graph.Node));
        if (bound is not null)
        {
            var step = steps.First(s => s.Model.Graph.Node.Contains(bound));
            return mode == CompositionBatch.Dynamic
                ? throw new InFiConDException($"The batch dimension of '{steps[0].Input.Name}' cannot be made symbolic: node '{bound.Name}' ({bound.OpType}) of {step.Name} is not known to treat images independently. Compose with CompositionBatch.Fixed (or Auto).")
                : false;
        }
        rewrite = true;
        return true;
    }

    private static TensorShapeProto.Types.Dimension BatchDimension(OnnxChainStep last, bool rewrite) =>
        !rewrite && last.Output.Type?.TensorType?.Shape is { Dim.Count: > 0 } shape && shape.Dim[0].ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.None
            ? shape.Dim[0].Clone()
            : OnnxValues.Dim(TeacherChainShapes.BatchSymbol);

    private static void AddHead(GraphProto graph, ClassifierHead head, string features, int featureRank, TensorShapeProto.Types.Dimension batch)
    {
        var (k, d) = (head.ClassCount, head.FeatureDimension);
        if (featureRank != 2)
        {
            graph.Node.Add(OnnxNodes.Create("Flatten", HeadPrefix + "flatten", [features], HeadPrefix + "features", OnnxAttributes.Int("axis", 1)));
            features = HeadPrefix + "features";
        }
        var weights = OnnxTensors.Float(HeadPrefix + "weights", [k, d], head.Weights.AsSpan(), "Head weights W, K × D, one row per class.");
        var bias = OnnxTensors.Float(HeadPrefix + "bias", [k], head.Bias.ToArray(), "Head biases b, one per class.");
        graph.Initializer.Add(weights);
        graph.Initializer.Add(bias);

        graph.Node.Add(OnnxNodes.Create("Gemm", HeadPrefix + "gemm", [features, weights.Name, bias.Name], TeacherModelComposer.LogitsName, OnnxAttributes.Int("transB", 1)));
        var softmax = head.Activation == HeadActivation.Softmax;
        graph.Node.Add(softmax
            // Axis 1 of an N × K matrix: the same result under every opset's Softmax.
            ? OnnxNodes.Create("Softmax", HeadPrefix + "softmax", [TeacherModelComposer.LogitsName], TeacherModelComposer.ProbabilitiesName, OnnxAttributes.Int("axis", 1))
            : OnnxNodes.Create("Sigmoid", HeadPrefix + "sigmoid", [TeacherModelComposer.LogitsName], TeacherModelComposer.ProbabilitiesName));

        // Probabilities first: a reader that takes the first float output (OnnxTeacher's default) gets them.
        graph.Output.Add(Matrix(TeacherModelComposer.ProbabilitiesName, batch, k, softmax ? "Class probabilities (softmax of the logits)." : "Per-class probabilities (sigmoid of the logits)."));
        graph.Output.Add(Matrix(TeacherModelComposer.LogitsName, batch, k, "Class logits x · Wᵀ + b."));
    }

    /// <summary>A float [batch × k] output.</summary>
    private static ValueInfoProto Matrix(string name, TensorShapeProto.Types.Dimension batch, int k, string doc) =>
        OnnxValues.Tensor(name, TensorProto.Types.DataType.Float, [batch.Clone(), OnnxValues.Dim(k)], doc);
}
