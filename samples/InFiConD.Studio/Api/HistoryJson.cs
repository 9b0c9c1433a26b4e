using System.Text.Json;
using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>
/// The provenance view's JSON: where the session stands (current id, can undo/redo) around the library's own records,
/// each written through <see cref="EditingJsonContext"/> (entries carry weight rows as base64 float bits, which only
/// that context knows how to write):
/// <c>{"currentId","canUndo","canRedo","baseMetrics","currentMetrics","entries":[ProvenanceEntry…]}</c>.
/// </summary>
internal static class HistoryJson
{
    /// <summary>The JSON for the session's current state.</summary>
    public static byte[] Write(DistillationSession session)
    {
        var current = session.Current;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("currentId", current.Id);
            writer.WriteBoolean("canUndo", session.CanUndo);
            writer.WriteBoolean("canRedo", session.CanRedo);
            writer.WritePropertyName("baseMetrics");
            JsonSerializer.Serialize(writer, session.Editing.BaseMetrics, EditingJsonContext.Default.EditMetrics);
            writer.WritePropertyName("currentMetrics");
            JsonSerializer.Serialize(writer, current.Metrics, EditingJsonContext.Default.EditMetrics);
            writer.WriteStartArray("entries");
            foreach (var entry in session.History.Entries)
            {
                JsonSerializer.Serialize(writer, entry, EditingJsonContext.Default.ProvenanceEntry);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
