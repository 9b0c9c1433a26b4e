using Onnx;

namespace InFiConD.Onnx;

/// <summary>
/// Whether every node of a graph treats the images of a batch independently, so a graph exported for a batch of one
/// computes the same per-image result for any batch size once its batch dimension is made symbolic. Conservative: only
/// operators whose output row n depends on input row n alone (given constants without a batch of their own) are
/// accepted, those with an axis only when it is not the batch axis; anything else (reshapes with fixed shapes,
/// reductions, control flow…) makes the graph count as batch-bound.
/// </summary>
public static class OnnxBatchAxis
{
    private static readonly HashSet<string> Independent = new(StringComparer.Ordinal)
    {
        "Conv", "BatchNormalization", "InstanceNormalization", "LRN", "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool",
        "GlobalMaxPool", "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid", "Tanh", "Softplus", "Softsign",
        "Clip", "Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Pow", "Erf", "Floor", "Ceil", "Identity", "Dropout", "Cast",
        "Add", "Sub", "Mul", "Div", "Sum", "Max", "Min", "Mean", "MatMul",
    };

    /// <summary>Operators with an <c>axis</c> attribute that are per-image when it is not 0, and the attribute's default (null when required).</summary>
    private static readonly Dictionary<string, long?> AxisOps = new(StringComparer.Ordinal)
    {
        ["Concat"] = null, ["Split"] = 0, ["Flatten"] = 1, ["Softmax"] = 1, ["LogSoftmax"] = 1, ["Hardmax"] = 1,
    };

    /// <summary>The first node (in graph order) not known to treat images independently, or <see langword="null"/>.</summary>
    public static NodeProto? FirstBatchBoundNode(IEnumerable<NodeProto> nodes) => nodes.FirstOrDefault(n => !IsPerImage(n));

    private static bool IsPerImage(NodeProto node)
    {
        if (node.Domain is not ("" or "ai.onnx"))
        {
            return false;
        }
        if (Independent.Contains(node.OpType))
        {
            return true;
        }
        if (node.OpType == "Gemm")
        {
            // Row n of A · B is row n of A times B, unless A is transposed.
            return Attribute(node, "transA") is null or 0;
        }
        if (AxisOps.TryGetValue(node.OpType, out var fallback))
        {
            // −1 is the last axis: never the batch axis of the rank ≥ 2 tensors images flow through.
            return (Attribute(node, "axis") ?? fallback) is { } axis && (axis >= 1 || axis == -1);
        }
        return false;
    }

    private static long? Attribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? attribute.I : null;
}
