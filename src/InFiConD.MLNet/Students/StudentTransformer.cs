using InFiConD.Core;
using InFiConD.Students;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet;

/// <summary>
/// A fitted <see cref="StudentEnsemble"/> as an ML.NET <see cref="ITransformer"/>. It reads a vector-of-float column of
/// raw concept scores (by default <c>Features</c>, as written by <see cref="ConceptScoresExtensions.ToDataView"/>) and
/// appends two columns, keeping every input column:
/// <list type="bullet">
/// <item><c>StudentScores</c>: a vector of K floats, the students' probabilities <c>σ(w_k · z + b_k)</c> (independent
/// per class, so they need not sum to 1), with the class names as slot names;</item>
/// <item><c>StudentLabel</c>: the top class (argmax of the logits, first on ties) as a key (1-based) whose key values are
/// the class names, so <c>MapKeyToValue</c> turns it into the class name.</item>
/// </list>
/// Scoring is lazy and row by row (a row-to-row mapper), so the transformer works in pipelines, in cursors over data
/// of any size and in <c>PredictionEngine</c>. Results equal <see cref="StudentEnsemble.PredictProbabilities(FloatMatrix)"/>
/// and <see cref="StudentEnsemble.PredictLabels(FloatMatrix)"/> up to float rounding (per-row dot products instead of a
/// blocked matrix product). A score that is NaN or infinite raises <see cref="NonFiniteValueException"/> when the row
/// is read.
/// </summary>
/// <remarks>
/// The transformer cannot be saved with <c>mlContext.Model.Save</c>: ML.NET's model format is bound to its own
/// component catalogue. Export the students with InFiConD's ONNX or JSON export instead.
/// </remarks>
public sealed class StudentTransformer : ITransformer
{
    private StudentTransformer(StudentEnsemble students, string featuresColumn)
    {
        Students = students;
        FeaturesColumn = featuresColumn;
        Scorer = new StudentScorer(students);
        ScoresAnnotations = SchemaColumns.Names(students.ClassNames, keyValues: false);
        LabelAnnotations = SchemaColumns.Names(students.ClassNames, keyValues: true);
    }

    /// <summary>The students this transformer applies.</summary>
    public StudentEnsemble Students { get; }

    /// <summary>The input column of raw concept scores (vector of C floats).</summary>
    public string FeaturesColumn { get; }

    /// <summary>Always true: the students score each row on its own.</summary>
    public bool IsRowToRowMapper => true;

    internal StudentScorer Scorer { get; }

    internal DataViewSchema.Annotations ScoresAnnotations { get; }

    internal DataViewSchema.Annotations LabelAnnotations { get; }

    /// <summary>Wraps fitted students.</summary>
    /// <param name="students">The ensemble (at least one class and one concept).</param>
    /// <param name="featuresColumn">The input column of raw concept scores, in the ensemble's concept order.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The ensemble has no classes or no concepts, or the column name is empty.</exception>
    public static StudentTransformer Create(StudentEnsemble students, string featuresColumn = MlNetColumnNames.Features)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentException.ThrowIfNullOrEmpty(featuresColumn);
        if (students.ClassCount == 0 || students.ConceptCount == 0)
        {
            throw new ArgumentException($"The students have {students.ClassCount} classes and {students.ConceptCount} concepts; ML.NET vector columns need at least one of each.", nameof(students));
        }
        return new StudentTransformer(students, featuresColumn);
    }

    /// <summary>The input schema with <c>StudentScores</c> and <c>StudentLabel</c> appended (hiding input columns of those names).</summary>
    /// <param name="inputSchema">The schema of the data to score.</param>
    /// <exception cref="ArgumentException">The features column is missing, not a vector of Single, or its slot names
    /// (when present) are not the students' concept names in order.</exception>
    /// <exception cref="ShapeMismatchException">The features vector's length is not C.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => GetRowToRowMapper(inputSchema).OutputSchema;

    /// <summary>Scores the data lazily: the returned view computes the student columns as its cursors move.</summary>
    /// <param name="input">Data with the features column.</param>
    /// <returns>The input's columns plus <c>StudentScores</c> and <c>StudentLabel</c>.</returns>
    /// <exception cref="ArgumentException">As for <see cref="GetOutputSchema"/>.</exception>
    /// <exception cref="ShapeMismatchException">As for <see cref="GetOutputSchema"/>.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new StudentScoringView(input, (StudentRowMapper)GetRowToRowMapper(input.Schema));
    }

    /// <summary>The row-to-row mapper ML.NET uses for <c>PredictionEngine</c> and pipelines.</summary>
    /// <param name="inputSchema">The schema of the rows to score.</param>
    /// <exception cref="ArgumentException">As for <see cref="GetOutputSchema"/>.</exception>
    /// <exception cref="ShapeMismatchException">As for <see cref="GetOutputSchema"/>.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var features = SchemaColumns.RequireFloatVector(inputSchema, FeaturesColumn, Students.ConceptCount, "features", nameof(inputSchema));
        if (SchemaColumns.SlotNames(features) is { } slots && !slots.SequenceEqual(Students.ConceptNames, StringComparer.Ordinal))
        {
            var at = Enumerable.Range(0, slots.Length).First(j => slots[j] != Students.ConceptNames[j]);
            throw new ArgumentException(
                $"The slot names of column '{FeaturesColumn}' differ from the students' concepts at slot {at} ('{slots[at]}' vs '{Students.ConceptNames[at]}'); "
                + "score the images with the same concept bank, in the same order.", nameof(inputSchema));
        }
        return new StudentRowMapper(this, inputSchema, features);
    }

    /// <summary>Not supported: ML.NET model files can only hold ML.NET's own components.</summary>
    /// <param name="ctx">Unused.</param>
    /// <exception cref="NotSupportedException">Always; export the students with InFiConD's ONNX or JSON export instead.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException(
            "StudentTransformer cannot be saved in ML.NET's model format. Save or export the StudentEnsemble with InFiConD's ONNX or JSON export, "
            + "and recreate the transformer with StudentTransformer.Create after loading it.");
}
