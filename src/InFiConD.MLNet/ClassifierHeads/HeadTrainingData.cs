using InFiConD.Core;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet;

/// <summary>
/// Training rows for a head as ML.NET sees them: <c>Features</c> (vector of D Single) and <c>Label</c>, a key over the
/// class names in which key value k + 1 is class k — the order of ML.NET's score slots and of
/// <c>GetWeights</c>/<c>GetBiases</c>, so class k of the head is row k of the weights.
/// </summary>
internal static class HeadTrainingData
{
    /// <summary>A data view over N × D features and N labels in [0, K).</summary>
    internal static IDataView ToDataView(MLContext ml, FloatMatrix features, IReadOnlyList<int> labels, IReadOnlyList<string> classNames)
    {
        var rows = new List<Row>(features.Rows);
        for (var n = 0; n < features.Rows; n++)
        {
            // LoadFromEnumerable reads a key-typed member as 0-based and adds 1 itself (0 would otherwise be "missing"),
            // so class k is stored as k and appears in the view as key value k + 1.
            rows.Add(new Row { Features = features.Row(n).ToArray(), Label = (uint)labels[n] });
        }
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features.Columns);
        var label = schema[nameof(Row.Label)];
        label.ColumnType = new KeyDataViewType(typeof(uint), classNames.Count);
        var names = new VBuffer<ReadOnlyMemory<char>>(classNames.Count, classNames.Select(c => c.AsMemory()).ToArray());
        label.AddAnnotation("KeyValues", names, new VectorDataViewType(TextDataViewType.Instance, classNames.Count));
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>Reads features, labels (0-based) and class names (the label's key values) back from a data view.</summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type, the label has no text key values, or a label is missing (key 0).</exception>
    /// <exception cref="NonFiniteValueException">A feature is NaN or ±∞ (row and slot named).</exception>
    internal static (FloatMatrix Features, int[] Labels, string[] ClassNames) Read(IDataView data, string featureColumn, string labelColumn)
    {
        var features = SchemaColumns.RequireFloatVector(data.Schema, featureColumn, 0, "feature", nameof(data));
        var d = ((VectorDataViewType)features.Type).Size;
        if (d == 0)
        {
            throw new ArgumentException($"The feature column '{featureColumn}' has vectors of unknown length; a head needs a fixed feature dimension.", nameof(data));
        }
        var label = SchemaColumns.Require(data.Schema, labelColumn, "label", nameof(data));
        if (label.Type is not KeyDataViewType key || key.RawType != typeof(uint) || !label.HasKeyValues())
        {
            throw new ArgumentException(
                $"The label column '{labelColumn}' is of type {label.Type}; expected a key (UInt32) with text key values naming the classes, "
                + "for example from mlContext.Transforms.Conversion.MapValueToKey.", nameof(data));
        }
        var keyValues = default(VBuffer<ReadOnlyMemory<char>>);
        label.GetKeyValues(ref keyValues);
        var classNames = keyValues.DenseValues().Select(v => v.ToString()).ToArray();
        var values = new List<float>();
        var labels = new List<int>();
        var row = new float[d];
        using (var cursor = data.GetRowCursor([features, label]))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
            var getLabel = cursor.GetGetter<uint>(label);
            var vector = default(VBuffer<float>);
            uint value = 0;
            while (cursor.MoveNext())
            {
                getFeatures(ref vector);
                SchemaColumns.CopyFinite(vector, row, featureColumn, labels.Count);
                getLabel(ref value);
                if (value == 0 || value > classNames.Length)
                {
                    throw new ArgumentException($"Row {labels.Count} of the label column '{labelColumn}' has no class (key value {value}; expected 1 to {classNames.Length}).", nameof(data));
                }
                values.AddRange(row);
                labels.Add((int)value - 1);
            }
        }
        return (FloatMatrix.Wrap([.. values], labels.Count, d), [.. labels], classNames);
    }

    /// <summary>One training row.</summary>
    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public uint Label { get; set; }
    }
}
