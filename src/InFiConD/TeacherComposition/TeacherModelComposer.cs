using Google.Protobuf;
using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Onnx;
using Onnx;

namespace InFiConD;

/// <summary>
/// Writes a teacher as one ONNX file: a chain of ONNX models (for the packaged ResNet-18: the preprocessing model, then
/// the network) followed by a <see cref="ClassifierHead"/> (<c>Flatten → Gemm → Softmax | Sigmoid</c>), with outputs
/// <see cref="ProbabilitiesName"/> and <see cref="LogitsName"/>. Models are merged, not nested: every model's names get a
/// prefix of their own (its file name, <c>ResNet18/</c>), each model's input is wired to the previous model's output,
/// the first model's input keeps its name and shape, and the opsets are merged per domain (the highest, with every
/// node of a model that imported a lower one checked to mean the same under it). Shapes are checked where static.
/// The file loads through <see cref="OnnxTeacher"/> (<see cref="ComposedTeacherModel.LoadTeacher"/>).
/// </summary>
public static class TeacherModelComposer
{
    /// <summary>Name of the probabilities output, float32 batch × K (the first output).</summary>
    public const string ProbabilitiesName = "probabilities";

    /// <summary>Name of the logits output <c>x · Wᵀ + b</c>, float32 batch × K.</summary>
    public const string LogitsName = "logits";

    /// <summary>Metadata key of the class names, a JSON array of K strings (the key the student exporter uses too).</summary>
    public const string ClassNamesKey = "infICond.class_names";

    /// <summary>Metadata key of the head's activation, <c>Softmax</c> or <c>Sigmoid</c>.</summary>
    public const string ActivationKey = "infICond.head_activation";

    /// <summary>Metadata key of the composed models' file names, a JSON array.</summary>
    public const string ChainKey = "infICond.chain";

    private static readonly string ResNet18Preprocess = Path.Combine("ResNetPrepOnnx", "ResNetPreprocess.onnx");
    private static readonly string ResNet18Network = Path.Combine("ResNet18Onnx", "ResNet18.onnx");

    /// <summary>Composes a chain of models and a head into one ONNX file, written atomically.</summary>
    /// <param name="modelPaths">The .onnx files, in order: each must have one input (initializers aside) and one output, and each input must take the previous output.</param>
    /// <param name="head">The head over the last output, flattened per image to D features.</param>
    /// <param name="outputPath">The .onnx file to create or replace.</param>
    /// <param name="options">Batch handling, graph name, description; <see langword="null"/> for <see cref="TeacherCompositionOptions.Default"/>.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentException">No model is given, or a path is empty.</exception>
    /// <exception cref="FileNotFoundException">A model file does not exist.</exception>
    /// <exception cref="InvalidFileException">A file is not an ONNX model, keeps tensors in external files, has local functions, or has not exactly one input and one output.</exception>
    /// <exception cref="ShapeMismatchException">A model's input does not take the previous output, the last output is not float [batch, …], or its per-image size is not the head's D (both named).</exception>
    /// <exception cref="InFiConDException">The opsets cannot be merged (a node would change meaning), or <see cref="CompositionBatch.Dynamic"/> was asked of a batch-bound chain.</exception>
    /// <exception cref="IOException">The file could not be written; any old file is unchanged.</exception>
    public static ComposedTeacherModel Compose(IReadOnlyList<string> modelPaths, ClassifierHead head, string outputPath, TeacherCompositionOptions? options = null) =>
        Compose(modelPaths, head, outputPath, options, preprocessing: null);

