using InFiConD.Embedding;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet;

/// <summary>
/// An <see cref="ITeacher"/> from an image encoder and an ML.NET model over its features: images are encoded
/// (<see cref="IImageEncoder.EncodeAsync"/>, failures reported and skipped), the N × D features and image ids become a
/// data view (<c>Features</c>, a vector of D Single, and <c>ImageId</c>), and the <see cref="MlNetTeacher"/> reads the
/// model's scores. This is the ConceptWorld teacher — ResNet-18 features and a head trained with ML.NET — without
/// composing an ONNX file; <see cref="TeacherModelComposer"/> gives the same probabilities through one ONNX model.
/// </summary>
/// <remarks>
/// <see cref="MlNetTeacher"/> itself is not an <see cref="ITeacher"/>: an ML.NET model reads a data view, and which
/// columns it expects from an image (a path, an in-memory image, pixels, features) only its author knows. The encoder
/// supplies that mapping here.
/// </remarks>
public sealed class MlNetImageTeacher : ITeacher
{
    private readonly IImageEncoder _encoder;
    private readonly MlNetTeacher _teacher;
    private readonly string _featureColumn;

    private MlNetImageTeacher(IImageEncoder encoder, MlNetTeacher teacher, string featureColumn, string teacherId)
    {
        _encoder = encoder;
        _teacher = teacher;
        _featureColumn = featureColumn;
        TeacherId = teacherId;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => _teacher.ClassNames;

    /// <inheritdoc />
    public string TeacherId { get; }

    /// <summary>Creates the teacher.</summary>
    /// <param name="encoder">The image encoder whose features the model reads.</param>
    /// <param name="teacher">The ML.NET model and how its output is read; its id column must be <c>ImageId</c>'s name in its options (the default).</param>
    /// <param name="modelId">A stable id of the ML.NET model (a file hash, a version), for caches: the teacher's id is the encoder's id plus this.</param>
    /// <param name="featureColumn">The name of the feature column the model reads.</param>
    /// <returns>The teacher.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model id or the feature column name is empty, or the feature column has the id column's name.</exception>
    public static MlNetImageTeacher Create(IImageEncoder encoder, MlNetTeacher teacher, string modelId, string featureColumn = MlNetColumnNames.Features)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        ArgumentException.ThrowIfNullOrEmpty(featureColumn);
        if (featureColumn == teacher.Options.IdColumn)
        {
            throw new ArgumentException($"The feature column and the id column are both called '{featureColumn}'.", nameof(featureColumn));
        }
        return new MlNetImageTeacher(encoder, teacher, featureColumn, $"mlnet:{modelId}:{encoder.ModelId}");
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The model does not read or give the expected columns (see <see cref="MlNetTeacher.GetOutputs"/>).</exception>
    /// <exception cref="Core.ShapeMismatchException">The model's scores do not have one value per class.</exception>
    public async Task<TeacherRun> PredictAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var encoded = await _encoder.EncodeAsync(images, progress, cancellationToken).ConfigureAwait(false);
        var (outputs, kind) = _teacher.Read(ToDataView(encoded), cancellationToken);
        return new TeacherRun(outputs, kind, encoded.Failures);
    }

    /// <inheritdoc />
    public override string ToString() => $"MlNetImageTeacher ({ClassNames.Count} classes over {_encoder.Dimension} features)";

    private IDataView ToDataView(ImageEmbeddings encoded)
    {
        var features = encoded.Embeddings;
        var rows = Enumerable.Range(0, features.Rows).Select(n => new FeatureRow { Features = features.Row(n).ToArray(), Id = encoded.ImageIds[n] }).ToList();
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnName = _featureColumn;
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features.Columns);
        schema[nameof(FeatureRow.Id)].ColumnName = _teacher.Options.IdColumn;
        return new MLContext(0).Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>One image's features and id.</summary>
    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];

        public string Id { get; set; } = "";
    }
}
