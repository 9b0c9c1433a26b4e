using Google.Protobuf;
using Onnx;

using static InFiConD.Embedding.Tests.OnnxGraph;

namespace InFiConD.Embedding.Tests;

/// <summary>
/// Tiny ONNX models built in code (IR 8, opset 13) that misbehave on purpose:
/// <list type="bullet">
/// <item>a CLIP vision tower <c>√(channel means · W)</c> whose embedding is NaN at index 1 for a green image (√ of r − g &lt; 0)
/// and all zeros for a black one, with the same per-patch branch (2 × 2 patches of 112 × 112);</item>
/// <item>a CLIP text tower whose table rows of the start and end tokens cancel, so the empty text embeds to zeros, or
/// whose table holds a NaN;</item>
/// <item>models whose run fails: a Reshape that only some input sizes fit, a Gather indexed out of range;</item>
/// <item>ResNet-18 look-alikes (the package's file names and signatures) with chosen 1 × 1 convolution weights.</item>
/// </list>
/// </summary>
internal static class FaultyModels
{
    private const int Float = (int)TensorProto.Types.DataType.Float;
    private const int Int64 = (int)TensorProto.Types.DataType.Int64;

    /// <summary>W (3 × 4): columns r, r − g, b, r + g + b.</summary>
    private static readonly float[,] SqrtWeights = { { 1f, 1f, 0f, 1f }, { 0f, -1f, 0f, 1f }, { 0f, 0f, 1f, 1f } };

    /// <summary>What the √ vision tower gives for channel means (r, g, b) in [0, 1]: √[r, r − g, b, r + g + b].</summary>
    public static float[] SqrtEmbedding(float r, float g, float b) => [MathF.Sqrt(r), MathF.Sqrt(r - g), MathF.Sqrt(b), MathF.Sqrt(r + g + b)];

    /// <summary>Preprocessing for the √ tower: bytes / 255, nothing else, so channel means are in [0, 1].</summary>
    public static Preprocessing Plain { get; } = new() { Scale = 1f / 255f };

    /// <summary>
    /// <c>pixel_values [N,3,224,224] → GlobalAveragePool → Flatten → MatMul(W) → Sqrt → image_embeds [N,4]</c>, and with
    /// <paramref name="patches"/> <c>AveragePool(112) → [N,3,2,2] → [N,4,3] → MatMul(W) → Sqrt → patch_embeds [N,4,4]</c>.
    /// </summary>
    public static void WriteSqrtVision(string path, bool patches = false) => Write(path, g =>
    {
        g.Input.Add(Value("pixel_values", Float, ["N", 3, 224, 224]));
        g.Initializer.Add(Matrix("w", SqrtWeights));
        g.Node.Add(Node("GlobalAveragePool", ["pixel_values"], "pooled"));
        g.Node.Add(Node("Flatten", ["pooled"], "flat"));
        g.Node.Add(Node("MatMul", ["flat", "w"], "projected"));
        g.Node.Add(Node("Sqrt", ["projected"], "image_embeds"));
        g.Output.Add(Value("image_embeds", Float, ["N", 4]));
        if (patches)
        {
            var pool = Node("AveragePool", ["pixel_values"], "patch_pool");
            pool.Attribute.Add(Ints("kernel_shape", 112, 112));
            pool.Attribute.Add(Ints("strides", 112, 112));
            g.Node.Add(pool);
            g.Initializer.Add(Longs("patch_shape", [3], 0, 3, -1));
            g.Node.Add(Node("Reshape", ["patch_pool", "patch_shape"], "patch_channels"));
            var transpose = Node("Transpose", ["patch_channels"], "patch_pixels");
            transpose.Attribute.Add(Ints("perm", 0, 2, 1));
            g.Node.Add(transpose);
            g.Node.Add(Node("MatMul", ["patch_pixels", "w"], "patch_projected"));
            g.Node.Add(Node("Sqrt", ["patch_projected"], "patch_embeds"));
            g.Output.Add(Value("patch_embeds", Float, ["N", "P", 4]));
        }
    });

