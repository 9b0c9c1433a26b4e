using System.Globalization;
using InFiConD.Core;
using Onnx;

namespace InFiConD.Onnx;

/// <summary>
/// One model of a chain to compose, read from its file: the parsed model, its one real input (graph inputs backed by
/// an initializer are constants, not inputs) and its one output, and the prefix its names get in the composed graph.
/// A composer reads every step, gives each a <see cref="Prefix"/>, checks the links (<see cref="OnnxChainLinks"/>) and
/// the opsets (<see cref="OnnxOpsetMerge"/>), then moves each step's nodes into one graph through an <see cref="OnnxNameScope"/>.
/// </summary>
public sealed class OnnxChainStep
{
    private OnnxChainStep(string path, ModelProto model, ValueInfoProto input, ValueInfoProto output)
    {
        Path = path;
        Model = model;
        Input = input;
        Output = output;
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The parsed model; the composer moves its nodes and initializers into the composed graph.</summary>
    public ModelProto Model { get; }

    /// <summary>The graph input that is not an initializer.</summary>
    public ValueInfoProto Input { get; }

    /// <summary>The graph's only output.</summary>
    public ValueInfoProto Output { get; }

    /// <summary>The prefix of every name of this model in the composed graph (set by the composer before renaming; empty until then).</summary>
    public string Prefix { get; set; } = "";

    /// <summary>The file name, for messages.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Reads a model file and finds its input and output.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidFileException">The file is not an ONNX model, keeps tensors in external files, has model-local functions, or does not have exactly one input and one output (they are listed).</exception>
    public static OnnxChainStep Read(string path)
    {
        var model = OnnxModelFile.Read(path);
        if (model.Graph is not { } graph)
        {
            throw new InvalidFileException(path, "graph", null, "The model has no graph.");
        }
        if (model.Functions.Count > 0)
        {
            throw new InvalidFileException(path, "functions", null, $"The model defines {model.Functions.Count} local functions; the composer does not merge model-local functions.");
        }
        if (graph.Initializer.FirstOrDefault(t => t.DataLocation == TensorProto.Types.DataLocation.External) is { } external)
        {
            throw new InvalidFileException(path, $"initializer '{external.Name}'", null, "The tensor is stored in an external data file; load the model with its data inlined (one self-contained .onnx file).");
        }
        var constants = graph.Initializer.Select(t => t.Name).Concat(graph.SparseInitializer.Select(t => t.Values.Name)).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !constants.Contains(i.Name)).ToList();
        if (inputs.Count != 1)
        {
            throw new InvalidFileException(path, "graph.input", null, $"A model in a chain must have exactly one input (not counting initializers); it has {inputs.Count}: {List(inputs)}.");
        }
        if (graph.Output.Count != 1)
        {
            throw new InvalidFileException(path, "graph.output", null, $"A model in a chain must have exactly one output; it has {graph.Output.Count}: {List(graph.Output)}.");
        }
        return new OnnxChainStep(path, model, inputs[0], graph.Output[0]);
    }

    /// <summary>The default-domain and other opset versions the model imports ("ai.onnx" read as the default domain).</summary>
    public IReadOnlyDictionary<string, long> Opsets()
    {
        var opsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var import in Model.OpsetImport)
        {
            var domain = import.Domain == "ai.onnx" ? "" : import.Domain;
            opsets[domain] = Math.Max(opsets.GetValueOrDefault(domain), import.Version);
        }
        return opsets;
    }

    /// <summary>A value's element type and dimensions (null: unknown rank; each dim a size, or null when symbolic or unknown).</summary>
    public static (int ElementType, long?[]? Dims) Shape(ValueInfoProto value)
    {
        if (value.Type?.TensorType is not { } tensor)
        {
            return (0, null);
        }
        var dims = tensor.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : (long?)null).ToArray();
        return (tensor.ElemType, dims);
    }

    /// <summary>A value described for messages: <c>'name' float [1 × 512 × 1 × 1]</c>, symbolic dims by name.</summary>
    public static string Describe(ValueInfoProto value)
    {
        if (value.Type?.TensorType is not { } tensor)
        {
            return $"'{value.Name}' (not a tensor)";
        }
        var type = ((TensorProto.Types.DataType)tensor.ElemType).ToString().ToLowerInvariant();
        if (tensor.Shape is null)
        {
            return $"'{value.Name}' {type} [unknown shape]";
        }
        return $"'{value.Name}' {type} [{string.Join(" × ", tensor.Shape.Dim.Select(DescribeDim))}]";
    }

    private static string DescribeDim(TensorShapeProto.Types.Dimension d) => d.ValueCase switch
    {
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => d.DimValue.ToString(CultureInfo.InvariantCulture),
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => d.DimParam,
        _ => "?",
    };

    private static string List(IEnumerable<ValueInfoProto> values) => values.Any() ? string.Join(", ", values.Select(Describe)) : "none";
}
