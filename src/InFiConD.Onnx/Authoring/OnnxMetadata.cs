using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Onnx;

namespace InFiConD.Onnx;

/// <summary>
/// A model's <c>metadata_props</c>, and the one way the library writes a list of names into them (class names, concept
/// names, the models of a chain): a JSON array, non-ASCII letters kept as they are so the file stays readable.
/// </summary>
public static class OnnxMetadata
{
    /// <summary>Adds an entry.</summary>
    /// <param name="model">The model.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public static void Add(ModelProto model, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
    }

    /// <summary>Names as a JSON array of strings, in order: <c>["boat","car"]</c>.</summary>
    /// <param name="names">The names.</param>
    /// <returns>The JSON text.</returns>
    public static string NamesJson(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var name in names)
            {
                writer.WriteStringValue(name);
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
