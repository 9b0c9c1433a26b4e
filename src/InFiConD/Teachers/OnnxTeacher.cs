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

    /// <summary>
    /// Loads a classifier that carries its class names in its metadata (key <see cref="TeacherModelComposer.ClassNamesKey"/>,
    /// a JSON array, as <see cref="TeacherModelComposer"/> writes it); a model whose head is marked
    /// <see cref="HeadActivation.Sigmoid"/> (key <see cref="TeacherModelComposer.ActivationKey"/>) is read as multi-label.
    /// </summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="preprocessing">How images become its input tensor.</param>
    /// <param name="options">Output kind, temperature, model options; <see langword="null"/> for the defaults.</param>
    /// <returns>The teacher.</returns>
    /// <exception cref="Core.InvalidFileException">The model carries no class names, or they are not a JSON array of distinct
    /// strings (the file and the metadata key are named), or its inputs or outputs do not fit.</exception>
    public static OnnxTeacher Load(string path, Preprocessing preprocessing, OnnxTeacherOptions? options = null)
    {
        options = (options ?? OnnxTeacherOptions.Default).Validate();
        var model = OnnxImageModel.Load(path, preprocessing, options.Model);
        try
        {
            var names = ClassNamesOf(model);
            var sigmoid = model.CustomMetadata.TryGetValue(TeacherModelComposer.ActivationKey, out var activation) && activation == nameof(HeadActivation.Sigmoid);
            return new OnnxTeacher(model, names, sigmoid ? options with { MultiLabel = true } : options);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static string[] ClassNamesOf(OnnxImageModel model)
    {
        const string key = TeacherModelComposer.ClassNamesKey;
        if (!model.CustomMetadata.TryGetValue(key, out var json))
        {
            throw new Core.InvalidFileException(model.ModelPath, key, null, "the model carries no class names in its metadata; pass them to OnnxTeacher.Load(path, preprocessing, classNames) in output order.");
        }
        string[] names;
        try
        {
            names = System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new Core.InvalidFileException(model.ModelPath, key, null, $"the class names are not a JSON array of strings ({e.Message}).", e);
        }
        if (names.Length == 0 || names.Any(string.IsNullOrEmpty) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new Core.InvalidFileException(model.ModelPath, key, null, $"the class names ({names.Length}) are empty, blank or repeat one another; a teacher needs distinct names.");
        }
        return names;
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
