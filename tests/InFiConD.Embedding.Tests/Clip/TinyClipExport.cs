namespace InFiConD.Embedding.Tests;

/// <summary>A temp folder holding a tiny CLIP export, and the hand computation of its outputs.</summary>
internal sealed class TinyClipExport : IDisposable
{
    /// <summary>Absolute tolerance: ONNX Runtime's GlobalAveragePool sums 50,176 floats per channel, which costs a few units in the fifth digit.</summary>
    public const float Tolerance = 1e-4f;

    private readonly TempFolder _folder = new();

    public string Folder => _folder.Path;

    public string VisionPath => Path.Combine(Folder, "vision_model.onnx");

    public string TextPath => Path.Combine(Folder, "text_model.onnx");

    /// <summary>A separate-files export (vision_model.onnx + text_model.onnx); the tokenizer stays in Data/clip.</summary>
    public static TinyClipExport Separate(TinyClipModels.Spec? spec = null)
    {
        var export = new TinyClipExport();
        TinyClipModels.WriteVision(export.VisionPath, spec ?? new TinyClipModels.Spec());
        TinyClipModels.WriteText(export.TextPath, spec ?? new TinyClipModels.Spec());
        return export;
    }

    /// <summary>Options pointing at the real tokenizer in the test output.</summary>
    public static OnnxClipOptions Options(OnnxClipOptions? options = null) =>
        (options ?? OnnxClipOptions.Default) with { TokenizerDirectory = ClipData.Folder };

    public void Dispose() => _folder.Dispose();

    /// <summary>The CLIP-preprocessed value of a uniform colour: (byte / 255 − mean) / std per channel.</summary>
    public static float[] Pixel(byte red, byte green, byte blue)
    {
        var p = Preprocessing.Clip;
        return [(red * p.Scale - p.Mean.Red) / p.Std.Red, (green * p.Scale - p.Mean.Green) / p.Std.Green, (blue * p.Scale - p.Mean.Blue) / p.Std.Blue];
    }

    /// <summary>v · W for a 3-vector and a 3 × D weight function.</summary>
    public static float[] Project(float[] v, Func<int, int, float> weight, int dimension = 4) =>
        Enumerable.Range(0, dimension).Select(j => v[0] * weight(0, j) + v[1] * weight(1, j) + v[2] * weight(2, j)).ToArray();

    /// <summary>The text model by hand: mean over unmasked positions of Table[id mod 16].</summary>
    public static float[] Text(ClipTokens tokens, bool masked = true, int dimension = 4)
    {
        var ids = tokens.InputIds.ToArray();
        var mask = tokens.AttentionMask.ToArray();
        var sum = new double[dimension];
        var count = 0;
        for (var t = 0; t < ids.Length; t++)
        {
            if (masked && mask[t] == 0)
            {
                continue;
            }
            count++;
            for (var j = 0; j < dimension; j++)
            {
                sum[j] += TinyClipModels.TableValue((int)(ids[t] % TinyClipModels.TableRows), j);
            }
        }
        return sum.Select(s => (float)(s / count)).ToArray();
    }

    public static float[] Normalized(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    public static void AssertClose(float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= Tolerance, $"value {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    /// <summary>A 224 × 224 image whose quadrants have the given colours: top-left, top-right, bottom-left, bottom-right.</summary>
    public static DecodedImage Quadrants(params (byte R, byte G, byte B)[] colours)
    {
        var rgb = new byte[224 * 224 * 3];
        for (var y = 0; y < 224; y++)
        {
            for (var x = 0; x < 224; x++)
            {
                var (r, g, b) = colours[(y / 112 * 2) + (x / 112)];
                var i = 3 * (y * 224 + x);
                (rgb[i], rgb[i + 1], rgb[i + 2]) = (r, g, b);
            }
        }
        return new DecodedImage(224, 224, rgb);
    }
}
