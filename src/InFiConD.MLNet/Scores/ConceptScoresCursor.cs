using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet;

/// <summary>A cursor over a <see cref="ConceptScoresDataView"/>: rows in order, or in a given permutation.</summary>
internal sealed class ConceptScoresCursor : DataViewRowCursor
{
    private readonly ConceptScoresDataView _view;
    private readonly bool[] _active;
    private readonly int[]? _order;
    private long _position = -1;

    public ConceptScoresCursor(ConceptScoresDataView view, bool[] active, int[]? order)
    {
        _view = view;
        _active = active;
        _order = order;
    }

    public override DataViewSchema Schema => _view.Schema;

    public override long Position => _position;

    public override long Batch => 0;

    /// <summary>The matrix row the cursor is on.</summary>
    private int Row
    {
        get
        {
            if (_position < 0 || _position >= _view.Scores.ImageCount)
            {
                throw new InvalidOperationException("The cursor is not on a row: call MoveNext first, and stop when it returns false.");
            }
            return _order is null ? (int)_position : _order[_position];
        }
    }

    public override bool MoveNext()
    {
        if (_position < _view.Scores.ImageCount)
        {
            _position++;
        }
        return _position < _view.Scores.ImageCount;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId value) => value = new DataViewRowId((ulong)Row, 0);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index >= _active.Length || !_active[column.Index])
        {
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was opened.");
        }
        Delegate getter = column.Index switch
        {
            ConceptScoresDataView.ImageIdIndex => (ValueGetter<ReadOnlyMemory<char>>)GetImageId,
            ConceptScoresDataView.FeaturesIndex => (ValueGetter<VBuffer<float>>)GetFeatures,
            _ when _view.LabelAsText => (ValueGetter<ReadOnlyMemory<char>>)GetLabelName,
            _ => (ValueGetter<uint>)GetLabel,
        };
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type} values; a getter of {typeof(TValue).Name} was requested.");
    }

    private void GetImageId(ref ReadOnlyMemory<char> value) => value = _view.Scores.ImageIds[Row].AsMemory();

    private void GetFeatures(ref VBuffer<float> value)
    {
        var source = _view.Scores.Row(Row);
        var editor = VBufferEditor.Create(ref value, source.Length);
        source.CopyTo(editor.Values);
        value = editor.Commit();
    }

    private void GetLabel(ref uint value) => value = (uint)_view.Labels![Row] + 1;

    private void GetLabelName(ref ReadOnlyMemory<char> value) => value = _view.ClassNames![_view.Labels![Row]].AsMemory();
}
