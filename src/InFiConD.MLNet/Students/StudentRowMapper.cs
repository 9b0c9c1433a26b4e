using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet;

/// <summary>Maps an input row to the same row plus the students' two columns (see <see cref="StudentTransformer"/>).</summary>
internal sealed class StudentRowMapper : IRowToRowMapper
{
    public StudentRowMapper(StudentTransformer transformer, DataViewSchema inputSchema, DataViewSchema.Column features)
    {
        Transformer = transformer;
        InputSchema = inputSchema;
        Features = features;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        var k = transformer.Students.ClassCount;
        builder.AddColumn(MlNetColumnNames.StudentScores, new VectorDataViewType(NumberDataViewType.Single, k), transformer.ScoresAnnotations);
        builder.AddColumn(MlNetColumnNames.StudentLabel, new KeyDataViewType(typeof(uint), k), transformer.LabelAnnotations);
        OutputSchema = builder.ToSchema();
    }

    public StudentTransformer Transformer { get; }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    /// <summary>The input's features column.</summary>
    public DataViewSchema.Column Features { get; }

    /// <summary>Index of <c>StudentScores</c> in <see cref="OutputSchema"/>; <c>StudentLabel</c> follows it.</summary>
    public int ScoresIndex => InputSchema.Count;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        ArgumentNullException.ThrowIfNull(dependingColumns);
        var needed = new SortedDictionary<int, DataViewSchema.Column>();
        foreach (var column in dependingColumns)
        {
            var input = column.Index < ScoresIndex ? InputSchema[column.Index] : Features;
            needed[input.Index] = input;
        }
        return needed.Values;
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(activeColumns);
        var active = new bool[OutputSchema.Count];
        foreach (var column in activeColumns)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column.Index, OutputSchema.Count, nameof(activeColumns));
            active[column.Index] = true;
        }
        return new StudentRow(this, input, active);
    }
}
