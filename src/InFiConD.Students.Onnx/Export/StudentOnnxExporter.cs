using Google.Protobuf;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// Writes a <see cref="StudentEnsemble"/> as an ONNX model (IR version <see cref="IrVersion"/>, opset
/// <see cref="OpsetVersion"/>) and checks an export by running it in ONNX Runtime. The graph reads raw concept
/// scores <c>concept_scores</c> (float32, N × C, N dynamic) and computes
/// <c>logits = ((x − μ) · scale) · Wᵀ + b</c> with <c>scale_j = 1/s_j</c> (0 for constant concepts),
/// <c>probabilities = σ(logits)</c> and <c>label = argmax(logits)</c> (int64, first on ties), exactly the
/// ensemble's <see cref="StudentEnsemble.Logits"/>, <see cref="StudentEnsemble.PredictProbabilities(FloatMatrix)"/> and
/// <see cref="StudentEnsemble.PredictLabels(FloatMatrix)"/>. Class and concept names are stored as JSON arrays in the
/// model's metadata (<see cref="ClassNamesKey"/>, <see cref="ConceptNamesKey"/>) and in its doc strings.
/// </summary>
public static class StudentOnnxExporter
{
    /// <summary>Name of the input: raw concept scores, float32 N × C.</summary>
    public const string InputName = "concept_scores";

    /// <summary>Name of the logits output, float32 N × K.</summary>
    public const string LogitsName = "logits";

    /// <summary>Name of the probabilities output σ(logits), float32 N × K.</summary>
    public const string ProbabilitiesName = "probabilities";

    /// <summary>Name of the label output (index of the top class), int64 N.</summary>
    public const string LabelName = "label";

    /// <summary>Prefix of the metadata keys the exporter writes; reserved.</summary>
    public const string MetadataPrefix = "infICond.";

    /// <summary>Metadata key of the class names, a JSON array of K strings.</summary>
    public const string ClassNamesKey = MetadataPrefix + "class_names";

    /// <summary>Metadata key of the concept names, a JSON array of C strings.</summary>
    public const string ConceptNamesKey = MetadataPrefix + "concept_names";

    /// <summary>The ONNX IR version written (8, read by ONNX Runtime 1.10 and later).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain opset imported (13).</summary>
    public const int OpsetVersion = 13;

    /// <summary>Writes the ensemble's ONNX model to a file, atomically (a failed write leaves any old file as it was).</summary>
    /// <param name="students">The ensemble to export (at least one class and one concept).</param>
    /// <param name="path">The .onnx file to create or replace.</param>
    /// <param name="options">Names and metadata; <see langword="null"/> for <see cref="StudentOnnxOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The ensemble has no class or no concept, <paramref name="path"/> is empty, or an option is invalid.</exception>
    /// <exception cref="IOException">The file could not be written; the target is unchanged.</exception>
    public static void Export(StudentEnsemble students, string path, StudentOnnxOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var model = Build(students, options);
        AtomicFile.Write(path, model.WriteTo);
    }

    /// <summary>Writes the ensemble's ONNX model to a stream (left open).</summary>
    /// <param name="students">The ensemble to export (at least one class and one concept).</param>
    /// <param name="destination">A writable stream.</param>
    /// <param name="options">Names and metadata; <see langword="null"/> for <see cref="StudentOnnxOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The ensemble has no class or no concept, or an option is invalid.</exception>
    public static void Export(StudentEnsemble students, Stream destination, StudentOnnxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Build(students, options).WriteTo(destination);
    }

    /// <summary>The ensemble's ONNX model as bytes (for <c>InferenceSession(byte[])</c> or custom storage).</summary>
    /// <param name="students">The ensemble to export (at least one class and one concept).</param>
    /// <param name="options">Names and metadata; <see langword="null"/> for <see cref="StudentOnnxOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The ensemble has no class or no concept, or an option is invalid.</exception>
    public static byte[] ToBytes(StudentEnsemble students, StudentOnnxOptions? options = null) => Build(students, options).ToByteArray();

    /// <summary>
    /// Runs an exported model in ONNX Runtime on <paramref name="sampleScores"/> and compares its logits,
    /// probabilities and labels with the ensemble's own predictions.
    /// </summary>
    /// <param name="students">The ensemble the model should reproduce.</param>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="sampleScores">N × C raw concept scores (finite; N may be 0).</param>
    /// <param name="tolerance">Largest accepted absolute difference of logits and of probabilities; finite, ≥ 0.</param>
    /// <returns>The differences and label agreement; <see cref="StudentOnnxCheck.Passed"/> tells the verdict.</returns>
    /// <exception cref="ShapeMismatchException">The sample does not have C columns, or the model's inputs or outputs do not have the ensemble's shapes.</exception>
    /// <exception cref="NonFiniteValueException">The sample holds NaN or ±∞.</exception>
    /// <exception cref="InvalidFileException">ONNX Runtime cannot load the file, or the model lacks the exporter's input or outputs
    /// (the file named; the runtime's exception, if any, is the inner exception).</exception>
    /// <exception cref="ModelRunException">ONNX Runtime failed while running the model on the sample (the file, the input and its
    /// shape named; the runtime's exception is the inner exception).</exception>
    public static StudentOnnxCheck Verify(StudentEnsemble students, string modelPath, FloatMatrix sampleScores, float tolerance = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentNullException.ThrowIfNull(sampleScores);
        if (!(tolerance >= 0f) || float.IsInfinity(tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be finite and ≥ 0.");
        }
        if (sampleScores.Columns != students.ConceptCount)
        {
            throw new ShapeMismatchException(nameof(sampleScores), $"N × {students.ConceptCount}", $"{sampleScores.Rows} × {sampleScores.Columns}");
        }
        sampleScores.EnsureFinite(nameof(sampleScores));
        return StudentOnnxVerifier.Check(students, modelPath, sampleScores, tolerance);
    }

    private static global::Onnx.ModelProto Build(StudentEnsemble students, StudentOnnxOptions? options)
    {
        ArgumentNullException.ThrowIfNull(students);
        return StudentOnnxGraph.Build(students, (options ?? StudentOnnxOptions.Default).Validate());
    }
}
