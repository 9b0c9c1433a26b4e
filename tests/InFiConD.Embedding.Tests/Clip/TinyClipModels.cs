using Google.Protobuf;
using Onnx;

using static InFiConD.Embedding.Tests.OnnxGraph;

namespace InFiConD.Embedding.Tests;

/// <summary>
/// Tiny CLIP-style dual encoders built in code (IR 8, opset 13), whose outputs are easy to compute by hand:
/// <list type="bullet">
/// <item>vision: <c>pixel_values [N,3,224,224] → GlobalAveragePool → Flatten → MatMul(ImageWeight 3×D) → image_embeds [N,D]</c>;
/// dense: also <c>AveragePool(112, stride 112) → [N,3,2,2] → Reshape [N,3,4] → Transpose [N,4,3] → MatMul(PatchWeight 3×D) → patch_embeds [N,4,D]</c>
/// (patches row by row: top-left, top-right, bottom-left, bottom-right);</item>
/// <item>text: <c>input_ids [M,77] → Mod 16 → Gather(Table 16×D) → masked mean over tokens → text_embeds [M,D]</c>
/// (without a mask input: the plain mean over all 77 positions).</item>
/// </list>
/// </summary>
public static class TinyClipModels
{
    public const int TableRows = 16;
    private const int Float = (int)TensorProto.Types.DataType.Float;
    private const int Int64 = (int)TensorProto.Types.DataType.Int64;

    public static float ImageWeight(int c, int j) => (c + 1) * 0.5f - j * 0.25f;

    public static float PatchWeight(int c, int j) => (j - c) * 0.3f + 0.1f;

    public static float TableValue(int k, int j) => (((k * 3) + (j * 5)) % 11 - 5) / 4f;

    /// <summary>What to build; the defaults are a Hugging Face-style export with D = 4.</summary>
    public sealed record Spec
    {
        public int Dimension { get; init; } = 4;
        public int TextDimension { get; init; } = 4;
        public bool SymbolicDimension { get; init; }
        public string PixelName { get; init; } = "pixel_values";
        public int PixelType { get; init; } = Float;
        public object[] PixelDims { get; init; } = ["N", 3, 224, 224];
        public string ImageEmbedsName { get; init; } = "image_embeds";
        public string? PatchName { get; init; }
        /// <summary>AveragePool kernel (= stride) of the patch branch, height then width.</summary>
        public (int Height, int Width) PatchKernel { get; init; } = (112, 112);
        public string IdsName { get; init; } = "input_ids";
        public int IdsType { get; init; } = Int64;
        public object[] IdsDims { get; init; } = ["M", 77];
        public bool Mask { get; init; } = true;
        public string TextEmbedsName { get; init; } = "text_embeds";
        public bool ImageEmbedsRank3 { get; init; }
        public string? ExtraInput { get; init; }
    }

    public static void WriteVision(string path, Spec spec) => Write(path, g => AddVision(g, spec));

    public static void WriteText(string path, Spec spec) => Write(path, g => AddText(g, spec));

    /// <summary>One graph with both towers; every input is required, as in optimum's combined export.</summary>
    public static void WriteCombined(string path, Spec spec) => Write(path, g =>
    {
        AddVision(g, spec);
        AddText(g, spec);
    });

