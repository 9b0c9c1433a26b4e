using System.Text.Json;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Studio;

/// <summary>
/// The provenance view's JSON on one split: where the session stands (current id, can undo/redo) around the library's
/// own records, each written through <see cref="EditingJsonContext"/> (entries carry weight rows as base64 float bits,
/// which only that context knows how to write):
/// <c>{"currentId","canUndo","canRedo","split","baseMetrics","currentMetrics","entries":[ProvenanceEntry…],"effects":[{"id","before","after"}…]}</c>.
/// An entry's effect on the split is what the library logged: <c>MetricsBefore/After</c> for the training images, the
/// entry's <c>Evaluation</c> for a held-out split (absent in logs written before splits existed).
/// </summary>
internal static class HistoryJson
{
    /// <summary>
    /// The JSON for the session at <paramref name="current"/> (the version a move made, which another move may already
    /// have left), metrics on <paramref name="split"/>.
    /// </summary>
    public static byte[] Write(DistillationSession session, DataSplit split, SessionVersion current)
    {
        var entries = session.History.Entries;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("currentId", current.Id);
            // As the library decides for the current version: a parent to go back to, a child to go forward to.
            writer.WriteBoolean("canUndo", current.ParentId is not null);
            writer.WriteBoolean("canRedo", session.History.ChildrenOf(current.Id).Count > 0);
            writer.WriteString("split", split.Name);
            Metrics(writer, "baseMetrics", session.Editing.MetricsAt(ProvenanceLog.RootId, split.Name));
            Metrics(writer, "currentMetrics", current.MetricsOn(split.Name));
            writer.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                JsonSerializer.Serialize(writer, entry, EditingJsonContext.Default.ProvenanceEntry);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("effects");
            foreach (var entry in entries)
            {
                var (before, after) = Effect(entry, split);
                writer.WriteStartObject();
                writer.WriteString("id", entry.Id);
                Metrics(writer, "before", before);
                Metrics(writer, "after", after);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>An entry's metrics before and after on a split, as the entry logged them; nulls when it did not.</summary>
    public static (EditMetrics? Before, EditMetrics? After) Effect(ProvenanceEntry entry, DataSplit split)
    {
        if (split.IsTraining)
        {
            return (entry.MetricsBefore, entry.MetricsAfter);
        }
        var change = entry.Evaluation?.FirstOrDefault(c => c.Split == split.Name);
        return (change?.Before, change?.After);
    }

    private static void Metrics(Utf8JsonWriter writer, string name, EditMetrics? metrics)
    {
        // Omitted when unknown, as the library's contexts omit nulls.
        if (metrics is not null)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, metrics, EditingJsonContext.Default.EditMetrics);
        }
    }
}
