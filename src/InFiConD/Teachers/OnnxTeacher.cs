using InFiConD.Embedding;

namespace InFiConD;

/// <summary>
/// A teacher that is an ONNX image classifier: an <see cref="OnnxImageModel"/> whose output row per image holds
/// one score per class (logits or probabilities, declared or detected), so it gets batching, overlapped
/// decoding and bad-image reports from the image model.
/// </summary>
public sealed class OnnxTeacher : ITeacher, IDisposable
{
    private readonly OnnxImageModel _model;
    private readonly OnnxTeacherOptions _options;

    private OnnxTeacher(OnnxImageModel model, IReadOnlyList<string> classNames, OnnxTeacherOptions options)
    {
        _model = model;
        ClassNames = classNames;
        _options = options;
        TeacherId = $"{model.ModelId}:{options.OutputKind?.ToString() ?? "auto"}:{(options.MultiLabel ? "multi" : "single")}:T{options.Temperature:R}";
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc />
    public string TeacherId { get; }

    /// <summary>The underlying image model.</summary>
    public OnnxImageModel Model => _model;

    /// <summary>Loads a classifier.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="preprocessing">How images become its input tensor.</param>
    /// <param name="classNames">The K class names, in output order.</param>
    /// <param name="options">Output kind, labels, temperature, model options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">Class names are empty or repeat.</exception>
    /// <exception cref="Core.InvalidFileException">The model's inputs or outputs do not fit (names, types and shapes listed).</exception>
    public static OnnxTeacher Load(string path, Preprocessing preprocessing, IReadOnlyList<string> classNames, OnnxTeacherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count == 0 || classNames.Distinct(StringComparer.Ordinal).Count() != classNames.Count)
        {
            throw new ArgumentException($"A teacher needs at least one class and distinct class names; got {classNames.Count} names.", nameof(classNames));
        }
        options = (options ?? OnnxTeacherOptions.Default).Validate();
        return new OnnxTeacher(OnnxImageModel.Load(path, preprocessing, options.Model), classNames.ToArray(), options);
    }

    /// <inheritdoc />
    public async Task<TeacherRun> PredictAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = await _model.RunAsync(images, progress, cancellationToken).ConfigureAwait(false);
        var (outputs, kind) = TeacherScores.ToOutputs(run.Outputs, run.ImageIds, ClassNames, _options.OutputKind, _options.MultiLabel, _options.Temperature, _model.ModelPath);
        return new TeacherRun(outputs, kind, run.Failures);
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();
}
