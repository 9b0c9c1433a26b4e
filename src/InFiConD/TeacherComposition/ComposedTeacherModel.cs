using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD;

/// <summary>
/// A teacher model written by <see cref="TeacherModelComposer"/>: one ONNX file from the first model's input to the
/// outputs <c>probabilities</c> (first) and <c>logits</c>, both batch × K.
/// </summary>
/// <param name="Path">The .onnx file written.</param>
/// <param name="InputName">The input's name (the first model's, unchanged).</param>
/// <param name="InputShape">The input's dimensions; −1 where symbolic (the batch, when <paramref name="DynamicBatch"/>).</param>
/// <param name="DynamicBatch">Whether the batch dimension is symbolic, so a call may carry several images.</param>
/// <param name="FeatureDimension">D, the per-image size of the last model's output that the head reads.</param>
/// <param name="ClassNames">The K class names, in output order.</param>
/// <param name="Activation">Softmax (single-label) or sigmoid (multi-label).</param>
/// <param name="IrVersion">The ONNX IR version written.</param>
/// <param name="Opsets">The opsets imported (per domain, the highest of the chain).</param>
/// <param name="Chain">The file names of the composed models, in order.</param>
/// <param name="Preprocessing">How images become the input tensor, when the composer knows it (the packaged ResNet-18); otherwise <see langword="null"/>.</param>
public sealed record ComposedTeacherModel(
    string Path,
    string InputName,
    IReadOnlyList<long> InputShape,
    bool DynamicBatch,
    int FeatureDimension,
    IReadOnlyList<string> ClassNames,
    HeadActivation Activation,
    long IrVersion,
    IReadOnlyList<OnnxOpset> Opsets,
    IReadOnlyList<string> Chain,
    Preprocessing? Preprocessing)
{
    /// <summary>
    /// Loads the model as an <see cref="OnnxTeacher"/> over the class names: the <c>probabilities</c> output, declared
    /// as probabilities, multi-label for a sigmoid head; with a temperature other than 1 in <paramref name="options"/>,
    /// the <c>logits</c> output, declared as logits, so the temperature applies.
    /// </summary>
    /// <param name="preprocessing">How images become the input tensor; <see langword="null"/> for <see cref="Preprocessing"/>.</param>
    /// <param name="options">Temperature, batching, threads and decoding; the output name, kind and multi-label setting are set here. <see langword="null"/> for the defaults.</param>
    /// <returns>The teacher; dispose it.</returns>
    /// <exception cref="ArgumentException">No preprocessing is given and the record has none.</exception>
    /// <exception cref="Core.InvalidFileException">ONNX Runtime cannot load the file, or its input or outputs do not fit.</exception>
    public OnnxTeacher LoadTeacher(Preprocessing? preprocessing = null, OnnxTeacherOptions? options = null)
    {
        preprocessing ??= Preprocessing ?? throw new ArgumentException($"'{Path}' was composed from models whose preprocessing the composer does not know; pass it.", nameof(preprocessing));
        options ??= OnnxTeacherOptions.Default;
        var logits = options.Temperature != 1f;
        options = options with
        {
            OutputKind = logits ? TeacherOutputKind.Logits : TeacherOutputKind.Probabilities,
            MultiLabel = Activation == HeadActivation.Sigmoid,
            Model = (options.Model ?? OnnxImageModelOptions.Default) with
            {
                InputName = InputName,
                OutputName = logits ? TeacherModelComposer.LogitsName : TeacherModelComposer.ProbabilitiesName,
            },
        };
        return OnnxTeacher.Load(Path, preprocessing, ClassNames, options);
    }
}
