using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet.Tests;

/// <summary>Reads columns of a data view into arrays, in cursor order.</summary>
internal static class DataViews
{
    /// <summary>Values of a column; for buffers (VBuffer) use <see cref="Vectors"/>, which copies each row.</summary>
    public static T[] Column<T>(IDataView data, string name) => Column<T, T>(data, name, v => v);

    public static TResult[] Column<T, TResult>(IDataView data, string name, Func<T, TResult> copy)
    {
        var column = data.Schema[name];
        var result = new List<TResult>();
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        var value = default(T)!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            result.Add(copy(value));
        }
        return [.. result];
    }

    public static float[][] Vectors(IDataView data, string name) =>
        Column<VBuffer<float>, float[]>(data, name, v => v.DenseValues().ToArray());

    public static string[] Texts(IDataView data, string name) =>
        Column<ReadOnlyMemory<char>, string>(data, name, t => t.ToString());

    public static string[] SlotNames(DataViewSchema.Column column)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    public static string[] KeyValues(DataViewSchema.Column column)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetKeyValues(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
