using Google.Protobuf;
using Onnx;

namespace InFiConD.Benchmarks;

/// <summary>
/// A CLIP-style vision model built in code (OnnxSharp), heavy enough to stand in for a real ViT image tower:
/// <c>pixel_values [N,3,224,224] → Conv 32×32 stride 32 (3 → 768, the ViT-B/32 patch embedding) → 49 tokens × 768
/// → L blocks of (MatMul 768→3072, Relu, MatMul 3072→768, residual Add) → mean over tokens → MatMul 768→512 →
/// image_embeds [N,512]</c>. Per image that is 0.23 GFLOP for the patch embedding, 0.46 GFLOP per block and 0.8 MFLOP
/// for the projection; ViT-B/32 (attention included) is about 4.4 GFLOP, so L = 12 costs about what it does.
/// The blocks share one pair of weight matrices, so the file stays small (about 28 MB at any L); the arithmetic
/// is the same as with separate weights.
/// </summary>
internal static class EncodeFixtureModel
{
    public const int Width = 768;
    public const int Hidden = 3072;
    public const int Dimension = 512;
    public const int Tokens = 49;

    private const int Float = (int)TensorProto.Types.DataType.Float;
    private const int Int64 = (int)TensorProto.Types.DataType.Int64;

    /// <summary>Floating-point operations for one image with <paramref name="blocks"/> blocks.</summary>
    public static double FlopsPerImage(int blocks) =>
        (2.0 * Tokens * Width * 3 * 32 * 32) + (blocks * 2.0 * Tokens * 2 * Width * Hidden) + (2.0 * Width * Dimension);

    /// <summary>Writes the model with <paramref name="blocks"/> blocks to <paramref name="path"/>.</summary>
    public static void Write(string path, int blocks)
    {
        var random = new Random(1234);
        var g = new GraphProto { Name = $"clip_standin_{blocks}" };
        g.Input.Add(Value("pixel_values", ["N", 3, 224, 224]));
        g.Initializer.Add(Weights("patch_weight", [Width, 3, 32, 32], 3 * 32 * 32, random));
        var conv = Node("Conv", ["pixel_values", "patch_weight"], "patches");
        conv.Attribute.Add(Ints("kernel_shape", 32, 32));
        conv.Attribute.Add(Ints("strides", 32, 32));
        g.Node.Add(conv);
        g.Initializer.Add(Longs("token_shape", 0, Width, -1));
        g.Node.Add(Node("Reshape", ["patches", "token_shape"], "channels_tokens"));
        var transpose = Node("Transpose", ["channels_tokens"], "x0");
        transpose.Attribute.Add(Ints("perm", 0, 2, 1));
        g.Node.Add(transpose);
        g.Initializer.Add(Weights("up", [Width, Hidden], Width, random));
        g.Initializer.Add(Weights("down", [Hidden, Width], Hidden, random));
        for (var b = 0; b < blocks; b++)
        {
            g.Node.Add(Node("MatMul", [$"x{b}", "up"], $"h{b}"));
            g.Node.Add(Node("Relu", [$"h{b}"], $"a{b}"));
            g.Node.Add(Node("MatMul", [$"a{b}", "down"], $"d{b}"));
            g.Node.Add(Node("Add", [$"x{b}", $"d{b}"], $"x{b + 1}"));
        }
        var mean = Node("ReduceMean", [$"x{blocks}"], "pooled");
        mean.Attribute.Add(Ints("axes", 1));
        mean.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        g.Node.Add(mean);
        g.Initializer.Add(Weights("projection", [Width, Dimension], Width, random));
        g.Node.Add(Node("MatMul", ["pooled", "projection"], "image_embeds"));
        g.Output.Add(Value("image_embeds", ["N", Dimension]));
        var model = new ModelProto { IrVersion = 8, ProducerName = "benchmarks", Graph = g };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        File.WriteAllBytes(path, model.ToByteArray());
    }

    /// <summary>A node named after its one output.</summary>
    internal static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>An integer-list attribute.</summary>
    internal static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>Uniform weights in ±1/√fanIn, so activations stay of order one through the residual blocks.</summary>
    private static TensorProto Weights(string name, long[] dims, int fanIn, Random random)
    {
        var count = (int)dims.Aggregate(1L, (a, d) => a * d);
        var values = new float[count];
        var scale = 1f / MathF.Sqrt(fanIn);
        for (var i = 0; i < count; i++)
        {
            values[i] = ((random.NextSingle() * 2) - 1) * scale;
        }
        return Floats(name, dims, values);
    }

    /// <summary>A float initializer holding <paramref name="values"/> (row-major, shape <paramref name="dims"/>).</summary>
    internal static TensorProto Floats(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var tensor = new TensorProto { Name = name, DataType = Float, RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    /// <summary>An int64 initializer.</summary>
    internal static TensorProto Longs(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    /// <summary>A float tensor's value info; a string dimension is symbolic.</summary>
    internal static ValueInfoProto Value(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = (int)dim });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = Float, Shape = shape } } };
    }
}
