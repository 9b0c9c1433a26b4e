using Microsoft.ML;

namespace InFiConD.MLNet;

/// <summary>The lazy output of <see cref="StudentTransformer.Transform"/>: the input view with the student columns appended.</summary>
internal sealed class StudentScoringView : IDataView
{
    private readonly IDataView _input;
    private readonly StudentRowMapper _mapper;

    public StudentScoringView(IDataView input, StudentRowMapper mapper)
    {
        _input = input;
        _mapper = mapper;
    }

    public DataViewSchema Schema => _mapper.OutputSchema;

    public bool CanShuffle => _input.CanShuffle;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var columns = columnsNeeded.ToArray();
        var input = _input.GetRowCursor(_mapper.GetDependencies(columns), rand);
        return new StudentScoringCursor(input, _mapper.GetRow(input, columns));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var columns = columnsNeeded.ToArray();
        return _input.GetRowCursorSet(_mapper.GetDependencies(columns), n, rand)
            .Select(input => (DataViewRowCursor)new StudentScoringCursor(input, _mapper.GetRow(input, columns)))
            .ToArray();
    }
}