    private static void AddVision(GraphProto g, Spec spec)
    {
        var d = spec.Dimension;
        g.Input.Add(Value(spec.PixelName, spec.PixelType, spec.PixelDims));
        if (spec.ExtraInput is { } extra)
        {
            g.Input.Add(Value(extra, Float, ["N", 1]));
        }
        g.Initializer.Add(Weights("image_weight", 3, d, ImageWeight));
        // A wrongly typed input is cast, so that the graph stays valid and only its signature is wrong.
        var pixels = spec.PixelType == Float ? spec.PixelName : Cast(g, spec.PixelName, Float);
        g.Node.Add(Node("GlobalAveragePool", [pixels], "pooled"));
        g.Node.Add(Node("Flatten", ["pooled"], "flat"));
        if (spec.ImageEmbedsRank3)
        {
            g.Node.Add(Node("MatMul", ["flat", "image_weight"], "image_2d"));
            g.Initializer.Add(Longs("unsqueeze_axis", [1], 1));
            g.Node.Add(Node("Unsqueeze", ["image_2d", "unsqueeze_axis"], spec.ImageEmbedsName));
            g.Output.Add(Value(spec.ImageEmbedsName, Float, ["N", 1, DimOf(spec, d)]));
        }
        else
        {
            g.Node.Add(Node("MatMul", ["flat", "image_weight"], spec.ImageEmbedsName));
            g.Output.Add(Value(spec.ImageEmbedsName, Float, ["N", DimOf(spec, d)]));
        }
        if (spec.PatchName is { } patchName)
        {
            var pool = Node("AveragePool", [pixels], "patch_pool");
            pool.Attribute.Add(Ints("kernel_shape", spec.PatchKernel.Height, spec.PatchKernel.Width));
            pool.Attribute.Add(Ints("strides", spec.PatchKernel.Height, spec.PatchKernel.Width));
            g.Node.Add(pool);
            g.Initializer.Add(Longs("patch_shape", [3], 0, 3, -1));
            g.Node.Add(Node("Reshape", ["patch_pool", "patch_shape"], "patch_channels"));
            var transpose = Node("Transpose", ["patch_channels"], "patch_pixels");
            transpose.Attribute.Add(Ints("perm", 0, 2, 1));
            g.Node.Add(transpose);
            g.Initializer.Add(Weights("patch_weight", 3, d, PatchWeight));
            g.Node.Add(Node("MatMul", ["patch_pixels", "patch_weight"], patchName));
            g.Output.Add(Value(patchName, Float, ["N", "P", DimOf(spec, d)]));
        }
    }

    private static void AddText(GraphProto g, Spec spec)
    {
        var d = spec.TextDimension;
        g.Input.Add(Value(spec.IdsName, spec.IdsType, spec.IdsDims));
        g.Initializer.Add(Weights("token_table", TableRows, d, TableValue));
        g.Initializer.Add(Longs("table_rows", [], TableRows));
        var ids = spec.IdsType == Int64 ? spec.IdsName : Cast(g, spec.IdsName, Int64);
        g.Node.Add(Node("Mod", [ids, "table_rows"], "rows"));
        g.Node.Add(Node("Gather", ["token_table", "rows"], "token_vectors")); // [M, L, D]
        if (spec.Mask)
        {
            g.Input.Add(Value("attention_mask", Int64, spec.IdsDims));
            AddMaskedMean(g, "token_vectors", spec.TextEmbedsName);
        }
        else
        {
            var mean = Reduce("ReduceMean", ["token_vectors"], spec.TextEmbedsName, keep: false);
            mean.Attribute.Add(Ints("axes", 1));
            g.Node.Add(mean);
        }
        g.Output.Add(Value(spec.TextEmbedsName, Float, ["M", DimOf(spec, d)]));
    }

    private static string Cast(GraphProto g, string input, int type)
    {
        var cast = Node("Cast", [input], input + "_cast");
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = type });
        g.Node.Add(cast);
        return input + "_cast";
    }

    private static object DimOf(Spec spec, int d) => spec.SymbolicDimension ? "D" : d;

    private static TensorProto Weights(string name, int rows, int columns, Func<int, int, float> value)
    {
        var tensor = new TensorProto { Name = name, DataType = Float };
        tensor.Dims.AddRange([rows, columns]);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                tensor.FloatData.Add(value(r, c));
            }
        }
        return tensor;
    }

    private static void Write(string path, Action<GraphProto> build) => WriteModel(path, "tiny_clip", build);
}
