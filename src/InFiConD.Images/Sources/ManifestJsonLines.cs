using System.Text.Json;
using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// Reads a JSON Lines manifest: each non-blank line one object with a string <c>path</c> and optional
/// string (or null) <c>label</c> and <c>id</c> (names matched case-insensitively). Every other property is per-image
/// metadata: a string as it is, a number or boolean as its JSON text, null as absent; an object or array is an error.
/// </summary>
internal static class ManifestJsonLines
{
    public static List<ManifestEntry> Parse(string text, string manifest)
    {
        var entries = new List<ManifestEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            entries.Add(ParseLine(line, i + 1, manifest));
        }
        return entries;
    }

    private static ManifestEntry ParseLine(string line, int number, string manifest)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new InvalidFileException(manifest, null, number, $"the line is not valid JSON: {ex.Message}", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidFileException(manifest, null, number, $"each line must be a JSON object; found {document.RootElement.ValueKind}.");
            }
            string? path = null, label = null, id = null;
            var hasPath = false;
            Dictionary<string, string>? metadata = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "path": path = StringOrNull(property, number, manifest); hasPath = true; break;
                    case "label": label = StringOrNull(property, number, manifest); break;
                    case "id": id = StringOrNull(property, number, manifest); break;
                    default:
                        if (MetadataValue(property, number, manifest) is { } value)
                        {
                            metadata ??= new Dictionary<string, string>(StringComparer.Ordinal);
                            if (!metadata.TryAdd(property.Name, value))
                            {
                                throw new InvalidFileException(manifest, property.Name, number, "the property appears twice in the object.");
                            }
                        }
                        break;
                }
            }
            if (!hasPath || path is null)
            {
                throw new InvalidFileException(manifest, "path", number, "the object has no string 'path'.");
            }
            return new ManifestEntry(number, path, string.IsNullOrEmpty(label) ? null : label, string.IsNullOrEmpty(id) ? null : id, metadata);
        }
    }

    private static string? MetadataValue(JsonProperty property, int number, string manifest) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString() is { Length: > 0 } text ? text : null,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
        JsonValueKind.Null => null,
        var kind => throw new InvalidFileException(manifest, property.Name, number, $"metadata values must be strings, numbers or booleans; found {kind}."),
    };

    private static string? StringOrNull(JsonProperty property, int number, string manifest) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString(),
        JsonValueKind.Null => null,
        var kind => throw new InvalidFileException(manifest, property.Name, number, $"expected a string, found {kind}."),
    };
}