    /// <summary>
    /// <c>input_ids [M,77], attention_mask [M,77] → Gather(table[id mod 16]) → masked mean → text_embeds [M,4]</c>. Rows 14
    /// and 15 (the start token 49406 and end token 49407, mod 16) are opposite, so a text with no word embeds to zeros;
    /// with <paramref name="nanAt"/> row 15 holds NaN at that index, so every text does. Without <paramref name="mod"/>
    /// the ids index the 16-row table directly, which every real token id overruns.
    /// </summary>
    public static void WriteText(string path, int? nanAt = null, bool mod = true) => Write(path, g =>
    {
        g.Input.Add(Value("input_ids", Int64, ["M", 77]));
        g.Input.Add(Value("attention_mask", Int64, ["M", 77]));
        var table = new float[16, 4];
        for (var k = 0; k < 14; k++)
        {
            for (var j = 0; j < 4; j++)
            {
                table[k, j] = ((k + 1) * 0.1f) + (j * 0.01f);
            }
        }
        for (var j = 0; j < 4; j++)
        {
            table[14, j] = j + 1f;
            table[15, j] = j == nanAt ? float.NaN : -(j + 1f);
        }
        g.Initializer.Add(Matrix("table", table));
        var rows = "input_ids";
        if (mod)
        {
            g.Initializer.Add(Longs("table_rows", [], 16));
            g.Node.Add(Node("Mod", ["input_ids", "table_rows"], "rows"));
            rows = "rows";
        }
        g.Node.Add(Node("Gather", ["table", rows], "token_vectors"));
        AddMaskedMean(g, "token_vectors", "text_embeds");
        g.Output.Add(Value("text_embeds", Float, ["M", 4]));
    });

    /// <summary>
    /// <c>input [N,3,H,W] → Reshape([−1, width]) → output [N, width]</c>: runs only when 3·H·W·N is a multiple of
    /// <paramref name="width"/>; otherwise ONNX Runtime fails inside the run. With <paramref name="thenWidth"/> a second
    /// Reshape gives the output that width instead (so the output's declared width can differ from the failing one).
    /// </summary>
    public static void WriteReshape(string path, int width, string input = "pixel_values", string output = "embeds", object[]? inputDims = null, int? thenWidth = null) => Write(path, g =>
    {
        g.Input.Add(Value(input, Float, inputDims ?? ["N", 3, "H", "W"]));
        g.Initializer.Add(Longs("shape", [2], -1, width));
        if (thenWidth is { } second)
        {
            g.Node.Add(Node("Reshape", [input, "shape"], "first"));
            g.Initializer.Add(Longs("second_shape", [2], -1, second));
            g.Node.Add(Node("Reshape", ["first", "second_shape"], output));
        }
        else
        {
            g.Node.Add(Node("Reshape", [input, "shape"], output));
        }
        g.Output.Add(Value(output, Float, ["N", thenWidth ?? width]));
    });

    /// <summary>
    /// A folder laid out as the ResNet-18 package's <c>DnnImageModels</c>: an identity preprocessing model and a network
    /// <c>GlobalAveragePool → Conv 1 × 1 (weight[c, k] = <paramref name="weight"/>(c, k)) → [1,512,1,1]</c>, or, with
    /// <paramref name="failingNetwork"/>, a network whose Reshape no 224 × 224 image fits.
    /// </summary>
    public static void WriteResNet18(string folder, Func<int, int, float> weight, bool failingNetwork = false)
    {
        Write(Path.Combine(folder, "ResNetPrepOnnx", "ResNetPreprocess.onnx"), g =>
        {
            g.Input.Add(Value("prep_in", Float, [1, 3, 224, 224]));
            g.Node.Add(Node("Identity", ["prep_in"], "prep_out"));
            g.Output.Add(Value("prep_out", Float, [1, 3, 224, 224]));
        });
        Write(Path.Combine(folder, "ResNet18Onnx", "ResNet18.onnx"), g =>
        {
            // Symbolic H and W: the signature check accepts them, and shape inference cannot see the Reshape fail.
            g.Input.Add(Value("net_in", Float, [1, 3, "H", "W"]));
            g.Output.Add(Value("features", Float, [1, 512, 1, 1]));
            if (failingNetwork)
            {
                g.Initializer.Add(Longs("shape", [4], 1, 512, -1, 5));
                g.Node.Add(Node("Reshape", ["net_in", "shape"], "features"));
                return;
            }
            var kernel = new TensorProto { Name = "kernel", DataType = Float };
            kernel.Dims.AddRange([512, 3, 1, 1]);
            for (var c = 0; c < 512; c++)
            {
                for (var k = 0; k < 3; k++)
                {
                    kernel.FloatData.Add(weight(c, k));
                }
            }
            g.Initializer.Add(kernel);
            g.Node.Add(Node("GlobalAveragePool", ["net_in"], "pooled"));
            g.Node.Add(Node("Conv", ["pooled", "kernel"], "features"));
        });
    }

    private static TensorProto Matrix(string name, float[,] values)
    {
        var tensor = new TensorProto { Name = name, DataType = Float };
        tensor.Dims.AddRange([values.GetLength(0), values.GetLength(1)]);
        foreach (var v in values)
        {
            tensor.FloatData.Add(v);
        }
        return tensor;
    }

    private static void Write(string path, Action<GraphProto> build) => WriteModel(path, "faulty", build);
}
