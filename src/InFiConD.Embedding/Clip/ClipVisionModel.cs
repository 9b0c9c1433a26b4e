using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Embedding;

/// <summary>
/// Runs a checked CLIP vision graph through <see cref="OnnxImageModel"/>'s pipeline (decoding overlapped
/// with inference, batching, failure reports), reading <c>image_embeds</c> and, in dense mode,
/// <c>patch_embeds</c> from the same call; a combined graph is also fed a dummy one-text batch.
/// </summary>
internal sealed class ClipVisionModel : IDisposable
{
    private readonly OnnxClipOptions _options;
    private readonly ClipTokens _dummyText;

    public ClipVisionModel(OnnxImageModel model, ClipVisionSignature signature, OnnxClipOptions options, ClipTokens dummyText)
    {
        Model = model;
        Signature = signature;
        _options = options;
        _dummyText = dummyText;
    }

    public OnnxImageModel Model { get; }

    public ClipVisionSignature Signature { get; }

    /// <summary>One image's outputs: its embedding and, when asked, its P patch embeddings (P · D values).</summary>
    public sealed record Row(float[] Global, float[]? Patches, int PatchCount);

    public Task<OnnxImageModel.BatchedRun<Row>> RunAsync(ImageSource images, bool patches, int dimension, IProgress<ImageModelProgress>? progress, CancellationToken cancellationToken) =>
        Model.RunBatchesAsync(images, (pixels, count) => Infer(pixels, count, patches, dimension), progress, cancellationToken);

    public void Dispose() => Model.Dispose();

    private Row[] Infer(OrtValue pixels, int count, bool patches, int dimension)
    {
        var names = new List<string> { _options.PixelValuesName };
        var extra = new List<OrtValue>();
        try
        {
            if (Signature.FeedsInputIds)
            {
                long[] shape = [1, _dummyText.InputIds.Length];
                names.Add(_options.InputIdsName);
                extra.Add(ClipTextModel.Copy(_dummyText.InputIds.Span, shape));
                if (Signature.FeedsAttentionMask)
                {
                    names.Add(_options.AttentionMaskName);
                    extra.Add(ClipTextModel.Copy(_dummyText.AttentionMask.Span, shape));
                }
            }
            List<string> outputNames = patches ? [_options.ImageEmbedsName, Signature.PatchName!] : [_options.ImageEmbedsName];
            using var runOptions = OnnxRun.RunOptions(Model.LogLevel);
            using var outputs = OnnxRun.Run(Model.Session, Model.ModelPath, runOptions, names, [pixels, .. extra], outputNames);
            return Read(outputs, count, patches, dimension);
        }
        finally
        {
            ClipTextModel.DisposeAll(extra);
        }
    }

    private Row[] Read(IReadOnlyList<OrtValue> outputs, int count, bool patches, int dimension)
    {
        var globalShape = outputs[0].GetTensorTypeAndShape().Shape;
        if (globalShape.Length != 2 || globalShape[0] != count || (dimension > 0 && globalShape[1] != dimension))
        {
            throw new ShapeMismatchException($"{Model.ModelPath}: output '{_options.ImageEmbedsName}'", $"[{count}, {(dimension > 0 ? dimension : "D")}]", $"[{string.Join(", ", globalShape)}]");
        }
        var width = (int)globalShape[1];
        var global = outputs[0].GetTensorDataAsSpan<float>();
        var patchCount = 0;
        if (patches)
        {
            var patchShape = outputs[1].GetTensorTypeAndShape().Shape;
            if (patchShape.Length != 3 || patchShape[0] != count || patchShape[2] != width)
            {
                throw new ShapeMismatchException($"{Model.ModelPath}: output '{Signature.PatchName}'", $"[{count}, P, {width}]", $"[{string.Join(", ", patchShape)}]");
            }
            patchCount = (int)patchShape[1];
            if (!PatchGrid.IsSquare(patchCount))
            {
                throw new InvalidFileException(Model.ModelPath, Signature.PatchName, null, $"The model gave {patchCount} patches per image, not a square number (a √P × √P grid); export the patch tokens without the class token.");
            }
        }
        var rows = new Row[count];
        for (var i = 0; i < count; i++)
        {
            var patchValues = patches ? outputs[1].GetTensorDataAsSpan<float>().Slice(i * patchCount * width, patchCount * width).ToArray() : null;
            rows[i] = new Row(global.Slice(i * width, width).ToArray(), patchValues, patchCount);
        }
        return rows;
    }
}
