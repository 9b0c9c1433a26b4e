using Onnx;

namespace InFiConD.Onnx;

/// <summary>
/// Renames every name of one model's graph — values, node names, initializers, value infos, and the same inside
/// subgraphs (If/Loop/Scan bodies) — by putting a prefix in front, except for names mapped explicitly (the model's
/// input, which becomes the previous model's output). Applying one rule everywhere keeps references from subgraphs to
/// outer values intact and makes names of different models unable to collide.
/// </summary>
public sealed class OnnxNameScope
{
    private readonly string _prefix;
    private readonly IReadOnlyDictionary<string, string> _mapped;
    private readonly OnnxNodeNaming _naming;
    private int _unnamed;

    /// <summary>Creates a scope.</summary>
    /// <param name="prefix">Put in front of every name not mapped (for example <c>ResNet18/</c>).</param>
    /// <param name="mapped">Names replaced as given instead (the model's input → the previous model's output).</param>
    /// <param name="naming">What an unnamed node is called before the prefix goes in front.</param>
    public OnnxNameScope(string prefix, IReadOnlyDictionary<string, string> mapped, OnnxNodeNaming naming = OnnxNodeNaming.OperatorAndIndex)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(mapped);
        _prefix = prefix;
        _mapped = mapped;
        _naming = naming;
    }

    /// <summary>The composed graph's name for <paramref name="name"/>; an empty name (an omitted optional input) stays empty.</summary>
    public string Value(string name) => name.Length == 0 ? name : _mapped.TryGetValue(name, out var mapped) ? mapped : _prefix + name;

    /// <summary>Renames everything in a graph, in place.</summary>
    public void Apply(GraphProto graph)
    {
        foreach (var node in graph.Node)
        {
            // Node names only need to be unique; unnamed nodes get one so that messages and profiles can point at them.
            node.Name = _prefix + (node.Name.Length > 0 ? node.Name : UnnamedNodeName(node));
            Rename(node.Input);
            Rename(node.Output);
            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is { } body)
                {
                    Apply(body);
                }
                foreach (var g in attribute.Graphs)
                {
                    Apply(g);
                }
            }
        }
        foreach (var tensor in graph.Initializer)
        {
            tensor.Name = Value(tensor.Name);
        }
        foreach (var sparse in graph.SparseInitializer)
        {
            sparse.Values.Name = Value(sparse.Values.Name);
            if (sparse.Indices is { } indices)
            {
                indices.Name = Value(indices.Name);
            }
        }
        foreach (var value in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
        {
            value.Name = Value(value.Name);
        }
    }

    private string UnnamedNodeName(NodeProto node) =>
        _naming == OnnxNodeNaming.FirstOutput && node.Output.Count > 0 ? node.Output[0] : $"{node.OpType}_{_unnamed++}";

    private void Rename(Google.Protobuf.Collections.RepeatedField<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            names[i] = Value(names[i]);
        }
    }
}
