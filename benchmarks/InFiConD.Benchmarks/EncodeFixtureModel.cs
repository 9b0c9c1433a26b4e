using Google.Protobuf;
using InFiConD.Onnx;
using Onnx;

namespace InFiConD.Benchmarks;

/// <summary>
/// A CLIP-style vision model built in code (InFiConD.Onnx), heavy enough to stand in for a real ViT image tower:
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

    /// <summary>Floating-point operations for one image with <paramref name="blocks"/> blocks.</summary>
    public static double FlopsPerImage(int blocks) =>
        (2.0 * Tokens * Width * 3 * 32 * 32) + (blocks * 2.0 * Tokens * 2 * Width * Hidden) + (2.0 * Width * Dimension);

    /// <summary>Writes the model with <paramref name="blocks"/> blocks to <paramref name="path"/>.</summary>
    public static void Write(string path, int blocks)
    {
        var random = new Random(1234);
        var g = new GraphProto { Name = $"clip_standin_{blocks}" };
        g.Input.Add(OnnxValues.Tensor("pixel_values", TensorProto.Types.DataType.Float, [OnnxValues.Dim("N"), .. Dims(3, 224, 224)]));
        g.Initializer.Add(Weights("patch_weight", [Width, 3, 32, 32], 3 * 32 * 32, random));
        g.Node.Add(OnnxNodes.Create("Conv", "patches", ["pixel_values", "patch_weight"], "patches", OnnxAttributes.Ints("kernel_shape", 32, 32), OnnxAttributes.Ints("strides", 32, 32)));
        g.Initializer.Add(OnnxTensors.Int64("token_shape", 0, Width, -1));
        g.Node.Add(OnnxNodes.Create("Reshape", "channels_tokens", ["patches", "token_shape"], "channels_tokens"));
        g.Node.Add(OnnxNodes.Create("Transpose", "x0", ["channels_tokens"], "x0", OnnxAttributes.Ints("perm", 0, 2, 1)));
        g.Initializer.Add(Weights("up", [Width, Hidden], Width, random));
        g.Initializer.Add(Weights("down", [Hidden, Width], Hidden, random));
        for (var b = 0; b < blocks; b++)
        {
            g.Node.Add(OnnxNodes.Create("MatMul", $"h{b}", [$"x{b}", "up"], $"h{b}"));
            g.Node.Add(OnnxNodes.Create("Relu", $"a{b}", [$"h{b}"], $"a{b}"));
            g.Node.Add(OnnxNodes.Create("MatMul", $"d{b}", [$"a{b}", "down"], $"d{b}"));
            g.Node.Add(OnnxNodes.Create("Add", $"x{b + 1}", [$"x{b}", $"d{b}"], $"x{b + 1}"));
        }
        g.Node.Add(OnnxNodes.Create("ReduceMean", "pooled", [$"x{blocks}"], "pooled", OnnxAttributes.Ints("axes", 1), OnnxAttributes.Int("keepdims", 0)));
        g.Initializer.Add(Weights("projection", [Width, Dimension], Width, random));
        g.Node.Add(OnnxNodes.Create("MatMul", "image_embeds", ["pooled", "projection"], "image_embeds"));
        g.Output.Add(OnnxValues.Tensor("image_embeds", TensorProto.Types.DataType.Float, [OnnxValues.Dim("N"), OnnxValues.Dim(Dimension)]));
        File.WriteAllBytes(path, OnnxModels.Create(g, 8, [new("", 13)], "").ToByteArray());
    }

    private static IEnumerable<TensorShapeProto.Types.Dimension> Dims(params long[] sizes) => sizes.Select(OnnxValues.Dim);

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
        return OnnxTensors.Float(name, dims, values);
    }
}
