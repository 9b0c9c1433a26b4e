namespace InFiConD.Onnx;

/// <summary>What <see cref="OnnxNameScope"/> calls a node that has no name (node names must be unique in a graph).</summary>
public enum OnnxNodeNaming
{
    /// <summary>Its operator and a counter: <c>Conv_0</c>, <c>Relu_1</c>…</summary>
    OperatorAndIndex,

    /// <summary>Its first output's name (before renaming), so a profile or message names the value it computes.</summary>
    FirstOutput,
}
