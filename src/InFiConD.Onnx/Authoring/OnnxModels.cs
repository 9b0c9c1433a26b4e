using Onnx;

namespace InFiConD.Onnx;

/// <summary>The model around a graph: IR version, opsets, doc string, and the library named as its producer.</summary>
public static class OnnxModels
{
    /// <summary>The producer name every model the library writes carries.</summary>
    public const string ProducerName = "InFiConD";

    /// <summary>The producer version: the library's version (major.minor.patch).</summary>
    public static string ProducerVersion { get; } = typeof(OnnxModels).Assembly.GetName().Version?.ToString(3) ?? "";

    /// <summary>Wraps a graph in a model.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="irVersion">The ONNX IR version written.</param>
    /// <param name="opsets">Per domain (empty for <c>ai.onnx</c>), the opset version imported, in the order written.</param>
    /// <param name="docString">The model's doc string.</param>
    /// <returns>The model; metadata goes on with <see cref="OnnxMetadata.Add"/>.</returns>
    public static ModelProto Create(GraphProto graph, long irVersion, IEnumerable<KeyValuePair<string, long>> opsets, string docString)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(opsets);
        var model = new ModelProto
        {
            IrVersion = irVersion,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersion,
            DocString = docString ?? "",
            Graph = graph,
        };
        foreach (var (domain, version) in opsets)
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        }
        return model;
    }
}
