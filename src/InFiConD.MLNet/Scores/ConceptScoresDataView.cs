using InFiConD.Concepts;
using InFiConD.Students;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet;

/// <summary>
/// <see cref="ConceptScores"/> (and optionally the teacher's labels) seen as an ML.NET <see cref="IDataView"/> without
/// copying: cursors read the score matrix in place. Columns: <c>ImageId</c> (text), <c>Features</c> (vector of C floats,
/// slot names = concept names) and, with a teacher, <c>Label</c> (key over the K class names). Shuffles on request.
/// </summary>
internal sealed class ConceptScoresDataView : IDataView
{
    public const int ImageIdIndex = 0;
    public const int FeaturesIndex = 1;
    public const int LabelIndex = 2;

    public ConceptScoresDataView(ConceptScores scores, TeacherOutputs? teacher, bool labelAsText)
    {
        Scores = scores;
        Labels = teacher?.PredictedLabels;
        ClassNames = teacher?.ClassNames;
        LabelAsText = labelAsText;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(MlNetColumnNames.ImageId, TextDataViewType.Instance);
        builder.AddColumn(MlNetColumnNames.Features, new VectorDataViewType(NumberDataViewType.Single, scores.ConceptCount), SchemaColumns.Names(scores.ConceptNames, keyValues: false));
        if (teacher is not null)
        {
            if (labelAsText)
            {
                builder.AddColumn(MlNetColumnNames.Label, TextDataViewType.Instance);
            }
            else
            {
                builder.AddColumn(MlNetColumnNames.Label, new KeyDataViewType(typeof(uint), teacher.ClassCount), SchemaColumns.Names(teacher.ClassNames, keyValues: true));
            }
        }
        Schema = builder.ToSchema();
    }

    public ConceptScores Scores { get; }

    /// <summary>The teacher's label of each row (aligned to the scores' ids), or null without a teacher.</summary>
    public IReadOnlyList<int>? Labels { get; }

    /// <summary>The teacher's class names, or null without a teacher.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Whether <c>Label</c> is the class name as text rather than a key.</summary>
    public bool LabelAsText { get; }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => true;

    public long? GetRowCount() => Scores.ImageCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column.Index, Schema.Count, nameof(columnsNeeded));
            active[column.Index] = true;
        }
        return new ConceptScoresCursor(this, active, rand is null ? null : Permutation(Scores.ImageCount, rand));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private static int[] Permutation(int count, Random random)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }
        random.Shuffle(order);
        return order;
    }
}
