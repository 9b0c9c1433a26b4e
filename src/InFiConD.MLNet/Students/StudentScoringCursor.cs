using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet;

/// <summary>A cursor over the input whose getters come from a <see cref="StudentRow"/> over that same cursor.</summary>
internal sealed class StudentScoringCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly DataViewRow _row;

    public StudentScoringCursor(DataViewRowCursor input, DataViewRow row)
    {
        _input = input;
        _row = row;
    }

    public override DataViewSchema Schema => _row.Schema;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override bool MoveNext() => _input.MoveNext();

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _row.IsColumnActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _row.GetGetter<TValue>(column);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _row.Dispose();
            _input.Dispose();
        }
        base.Dispose(disposing);
    }
}
