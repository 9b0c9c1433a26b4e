using System.Text.Json;
using System.Text.Json.Serialization;

namespace InFiConD.Core;

/// <summary>
/// Writes a <see cref="FloatMatrix"/> with its values, <c>{"rows":R,"columns":C,"values":[…R × C numbers, row-major…]}</c>,
/// and reads it back bit for bit (floats are written in their shortest round-trip form, −0 and subnormals included).
/// NaN and ±infinity are written as the strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> (the names
/// System.Text.Json uses for named floating-point literals), so no matrix fails to serialise. Applied to the type with
/// <see cref="JsonConverterAttribute"/>, so every context, reflection-based or source-generated, uses it.
/// </summary>
/// <remarks>
/// The property names are fixed (camelCase) whatever the naming policy, because a UI reads one shape everywhere.
/// A matrix is never written without its values: exclude a large matrix from a payload with <see cref="JsonIgnoreAttribute"/>
/// on the property instead.
/// </remarks>
public sealed class FloatMatrixJsonConverter : JsonConverter<FloatMatrix>
{
    private const string RowsName = "rows";
    private const string ColumnsName = "columns";
    private const string ValuesName = "values";

    /// <inheritdoc />
    /// <exception cref="JsonException">
    /// The token is not an object; a member is missing, repeated or of the wrong kind; a dimension is negative; or the
    /// number of values is not rows × columns (the message names the <c>values</c> field and both counts).
    /// </exception>
    public override FloatMatrix? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A matrix must be a JSON object {{\"{RowsName}\", \"{ColumnsName}\", \"{ValuesName}\"}}; found {reader.TokenType}.");
        }
        int? rows = null, columns = null;
        List<float>? values = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, RowsName, StringComparison.OrdinalIgnoreCase))
            {
                rows = ReadDimension(ref reader, RowsName, rows);
            }
            else if (string.Equals(name, ColumnsName, StringComparison.OrdinalIgnoreCase))
            {
                columns = ReadDimension(ref reader, ColumnsName, columns);
            }
            else if (string.Equals(name, ValuesName, StringComparison.OrdinalIgnoreCase))
            {
                values = values is null ? ReadValues(ref reader) : throw new JsonException($"The matrix member \"{ValuesName}\" appears twice.");
            }
            else
            {
                // Unknown members (a host's own annotations) are skipped, as System.Text.Json does for objects.
                reader.Skip();
            }
        }
        if (rows is null || columns is null || values is null)
        {
            var missing = rows is null ? RowsName : columns is null ? ColumnsName : ValuesName;
            throw new JsonException($"The matrix has no \"{missing}\" member; a matrix is {{\"{RowsName}\", \"{ColumnsName}\", \"{ValuesName}\"}}.");
        }
        var expected = (long)rows.Value * columns.Value;
        if (values.Count != expected)
        {
            throw new JsonException($"The matrix member \"{ValuesName}\" holds {values.Count} numbers; a {rows} × {columns} matrix needs {expected}.");
        }
        return FloatMatrix.Wrap([.. values], rows.Value, columns.Value);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FloatMatrix value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteNumber(RowsName, value.Rows);
        writer.WriteNumber(ColumnsName, value.Columns);
        writer.WriteStartArray(ValuesName);
        foreach (var v in value.AsSpan())
        {
            if (float.IsFinite(v))
            {
                writer.WriteNumberValue(v);
            }
            else
            {
                writer.WriteStringValue(float.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static int ReadDimension(ref Utf8JsonReader reader, string name, int? previous)
    {
        if (previous is not null)
        {
            throw new JsonException($"The matrix member \"{name}\" appears twice.");
        }
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value) || value < 0)
        {
            throw new JsonException($"The matrix member \"{name}\" must be a whole number ≥ 0.");
        }
        return value;
    }

    private static List<float> ReadValues(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"The matrix member \"{ValuesName}\" must be an array of numbers; found {reader.TokenType}.");
        }
        var values = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType switch
            {
                JsonTokenType.Number when reader.TryGetSingle(out var v) => v,
                JsonTokenType.String => reader.GetString() switch
                {
                    "NaN" => float.NaN,
                    "Infinity" => float.PositiveInfinity,
                    "-Infinity" => float.NegativeInfinity,
                    var text => throw new JsonException($"The matrix member \"{ValuesName}\" holds \"{text}\" at index {values.Count}; only numbers, \"NaN\", \"Infinity\" and \"-Infinity\" are allowed."),
                },
                _ => throw new JsonException($"The matrix member \"{ValuesName}\" holds a {reader.TokenType} at index {values.Count}; only numbers are allowed."),
            });
        }
        return values;
    }
}
