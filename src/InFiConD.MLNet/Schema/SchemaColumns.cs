using InFiConD.Core;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet;

/// <summary>Finds and checks the columns InFiConD reads, with errors that name the column, its type and the view's columns.</summary>
internal static class SchemaColumns
{
    /// <summary>The visible column called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">There is none; the message lists the columns there are.</exception>
    public static DataViewSchema.Column Require(DataViewSchema schema, string name, string role, string paramName)
    {
        if (schema.GetColumnOrNull(name) is { } column)
        {
            return column;
        }
        var visible = schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}' ({c.Type})");
        throw new ArgumentException($"The data view has no {role} column '{name}'. Its columns are: {string.Join(", ", visible)}.", paramName);
    }

    /// <summary>
    /// The column called <paramref name="name"/>, which must be a vector of <see cref="float"/> of length
    /// <paramref name="expectedSize"/> (or of unknown length, checked row by row), or of any length when it is 0.
    /// </summary>
    /// <exception cref="ArgumentException">The column is missing or is not a vector of Single.</exception>
    /// <exception cref="ShapeMismatchException">The vector's declared length is not <paramref name="expectedSize"/>.</exception>
    public static DataViewSchema.Column RequireFloatVector(DataViewSchema schema, string name, int expectedSize, string role, string paramName)
    {
        var column = Require(schema, name, role, paramName);
        if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentException(
                $"The {role} column '{name}' is of type {column.Type}; expected a vector of Single (float). "
                + "Convert it first, for example with mlContext.Transforms.Conversion.ConvertType.", paramName);
        }
        if (expectedSize > 0 && vector.Size != 0 && vector.Size != expectedSize)
        {
            throw new ShapeMismatchException(name, $"a vector of {expectedSize} floats", $"a vector of {vector.Size} floats");
        }
        return column;
    }

    /// <summary>The column called <paramref name="name"/>, which must be text.</summary>
    /// <exception cref="ArgumentException">The column is missing or is not text.</exception>
    public static DataViewSchema.Column RequireText(DataViewSchema schema, string name, string role, string paramName)
    {
        var column = Require(schema, name, role, paramName);
        if (column.Type is not TextDataViewType)
        {
            throw new ArgumentException($"The {role} column '{name}' is of type {column.Type}; expected text (string).", paramName);
        }
        return column;
    }

    /// <summary>The slot names of a vector column, or null when it has none.</summary>
    public static string[]? SlotNames(DataViewSchema.Column column)
    {
        if (column.Type is not VectorDataViewType { Size: > 0 } || !column.HasSlotNames())
        {
            return null;
        }
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetSlotNames(ref names);
        var result = new string[names.Length];
        var i = 0;
        foreach (var name in names.DenseValues())
        {
            result[i++] = name.ToString();
        }
        return result;
    }

    /// <summary>Copies a (dense or sparse) vector into <paramref name="destination"/>, checking its length.</summary>
    /// <exception cref="ShapeMismatchException">The vector's length differs from the destination's; names the column and row.</exception>
    /// <exception cref="NonFiniteValueException">A value is NaN or infinite; names the column, row and slot.</exception>
    public static void CopyFinite(in VBuffer<float> vector, Span<float> destination, string column, long row)
    {
        if (vector.Length != destination.Length)
        {
            throw new ShapeMismatchException(column, $"a vector of {destination.Length} floats in every row", $"a vector of {vector.Length} floats in row {row}");
        }
        vector.CopyTo(destination);
        for (var j = 0; j < destination.Length; j++)
        {
            if (!float.IsFinite(destination[j]))
            {
                throw new NonFiniteValueException(column, row, j, destination[j]);
            }
        }
    }

    /// <summary>Slot or key-value annotations holding <paramref name="names"/>.</summary>
    public static DataViewSchema.Annotations Names(IReadOnlyList<string> names, bool keyValues)
    {
        var values = names.Select(n => n.AsMemory()).ToArray();
        var builder = new DataViewSchema.Annotations.Builder();
        ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter = (ref VBuffer<ReadOnlyMemory<char>> destination) =>
            new VBuffer<ReadOnlyMemory<char>>(values.Length, values).CopyTo(ref destination);
        // ML.NET's annotation kinds: "KeyValues" on key columns, "SlotNames" on vector columns.
        builder.Add(keyValues ? "KeyValues" : "SlotNames", new VectorDataViewType(TextDataViewType.Instance, values.Length), getter);
        return builder.ToAnnotations();
    }
}
