using System.Numerics.Tensors;
using InFiConD.Core;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet;

/// <summary>
/// An input row seen through the students: input columns pass through; the student columns are computed once per
/// input position, when first read.
/// </summary>
internal sealed class StudentRow : DataViewRow
{
    private readonly StudentRowMapper _mapper;
    private readonly DataViewRow _input;
    private readonly bool[] _active;
    private readonly ValueGetter<VBuffer<float>>? _features;
    private readonly float[] _values;
    private readonly float[] _work;
    private readonly float[] _logits;
    private readonly float[] _probabilities;
    private VBuffer<float> _buffer;
    private uint _label;
    private long _scoredPosition = -1;

    public StudentRow(StudentRowMapper mapper, DataViewRow input, bool[] active)
    {
        _mapper = mapper;
        _input = input;
        _active = active;
        var scorer = mapper.Transformer.Scorer;
        _values = new float[scorer.ConceptCount];
        _work = new float[scorer.ConceptCount];
        _logits = new float[scorer.ClassCount];
        _probabilities = new float[scorer.ClassCount];
        if (active.AsSpan(mapper.ScoresIndex).Contains(true))
        {
            _features = input.GetGetter<VBuffer<float>>(mapper.Features);
        }
    }

    public override DataViewSchema Schema => _mapper.OutputSchema;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => column.Index < _active.Length && _active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column))
        {
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when the row was created.");
        }
        if (column.Index < _mapper.ScoresIndex)
        {
            return _input.GetGetter<TValue>(_mapper.InputSchema[column.Index]);
        }
        Delegate getter = column.Index == _mapper.ScoresIndex ? (ValueGetter<VBuffer<float>>)GetScores : (ValueGetter<uint>)GetLabel;
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type} values; a getter of {typeof(TValue).Name} was requested.");
    }

    private void GetScores(ref VBuffer<float> value)
    {
        Score();
        var editor = VBufferEditor.Create(ref value, _probabilities.Length);
        _probabilities.CopyTo(editor.Values);
        value = editor.Commit();
    }

    private void GetLabel(ref uint value)
    {
        Score();
        value = _label;
    }

    private void Score()
    {
        var position = _input.Position;
        if (position == _scoredPosition)
        {
            return;
        }
        _features!(ref _buffer);
        SchemaColumns.CopyFinite(_buffer, _values, _mapper.Features.Name, position);
        _mapper.Transformer.Scorer.Logits(_values, _work, _logits);
        _label = (uint)TensorPrimitives.IndexOfMax(_logits) + 1;
        Kernels.Sigmoid(_logits, _probabilities);
        _scoredPosition = position;
    }
}