    /// <summary>
    /// Composes the packaged ResNet-18 (preprocessing model → network → 512 pooled features) and a head over its 512
    /// features, finding and checking the model files as <see cref="ResNet18Backbone.Load(string?)"/> does.
    /// </summary>
    /// <param name="head">The head, D = 512.</param>
    /// <param name="outputPath">The .onnx file to create or replace.</param>
    /// <param name="modelsDirectory">The package's <c>DnnImageModels</c> folder or its parent; <see langword="null"/> to search as the backbone does.</param>
    /// <param name="options">Batch handling, graph name, description; <see langword="null"/> for the defaults (the batch becomes symbolic: every node of the two models is per-image).</param>
    /// <returns>What was written, with <see cref="Preprocessing.ResNet18Package"/> as its preprocessing.</returns>
    /// <exception cref="FileNotFoundException">The model files are not there (the folders searched are listed).</exception>
    /// <exception cref="ShapeMismatchException">The head's D is not 512 (both named).</exception>
    /// <exception cref="InvalidFileException">A model file cannot be loaded or has an unexpected signature.</exception>
    /// <exception cref="IOException">The file could not be written; any old file is unchanged.</exception>
    public static ComposedTeacherModel ComposeResNet18(ClassifierHead head, string outputPath, string? modelsDirectory = null, TeacherCompositionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        // The backbone's loader is the one place that knows where the package puts its files and checks their signatures.
        using var backbone = ResNet18Backbone.Load(modelsDirectory, new ResNet18Options { Parallelism = 1, IntraOpThreads = 1 });
        return ComposeResNet18(backbone, head, outputPath, options);
    }

    /// <summary>Composes the models a loaded <see cref="ResNet18Backbone"/> runs and a head over its 512 features.</summary>
    /// <param name="backbone">The backbone whose <see cref="ResNet18Backbone.ModelsDirectory"/> holds the model files.</param>
    /// <param name="head">The head, D = 512.</param>
    /// <param name="outputPath">The .onnx file to create or replace.</param>
    /// <param name="options">Batch handling, graph name, description; <see langword="null"/> for the defaults.</param>
    /// <returns>What was written, with <see cref="Preprocessing.ResNet18Package"/> as its preprocessing.</returns>
    /// <exception cref="ShapeMismatchException">The head's D is not 512 (both named).</exception>
    /// <exception cref="IOException">The file could not be written; any old file is unchanged.</exception>
    public static ComposedTeacherModel ComposeResNet18(ResNet18Backbone backbone, ClassifierHead head, string outputPath, TeacherCompositionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        string[] chain = [Path.Combine(backbone.ModelsDirectory, ResNet18Preprocess), Path.Combine(backbone.ModelsDirectory, ResNet18Network)];
        options ??= TeacherCompositionOptions.Default with { Description = $"ResNet-18 (NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18, {backbone.ModelId}) with a {head?.ClassCount}-class head." };
        return Compose(chain, head!, outputPath, options, backbone.Preprocessing);
    }

    private static ComposedTeacherModel Compose(IReadOnlyList<string> modelPaths, ClassifierHead head, string outputPath, TeacherCompositionOptions? options, Preprocessing? preprocessing)
    {
        ArgumentNullException.ThrowIfNull(modelPaths);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        options = (options ?? TeacherCompositionOptions.Default).Validate();
        if (modelPaths.Count == 0)
        {
            throw new ArgumentException("A teacher chain needs at least one model.", nameof(modelPaths));
        }
        foreach (var path in modelPaths)
        {
            ArgumentException.ThrowIfNullOrEmpty(path, nameof(modelPaths));
        }
        var steps = modelPaths.Select(OnnxChainStep.Read).ToList();
        var names = steps.Select(s => s.Name).ToArray();
        var featureDimension = head.FeatureDimension;
        var (model, dynamic) = TeacherGraphBuilder.Build(steps, head, options);
        AtomicFile.Write(outputPath, model.WriteTo);
        var input = model.Graph.Input[0];
        var shape = input.Type?.TensorType?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1L).ToArray() ?? [];
        var opsets = model.OpsetImport.Select(o => new OnnxOpset(o.Domain, o.Version)).ToArray();
        return new ComposedTeacherModel(Path.GetFullPath(outputPath), input.Name, shape, dynamic, featureDimension, head.ClassNames, head.Activation, model.IrVersion, opsets, names, preprocessing);
    }
}
