namespace InFiConD.Onnx;

/// <summary>
/// Whether a default-domain ONNX operator keeps its meaning when the opset a model imports is raised. An ONNX model
/// imports one version per domain, so composing models that import different versions runs the older models' nodes
/// under the newer opset; that is only sound when none of their operators changed attributes, inputs or semantics in
/// between. The table lists, per operator, the opset versions that did (type-only extensions, added optional
/// attributes whose defaults keep the old behaviour and negative-axis support are not listed: they keep existing
/// graphs valid). An operator not in the table is accepted only when no version change is asked of it.
/// </summary>
public static class OnnxOpsetCompatibility
{
    private static readonly int[] None = [];

    private static readonly Dictionary<string, int[]> Breaks = new(StringComparer.Ordinal)
    {
        // consumed_inputs removed at 6.
        ["Abs"] = [6], ["Neg"] = [6], ["Exp"] = [6], ["Log"] = [6], ["Sqrt"] = [6], ["Reciprocal"] = [6],
        ["Floor"] = [6], ["Ceil"] = [6], ["Relu"] = [6], ["Sigmoid"] = [6], ["Tanh"] = [6], ["LeakyRelu"] = [6],
        ["Elu"] = [6], ["Selu"] = [6], ["HardSigmoid"] = [6], ["InstanceNormalization"] = [6],
        ["PRelu"] = [6, 7], // 7: multidirectional broadcasting of the slope
        ["Add"] = [6, 7], ["Sub"] = [6, 7], ["Mul"] = [6, 7], ["Div"] = [6, 7], // 7: the broadcast attribute removed
        ["Pow"] = [7], ["Sum"] = [6, 8], ["Max"] = [6, 8], ["Min"] = [6, 8], ["Mean"] = [6, 8],
        ["Gemm"] = [6, 7],
        ["BatchNormalization"] = [6, 7, 9], // 9: the spatial attribute removed
        ["Softmax"] = [13], ["LogSoftmax"] = [13], ["Hardmax"] = [13], // 13: axis no longer flattens to 2-D
        ["Split"] = [2, 13, 18], // 13: split sizes became an input; 18: num_outputs
        ["Concat"] = [4],
        ["Dropout"] = [6, 7, 10, 12],
        ["Reshape"] = [5],
        ["Squeeze"] = [13], ["Unsqueeze"] = [13],
        ["Pad"] = [2, 11], ["Clip"] = [6, 11], ["Slice"] = [10],
        ["ReduceSum"] = [13], ["ReduceMean"] = [18], ["ReduceMax"] = [18], ["ReduceMin"] = [18],
        ["Cast"] = [6],
        ["Conv"] = None, ["MaxPool"] = None, ["AveragePool"] = None, ["GlobalAveragePool"] = None, ["GlobalMaxPool"] = None,
        ["LRN"] = None, ["Flatten"] = None, ["MatMul"] = None, ["Identity"] = None, ["Transpose"] = None,
        ["Constant"] = None, ["Shape"] = None, ["Gather"] = None, ["ArgMax"] = None, ["ArgMin"] = None,
        ["Erf"] = None, ["Softplus"] = None, ["Softsign"] = None,
    };

    /// <summary>
    /// The first opset version in (<paramref name="from"/>, <paramref name="to"/>] at which default-domain operator
    /// <paramref name="op"/> changed meaning; 0 when none did; −1 when the operator is not known (and a change is asked).
    /// </summary>
    public static int BreakingVersion(string op, long from, long to)
    {
        if (from >= to)
        {
            return 0;
        }
        if (!Breaks.TryGetValue(op, out var versions))
        {
            return -1;
        }
        foreach (var v in versions)
        {
            if (v > from && v <= to)
            {
                return v;
            }
        }
        return 0;
    }
}
