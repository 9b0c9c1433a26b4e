using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet;

/// <summary>Moves <see cref="ConceptScores"/> in and out of ML.NET <see cref="IDataView"/>s.</summary>
public static class ConceptScoresExtensions
{
    /// <summary>
    /// Views concept scores as an ML.NET data view, without copying the score matrix. Columns:
    /// <c>ImageId</c> (text), <c>Features</c> (vector of C floats, with the concept names as its <c>SlotNames</c>
    /// annotation) and, when <paramref name="teacher"/> is given, <c>Label</c>: the teacher's top class as a key
    /// (1-based) whose <c>KeyValues</c> are the class names, ready for ML.NET's multiclass trainers — or, with
    /// <paramref name="labelAsText"/>, the class name as text, which tables read as it is
    /// (<c>scores.ToDataView(teacher, labelAsText: true).ToDataFrame()</c>; Microsoft.Data.Analysis reads no key columns). The view can be
    /// shuffled and read by any number of cursors; it stays valid as long as the scores are not written to.
    /// </summary>
    /// <param name="scores">N × C concept scores (C ≥ 1).</param>
    /// <param name="teacher">Optional single-label teacher outputs covering every scored image (matched by image id).</param>
    /// <param name="labelAsText">Whether <c>Label</c> is the class name as text rather than a key over the class names.</param>
    /// <returns>An N-row data view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The scores have no concepts; the teacher is multi-label, has no classes, or
    /// lacks an output for a scored image (its id named).</exception>
    public static IDataView ToDataView(this ConceptScores scores, TeacherOutputs? teacher = null, bool labelAsText = false)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.ConceptCount == 0)
        {
            throw new ArgumentException("The concept scores have no concepts; an ML.NET vector column needs at least one slot.", nameof(scores));
        }
        if (teacher is not null)
        {
            if (teacher.MultiLabel)
            {
                throw new ArgumentException("A multi-label teacher has no single label per image; pass a single-label teacher, or none.", nameof(teacher));
            }
            if (teacher.ClassCount == 0)
            {
                throw new ArgumentException("The teacher has no classes.", nameof(teacher));
            }
            teacher = teacher.AlignTo(scores.ImageIds);
        }
        return new ConceptScoresDataView(scores, teacher, labelAsText);
    }

    /// <summary>
    /// Reads concept scores back from a data view: one row per image, with the scores from a vector-of-float column
    /// and the ids from a text column. Concept names come from the vector's <c>SlotNames</c> annotation unless given.
    /// Sparse vectors are read as dense (absent slots are 0). The result owns a copy of the values.
    /// </summary>
    /// <param name="data">The data view to read (cursored once, in order).</param>
    /// <param name="featuresColumn">The vector-of-Single column holding the C scores of each image.</param>
    /// <param name="idColumn">The text column holding the image ids (non-empty, unique).</param>
    /// <param name="conceptNames">The C concept names; <see langword="null"/> to take the column's slot names.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>N × C concept scores.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/>, or a column name, is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A column is missing (the view's columns are listed) or of the wrong type, the
    /// features column has no slot names and no names were given, or an id is empty or repeated.</exception>
    /// <exception cref="ShapeMismatchException">The vector length differs from the number of concept names, in the
    /// schema or in a row (the row named).</exception>
    /// <exception cref="NonFiniteValueException">A score is NaN or infinite (row and concept named).</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public static ConceptScores ToConceptScores(this IDataView data, string featuresColumn = MlNetColumnNames.Features, string idColumn = MlNetColumnNames.ImageId, IReadOnlyList<string>? conceptNames = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(featuresColumn);
        ArgumentNullException.ThrowIfNull(idColumn);
        var features = SchemaColumns.RequireFloatVector(data.Schema, featuresColumn, conceptNames?.Count ?? 0, "features", nameof(featuresColumn));
        var ids = SchemaColumns.RequireText(data.Schema, idColumn, "image id", nameof(idColumn));
        var names = conceptNames ?? SchemaColumns.SlotNames(features)
            ?? throw new ArgumentException($"The features column '{featuresColumn}' has no slot names to take the concept names from; pass conceptNames.", nameof(conceptNames));
        if (features.Type is VectorDataViewType { Size: > 0 } declared && declared.Size != names.Count)
        {
            throw new ShapeMismatchException(featuresColumn, $"a vector of {names.Count} floats (one per concept name)", $"a vector of {declared.Size} floats");
        }
        var c = names.Count;
        var capacity = (int)Math.Min(data.GetRowCount() ?? 1024, Array.MaxLength / Math.Max(c, 1));
        var values = new float[checked(Math.Max(capacity, 1) * c)];
        var imageIds = new List<string>(capacity);
        using (var cursor = data.GetRowCursor([features, ids]))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
            var getId = cursor.GetGetter<ReadOnlyMemory<char>>(ids);
            var vector = default(VBuffer<float>);
            var id = default(ReadOnlyMemory<char>);
            while (cursor.MoveNext())
            {
                if ((imageIds.Count & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var n = imageIds.Count;
                if ((long)(n + 1) * c > values.Length)
                {
                    Array.Resize(ref values, (int)Math.Min((long)values.Length * 2, (long)(Array.MaxLength / Math.Max(c, 1)) * c));
                }
                getFeatures(ref vector);
                SchemaColumns.CopyFinite(vector, values.AsSpan(n * c, c), featuresColumn, n);
                getId(ref id);
                imageIds.Add(id.ToString());
            }
        }
        var count = imageIds.Count;
        var matrix = values.Length == count * c ? FloatMatrix.Wrap(values, count, c) : FloatMatrix.FromValues(values.AsSpan(0, count * c), count, c);
        return ConceptScores.Create(matrix, imageIds, names);
    }
}
