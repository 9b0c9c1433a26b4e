using System.Globalization;
using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace InFiConD.Embedding;

/// <summary>
/// Checks a CLIP graph's inputs and outputs against what the encoder feeds and reads, once at load, and
/// snapshots what running it needs. Every refusal lists the expected signature and the model's actual
/// inputs and outputs (names, element types, shapes).
/// </summary>
internal static class ClipGraphCheck
{
    public static ClipVisionSignature Vision(InferenceSession session, string path, OnnxClipOptions o, int contextLength)
    {
        var patchHint = o.PatchEmbedsName is null ? "" : $" (and, for dense mode, '{o.PatchEmbedsName}' float [N, P, D])";
        var expected = $"inputs '{o.PixelValuesName}' float {ImageShape(o.Preprocessing)}; outputs '{o.ImageEmbedsName}' float [N, D]{patchHint}";
        var fail = Failer(session, path, "vision", expected);

        var pixels = Require(session.InputMetadata, o.PixelValuesName, "input", TensorElementType.Float, 4, fail);
        CheckImageInput(pixels, o, fail);
        var embeds = Require(session.OutputMetadata, o.ImageEmbedsName, "output", TensorElementType.Float, 2, fail);
        var dimension = embeds.Dimensions[1];

        var patchCount = -1;
        string? patchName = null;
        if (o.PatchEmbedsName is { } name && session.OutputMetadata.ContainsKey(name))
        {
            var patches = Require(session.OutputMetadata, name, "output", TensorElementType.Float, 3, fail);
            patchName = name;
            patchCount = patches.Dimensions[1];
            if (patchCount > 0 && !PatchGrid.IsSquare(patchCount))
            {
                throw fail(name, $"'{name}' has {patchCount} patches, not a square number (a √P × √P grid); export the patch tokens without the class token");
            }
            if (patches.Dimensions[2] > 0 && dimension > 0 && patches.Dimensions[2] != dimension)
            {
                throw fail(name, $"'{name}' has width {patches.Dimensions[2]} but '{o.ImageEmbedsName}' has {dimension}; patches must be in the same joint space");
            }
            dimension = dimension > 0 ? dimension : patches.Dimensions[2];
        }

        // A combined graph also takes the text inputs: they get a dummy one-text batch (see OnnxClipEncoder).
        var ids = Optional(session.InputMetadata, o.InputIdsName, TensorElementType.Int64, 2, fail);
        var mask = Optional(session.InputMetadata, o.AttentionMaskName, TensorElementType.Int64, 2, fail);
        CheckNoOtherInputs(session, [o.PixelValuesName, o.InputIdsName, o.AttentionMaskName], fail);
        var length = ids is null ? contextLength : SequenceLength(ids, o.InputIdsName, contextLength, fail);
        return new ClipVisionSignature(dimension, patchName, patchCount, ids is not null, mask is not null, length);
    }

    public static ClipTextSignature Text(InferenceSession session, string path, OnnxClipOptions o, int contextLength)
    {
        var expected = $"inputs '{o.InputIdsName}' int64 [M, {contextLength}] (and optionally '{o.AttentionMaskName}' int64 [M, {contextLength}]); outputs '{o.TextEmbedsName}' float [M, D]";
        var fail = Failer(session, path, "text", expected);

        var ids = Require(session.InputMetadata, o.InputIdsName, "input", TensorElementType.Int64, 2, fail);
        var length = SequenceLength(ids, o.InputIdsName, contextLength, fail);
        var mask = Optional(session.InputMetadata, o.AttentionMaskName, TensorElementType.Int64, 2, fail);
        var embeds = Require(session.OutputMetadata, o.TextEmbedsName, "output", TensorElementType.Float, 2, fail);

        // A combined graph also takes the image input: it gets one black image (see OnnxClipEncoder).
        var pixels = Optional(session.InputMetadata, o.PixelValuesName, TensorElementType.Float, 4, fail);
        long[]? pixelShape = null;
        if (pixels is not null)
        {
            CheckImageInput(pixels, o, fail);
            var (width, height) = o.Preprocessing.CropWidth > 0 ? (o.Preprocessing.CropWidth, o.Preprocessing.CropHeight) : (224, 224);
            pixelShape = o.Preprocessing.Layout == TensorLayout.Chw ? [1, 3, height, width] : [1, height, width, 3];
            for (var d = 1; d < 4; d++)
            {
                pixelShape[d] = pixels.Dimensions[d] > 0 ? pixels.Dimensions[d] : pixelShape[d];
            }
        }
        CheckNoOtherInputs(session, [o.InputIdsName, o.AttentionMaskName, o.PixelValuesName], fail);
        return new ClipTextSignature(embeds.Dimensions[1], mask is not null, length, pixelShape);
    }

