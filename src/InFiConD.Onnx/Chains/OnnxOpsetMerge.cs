using InFiConD.Core;
using Onnx;

namespace InFiConD.Onnx;

/// <summary>
/// The opsets of a composed model: per domain the highest version any model of the chain imports (an ONNX model imports
/// one version per domain), with every node of the models that imported a lower version checked to keep its meaning
/// under the higher one (<see cref="OnnxOpsetCompatibility"/>).
/// </summary>
public static class OnnxOpsetMerge
{
    /// <summary>Merges the chain's opsets, raising the default domain to at least <paramref name="minimumDefault"/>.</summary>
    /// <param name="steps">The models of the chain.</param>
    /// <param name="minimumDefault">The lowest default-domain opset the composed graph needs for nodes of its own.</param>
    /// <param name="minimumReason">Why, for messages (<c>for the head's Gemm</c>).</param>
    /// <returns>Per domain (empty for <c>ai.onnx</c>), the version the composed model imports.</returns>
    /// <exception cref="InvalidFileException">A node uses a domain its model does not import.</exception>
    /// <exception cref="InFiConDException">A node would change meaning (or is not known not to) under the merged opset; names the model, node, operator and versions.</exception>
    public static SortedDictionary<string, long> Merge(IReadOnlyList<OnnxChainStep> steps, long minimumDefault, string minimumReason)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var merged = new SortedDictionary<string, long>(StringComparer.Ordinal) { [""] = minimumDefault };
        foreach (var step in steps)
        {
            foreach (var (domain, version) in step.Opsets())
            {
                merged[domain] = Math.Max(merged.GetValueOrDefault(domain), version);
            }
        }
        foreach (var step in steps)
        {
            var own = step.Opsets();
            foreach (var node in Nodes(step.Model.Graph))
            {
                var domain = node.Domain == "ai.onnx" ? "" : node.Domain;
                if (!own.TryGetValue(domain, out var version))
                {
                    throw new InvalidFileException(step.Path, $"node '{node.Name}'", null, $"The node ({node.OpType}) is in domain '{domain}', which the model does not import.");
                }
                var target = merged[domain];
                if (version == target)
                {
                    continue;
                }
                var why = $"{step.Name} imports opset {version} of domain '{(domain.Length == 0 ? "ai.onnx" : domain)}', but the composed model needs opset {target} (the highest in the chain, and at least {minimumDefault} {minimumReason})";
                var breaking = domain.Length == 0 ? OnnxOpsetCompatibility.BreakingVersion(node.OpType, version, target) : -1;
                if (breaking < 0)
                {
                    throw new InFiConDException($"{why}; its node '{node.Name}' ({node.OpType}) is not known to keep its meaning between those opsets. Export the models with the same opset.");
                }
                if (breaking > 0)
                {
                    throw new InFiConDException($"{why}; its node '{node.Name}' ({node.OpType}) changed meaning at opset {breaking}. Export the models with the same opset.");
                }
            }
        }
        return merged;
    }

    /// <summary>Every node of a graph, those of subgraphs included.</summary>
    public static IEnumerable<NodeProto> Nodes(GraphProto graph)
    {
        foreach (var node in graph.Node)
        {
            yield return node;
            foreach (var attribute in node.Attribute)
            {
                foreach (var body in attribute.Graphs.Prepend(attribute.G).OfType<GraphProto>())
                {
                    foreach (var inner in Nodes(body))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }
}
