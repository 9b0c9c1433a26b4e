using Google.Protobuf;
using InFiConD.Core;
using InFiConD.Onnx;
using Onnx;

namespace InFiConD.Embedding;

/// <summary>
/// Builds, in memory, the one graph <see cref="ResNet18FeatureMap"/> runs from the package's two files: the
/// preprocessing model (RGB → BGR, minus the mean image) in front of the network, the network cut before its final
/// 7 × 7 average pooling, so the output is the last convolutional map (N × 512 × 7 × 7), and the batch made
/// symbolic. One graph means one runtime call per batch instead of two, and no copy between them.
/// </summary>
internal static class ResNet18DenseGraph
{
    /// <summary>The batch dimension's symbol in the built graph.</summary>
    internal const string BatchSymbol = "N";

    /// <summary>The side of the map at 224 × 224 input: the network's stride is 32.</summary>
    internal const int MapSide = 7;

    private const string PreprocessPrefix = "prep/";

    /// <summary>Builds the graph and returns it serialised.</summary>
    /// <exception cref="InvalidFileException">A file is not the expected packaged graph (names the file and what differs).</exception>
    internal static byte[] Build(ResNet18ModelFiles files)
    {
        var preprocess = Read(files.PreprocessPath);
        var network = Read(files.NetworkPath);
        var graph = network.Graph;
        var pooled = graph.Output.Single().Name;
        var pool = graph.Node.LastOrDefault(n => n.Output.Contains(pooled));
        if (pool is not { OpType: "AveragePool" or "GlobalAveragePool" } || pool != graph.Node[^1])
        {
            throw new InvalidFileException(files.NetworkPath, "graph", null,
                $"Expected the last node to be the global average pooling that gives '{pooled}'; it is {(pool is null ? "missing" : $"'{pool.Name}' ({pool.OpType})")}.");
        }
        graph.Node.Remove(pool);
        var map = pool.Input[0];
        CheckPerImage(files.PreprocessPath, preprocess.Graph);
        CheckPerImage(files.NetworkPath, graph);

        // Intermediate shape hints pin the batch to 1; the runtime infers them again.
        graph.ValueInfo.Clear();
        graph.Output.Clear();
        graph.Output.Add(Value(map, [ResNet18Backbone.FeatureDimension, MapSide, MapSide]));

        // The preprocessing model's values get a prefix (so no name can clash) and its output feeds the network's input.
        // The packaged preprocessing nodes have no names; node names must be unique, so each takes its first output's.
        var networkInput = graph.Input.Single().Name;
        var source = preprocess.Graph;
        var imageInput = source.Input.Single().Name;
        var mapped = new Dictionary<string, string>(StringComparer.Ordinal) { [source.Output.Single().Name] = networkInput, [imageInput] = imageInput };
        new OnnxNameScope(PreprocessPrefix, mapped, OnnxNodeNaming.FirstOutput).Apply(source);
        graph.Initializer.AddRange(source.Initializer);
        for (var i = source.Node.Count - 1; i >= 0; i--)
        {
            graph.Node.Insert(0, source.Node[i]);
        }
        graph.Input.Clear();
        graph.Input.Add(Value(imageInput, [3, ResNet18Backbone.ImageSide, ResNet18Backbone.ImageSide]));
        return network.ToByteArray();
    }

    private static ModelProto Read(string path)
    {
        var model = OnnxModelFile.Read(path);
        if (model.Graph is not { Input.Count: 1, Output.Count: 1 })
        {
            throw new InvalidFileException(path, "graph", null, "Expected a graph with one input and one output.");
        }
        if (model.OpsetImport.Any(o => o.Domain is "" or "ai.onnx" && o.Version >= 13))
        {
            // Split's sizes move from an attribute to an input at opset 13; the packaged files use opset 8.
            throw new InvalidFileException(path, "opset_import", null, $"Expected the packaged opset 8; the model imports {string.Join(", ", model.OpsetImport.Select(o => $"'{o.Domain}' {o.Version}"))}.");
        }
        return model;
    }

    private static void CheckPerImage(string path, GraphProto graph)
    {
        if (OnnxBatchAxis.FirstBatchBoundNode(graph.Node) is { } bound)
        {
            throw new InvalidFileException(path, "graph", null,
                $"Node '{bound.Name}' ({bound.OpType}) is not known to treat the images of a batch independently, so the batch cannot be made symbolic.");
        }
    }

    /// <summary>A float tensor value with a symbolic batch followed by fixed dimensions.</summary>
    private static ValueInfoProto Value(string name, long[] dims) =>
        OnnxValues.Tensor(name, TensorProto.Types.DataType.Float, [OnnxValues.Dim(BatchSymbol), .. dims.Select(OnnxValues.Dim)]);
}
