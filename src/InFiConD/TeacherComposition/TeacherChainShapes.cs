using InFiConD.Core;
using InFiConD.Onnx;
using Onnx;

namespace InFiConD;

/// <summary>The teacher's own shape checks of a chain: the head fits the last output, and the composed graph defines each name once.</summary>
internal static class TeacherChainShapes
{
    /// <summary>The name of a symbolic batch dimension.</summary>
    internal const string BatchSymbol = "N";

    private const int FloatType = (int)TensorProto.Types.DataType.Float;

    /// <summary>The last output must be a float tensor [batch, …] whose per-image size is the head's feature dimension D when static.</summary>
    /// <returns>The output's rank (2 needs no flattening); 0 when unknown.</returns>
    /// <exception cref="ShapeMismatchException">The output is not float of rank ≥ 2, or its static per-image size is not D; names the output, its model and the head's shape.</exception>
    internal static int CheckHead(OnnxChainStep last, ClassifierHead head)
    {
        var (type, dims) = OnnxChainStep.Shape(last.Output);
        if (type != FloatType || dims is { Length: < 2 })
        {
            throw new ShapeMismatchException($"output of {last.Name}, read by the head", "a float tensor [batch, features…]", OnnxChainStep.Describe(last.Output));
        }
        if (dims is not null && dims.Skip(1).All(d => d is not null))
        {
            var features = dims.Skip(1).Aggregate(1L, (product, d) => product * d!.Value);
            if (features != head.FeatureDimension)
            {
                throw new ShapeMismatchException("ClassifierHead.Weights",
                    $"K × {features}: the backbone output {OnnxChainStep.Describe(last.Output)} of {last.Name} gives {features} features per image",
                    $"{head.ClassCount} × {head.FeatureDimension}: a head over {head.FeatureDimension} features");
            }
        }
        return dims?.Length ?? 0;
    }

    /// <summary>Every value of the composed graph is produced once (by the input, an initializer or one node output).</summary>
    /// <exception cref="InFiConDException">A name is produced twice; the renaming could not keep the models apart.</exception>
    internal static void CheckSingleAssignment(GraphProto graph)
    {
        var produced = new HashSet<string>(StringComparer.Ordinal);
        var names = graph.Input.Select(i => i.Name)
            .Concat(graph.Initializer.Select(t => t.Name))
            .Concat(graph.SparseInitializer.Select(t => t.Values.Name))
            .Concat(graph.Node.SelectMany(n => n.Output).Where(o => o.Length > 0));
        foreach (var name in names)
        {
            if (!produced.Add(name))
            {
                throw new InFiConDException($"The composed graph would define '{name}' twice (is the first model's input called '{TeacherModelComposer.LogitsName}' or '{TeacherModelComposer.ProbabilitiesName}', or named like another model's prefixed values?). Rename the first model's input.");
            }
        }
    }
}
