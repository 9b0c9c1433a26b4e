using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;
using Google.Protobuf;
using InFiConD.Onnx;
using Onnx;

namespace InFiConD.Benchmarks;

/// <summary>
/// ONNX Runtime's own GEMM (MLAS on the CPU provider) as a peer of the library's kernels: a graph built in code
/// whose only heavy node is the product Y = A·Bᵀ with B a constant initializer (so ORT pre-packs it at load, as
/// it does for any model's weights), run through <see cref="InferenceSession"/> with
/// <see cref="SessionOptions.IntraOpNumThreads"/> = the benchmarks' thread count, on inputs and outputs bound once
/// to the benchmark's own arrays (no copies or allocations per call): the fastest GEMM a .NET user already has.
/// </summary>
internal sealed class OnnxProductPeer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly string[] _inputNames = ["a"];
    private readonly string[] _outputNames = ["y"];

    private OnnxProductPeer(byte[] model, int threads, FloatMatrix a, FloatMatrix destination)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, options);
        _input = OrtValue.CreateTensorValueFromMemory(a.Storage, [a.Rows, a.Columns]);
        _output = OrtValue.CreateTensorValueFromMemory(destination.Storage, [destination.Rows, destination.Columns]);
    }

    /// <summary>The form of the product node.</summary>
    internal enum Form
    {
        /// <summary><c>MatMul(A, Bᵀ)</c> with Bᵀ (D × C) stored transposed as the initializer.</summary>
        MatMul,

        /// <summary><c>Gemm(A, B, transB = 1)</c> with B (C × D) stored as it is.</summary>
        Gemm,
    }

    /// <summary>Y = A·Bᵀ into <paramref name="destination"/> (A.Rows × B.Rows).</summary>
    internal static OnnxProductPeer Product(FloatMatrix a, FloatMatrix b, FloatMatrix destination, int threads, Form form)
    {
        var g = new GraphProto { Name = $"product_{form}" };
        g.Input.Add(Floats("a", OnnxValues.Dim("M"), a.Columns));
        AddProduct(g, "a", b, "y", form);
        g.Output.Add(Floats("y", OnnxValues.Dim("M"), b.Rows));
        return new OnnxProductPeer(Serialize(g), threads, a, destination);
    }

    /// <summary>
    /// What a user of ONNX Runtime would write for segment-max cosine scoring: rows normalised
    /// (<c>LpNormalization</c>), the product with the unit concept bank, the maximum over each image's
    /// <paramref name="segmentsPerImage"/> consecutive rows (<c>Reshape</c> + <c>ReduceMax</c>), clamped at 0 (<c>Relu</c>).
    /// </summary>
    internal static OnnxProductPeer SegmentMax(FloatMatrix segments, int segmentsPerImage, FloatMatrix concepts, FloatMatrix scores, int threads, Form form)
    {
        var g = new GraphProto { Name = $"segment_max_{form}" };
        g.Input.Add(Floats("a", OnnxValues.Dim("M"), segments.Columns));
        g.Node.Add(OnnxNodes.Create("LpNormalization", "unit", ["a"], "unit", OnnxAttributes.Int("axis", 1), OnnxAttributes.Int("p", 2)));
        AddProduct(g, "unit", concepts, "cosines", form);
        g.Initializer.Add(OnnxTensors.Int64("per_image", -1, segmentsPerImage, concepts.Rows));
        g.Node.Add(OnnxNodes.Create("Reshape", "grouped", ["cosines", "per_image"], "grouped"));
        g.Node.Add(OnnxNodes.Create("ReduceMax", "best", ["grouped"], "best", OnnxAttributes.Ints("axes", 1), OnnxAttributes.Int("keepdims", 0)));
        g.Node.Add(OnnxNodes.Create("Relu", "y", ["best"], "y"));
        g.Output.Add(Floats("y", OnnxValues.Dim("N"), concepts.Rows));
        return new OnnxProductPeer(Serialize(g), threads, segments, scores);
    }

    /// <summary>The version of the ONNX Runtime native library in use.</summary>
    internal static string Version => OrtEnv.Instance().GetVersionString();

    /// <summary>One inference: reads the bound input, overwrites the bound output.</summary>
    internal void Run() => _session.Run(_runOptions, _inputNames, [_input], _outputNames, [_output]);

    public void Dispose()
    {
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static void AddProduct(GraphProto g, string input, FloatMatrix b, string output, Form form)
    {
        if (form == Form.Gemm)
        {
            g.Initializer.Add(OnnxTensors.Float("b", [b.Rows, b.Columns], b.AsSpan()));
            g.Node.Add(OnnxNodes.Create("Gemm", output, [input, "b"], output, OnnxAttributes.Int("transB", 1)));
            return;
        }
        var transposed = Kernels.Transpose(b);
        g.Initializer.Add(OnnxTensors.Float("b_transposed", [b.Columns, b.Rows], transposed.AsSpan()));
        g.Node.Add(OnnxNodes.Create("MatMul", output, [input, "b_transposed"], output));
    }

    private static byte[] Serialize(GraphProto g) => OnnxModels.Create(g, 8, [new("", 13)], "").ToByteArray();

    /// <summary>A float [batch × columns] value.</summary>
    private static ValueInfoProto Floats(string name, TensorShapeProto.Types.Dimension batch, int columns) =>
        OnnxValues.Tensor(name, TensorProto.Types.DataType.Float, [batch, OnnxValues.Dim(columns)]);
}
