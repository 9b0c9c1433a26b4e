using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace InFiConD.Embedding;

/// <summary>Runs a checked CLIP text graph on token batches: <c>input_ids</c> (+ <c>attention_mask</c>) → <c>text_embeds</c>.</summary>
internal sealed class ClipTextModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly bool _ownsSession;
    private readonly OnnxClipOptions _options;

    public ClipTextModel(InferenceSession session, bool ownsSession, string path, ClipTextSignature signature, OnnxClipOptions options)
    {
        _session = session;
        _ownsSession = ownsSession;
        _options = options;
        Path = path;
        Signature = signature;
    }

    public string Path { get; }

    public ClipTextSignature Signature { get; }

    /// <summary>Runs one batch and returns its M × D embeddings, unnormalised.</summary>
    /// <exception cref="ShapeMismatchException">The graph returned another shape than [M, D] (D = <paramref name="dimension"/> when it is known).</exception>
    /// <exception cref="ModelRunException">ONNX Runtime failed on the batch (the model file and the token inputs named).</exception>
    public FloatMatrix Run(ClipTokenBatch batch, int dimension)
    {
        long[] shape = [batch.Count, batch.ContextLength];
        var names = new List<string> { _options.InputIdsName };
        var values = new List<OrtValue> { Copy(batch.InputIds.Span, shape) };
        try
        {
            if (Signature.HasAttentionMask)
            {
                names.Add(_options.AttentionMaskName);
                values.Add(Copy(batch.AttentionMask.Span, shape));
            }
            if (Signature.DummyPixelShape is { } pixelShape)
            {
                // A combined graph wants an image too; one black image, whose embedding is not read.
                names.Add(_options.PixelValuesName);
                values.Add(OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, pixelShape));
                values[^1].GetTensorMutableDataAsSpan<float>().Clear();
            }
            using var runOptions = OnnxRun.RunOptions(_options.LogLevel);
            using var outputs = OnnxRun.Run(_session, Path, runOptions, names, values, [_options.TextEmbedsName]);
            var outputShape = outputs[0].GetTensorTypeAndShape().Shape;
            if (outputShape.Length != 2 || outputShape[0] != batch.Count || (dimension > 0 && outputShape[1] != dimension))
            {
                throw new ShapeMismatchException($"{Path}: output '{_options.TextEmbedsName}'", $"[{batch.Count}, {(dimension > 0 ? dimension : "D")}]", $"[{string.Join(", ", outputShape)}]");
            }
            return FloatMatrix.FromValues(outputs[0].GetTensorDataAsSpan<float>(), batch.Count, (int)outputShape[1]);
        }
        finally
        {
            DisposeAll(values);
        }
    }

    public void Dispose()
    {
        if (_ownsSession)
        {
            _session.Dispose();
        }
    }

    internal static void DisposeAll(List<OrtValue> values)
    {
        foreach (var value in values)
        {
            value.Dispose();
        }
    }

    internal static OrtValue Copy(ReadOnlySpan<long> data, long[] shape)
    {
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Int64, shape);
        data.CopyTo(value.GetTensorMutableDataAsSpan<long>());
        return value;
    }
}
