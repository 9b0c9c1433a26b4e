using Onnx;

namespace InFiConD.Onnx;

/// <summary>Nodes of the default ONNX domain, built in one call.</summary>
public static class OnnxNodes
{
    /// <summary>Creates a node.</summary>
    /// <param name="opType">The operator (<c>Gemm</c>, <c>Sigmoid</c>…).</param>
    /// <param name="name">The node's name, unique in its graph.</param>
    /// <param name="inputs">The values it reads, in the operator's order (an empty name skips an optional input).</param>
    /// <param name="output">The one value it writes.</param>
    /// <param name="attributes">Its attributes (see <see cref="OnnxAttributes"/>).</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException"><paramref name="opType"/>, <paramref name="name"/> or <paramref name="output"/> is empty.</exception>
    public static NodeProto Create(string opType, string name, IEnumerable<string> inputs, string output, params ReadOnlySpan<AttributeProto> attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentException.ThrowIfNullOrEmpty(output);
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        foreach (var attribute in attributes)
        {
            node.Attribute.Add(attribute);
        }
        return node;
    }
}