    /// <summary>The message of a refusal: what is wrong, then expected and actual signatures.</summary>
    public static string Describe(InferenceSession session, string problem, string expected) =>
        $"{problem}. Expected {expected}. The model has inputs {List(session.InputMetadata)}; outputs {List(session.OutputMetadata)}.";

    private static Func<string, string, InvalidFileException> Failer(InferenceSession session, string path, string tower, string expected) =>
        (field, problem) => new InvalidFileException(path, field, null, $"Not a CLIP {tower} model: {Describe(session, problem, expected)}");

    private static NodeMetadata Require(IReadOnlyDictionary<string, NodeMetadata> values, string name, string kind, TensorElementType type, int rank, Func<string, string, InvalidFileException> fail)
    {
        if (!values.TryGetValue(name, out var meta))
        {
            throw fail(name, $"it has no {kind} '{name}' (names are set in OnnxClipOptions)");
        }
        Check(meta, name, type, rank, fail);
        return meta;
    }

    private static NodeMetadata? Optional(IReadOnlyDictionary<string, NodeMetadata> values, string name, TensorElementType type, int rank, Func<string, string, InvalidFileException> fail)
    {
        if (!values.TryGetValue(name, out var meta))
        {
            return null;
        }
        Check(meta, name, type, rank, fail);
        return meta;
    }

    private static void Check(NodeMetadata meta, string name, TensorElementType type, int rank, Func<string, string, InvalidFileException> fail)
    {
        if (!meta.IsTensor || meta.ElementDataType != type)
        {
            throw fail(name, $"'{name}' is {TypeName(meta)}, not {TypeName(type)}");
        }
        if (meta.Dimensions.Length != rank)
        {
            throw fail(name, $"'{name}' has rank {meta.Dimensions.Length} [{Shape(meta.Dimensions)}], not {rank}");
        }
    }

    private static void CheckImageInput(NodeMetadata pixels, OnnxClipOptions o, Func<string, string, InvalidFileException> fail)
    {
        var chw = o.Preprocessing.Layout == TensorLayout.Chw;
        var dims = pixels.Dimensions;
        var (channels, height, width) = chw ? (dims[1], dims[2], dims[3]) : (dims[3], dims[1], dims[2]);
        if (channels > 0 && channels != 3)
        {
            throw fail(o.PixelValuesName, $"'{o.PixelValuesName}' has {channels} channels where the preprocessing ({o.Preprocessing.Layout}) writes 3");
        }
        var crop = o.Preprocessing;
        if (crop.CropWidth > 0 && ((height > 0 && height != crop.CropHeight) || (width > 0 && width != crop.CropWidth)))
        {
            throw fail(o.PixelValuesName, $"'{o.PixelValuesName}' takes {Shape([height, width])} pixels but the preprocessing crops {crop.CropHeight} × {crop.CropWidth}; set OnnxClipOptions.Preprocessing");
        }
    }

    private static int SequenceLength(NodeMetadata ids, string name, int contextLength, Func<string, string, InvalidFileException> fail)
    {
        var fixedLength = ids.Dimensions[1];
        if (fixedLength > 0 && fixedLength != contextLength)
        {
            throw fail(name, $"'{name}' takes {fixedLength} tokens but the tokenizer writes {contextLength}; set OnnxClipOptions.Tokenizer.ContextLength");
        }
        return contextLength;
    }

    private static void CheckNoOtherInputs(InferenceSession session, string[] known, Func<string, string, InvalidFileException> fail)
    {
        var unknown = session.InputMetadata.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw fail(unknown, $"it has an input '{unknown}' the encoder cannot feed");
        }
    }

    private static string ImageShape(Preprocessing p) => p.Layout == TensorLayout.Chw ? "[N, 3, H, W]" : "[N, H, W, 3]";

    private static string List(IReadOnlyDictionary<string, NodeMetadata> values) =>
        values.Count == 0 ? "none" : string.Join(", ", values.Select(p => $"'{p.Key}' {TypeName(p.Value)} [{Shape(p.Value.Dimensions)}]"));

    private static string TypeName(NodeMetadata meta) => meta.IsTensor ? TypeName(meta.ElementDataType) : meta.OnnxValueType.ToString().ToLowerInvariant();

    private static string TypeName(TensorElementType type) => type.ToString().ToLowerInvariant();

    private static string Shape(int[] dimensions) =>
        string.Join(", ", dimensions.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)));
}
