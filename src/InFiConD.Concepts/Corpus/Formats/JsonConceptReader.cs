using System.Text.Json;
using InFiConD.Core;

namespace InFiConD.Concepts;

/// <summary>
/// Reads the JSON format: an array whose items are names or objects
/// <c>{"name", "group"?, "synonyms"?, "prompt"?}</c>, or an object with such an array under
/// <c>"concepts"</c>. Property names match case-insensitively; unknown properties are ignored; comments
/// and trailing commas are allowed because these files are often written by hand. An empty array is an error.
/// </summary>
internal static class JsonConceptReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static List<ConceptEntry> Read(string text, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? l + 1 : (long?)null;
            throw new InvalidFileException(source, ex.Path ?? "$", line, $"malformed JSON: {ex.Message}", ex);
        }
        using (document)
        {
            var (items, path) = ConceptArray(document.RootElement, source);
            if (items.GetArrayLength() == 0)
            {
                throw Error(source, path, "the corpus holds no concept: the array is empty; expected at least one concept name or {\"name\": …} object.");
            }
            var entries = new List<ConceptEntry>(items.GetArrayLength());
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                entries.Add(new ConceptEntry(ReadConcept(item, $"{path}[{index}]", source), source, null));
                index++;
            }
            return entries;
        }
    }

    private static (JsonElement Items, string Path) ConceptArray(JsonElement root, string source)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return (root, "$");
        }
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (TryGetProperty(root, "concepts", out var concepts))
            {
                return concepts.ValueKind == JsonValueKind.Array
                    ? (concepts, "$.concepts")
                    : throw Error(source, "$.concepts", $"expected an array of concepts, found {Describe(concepts)}.");
            }
            throw Error(source, "$", "expected an array of concepts or an object with a \"concepts\" array; the object has no \"concepts\" property.");
        }
        throw Error(source, "$", $"expected an array of concepts or an object with a \"concepts\" array, found {Describe(root)}.");
    }

    private static Concept ReadConcept(JsonElement item, string path, string source)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            return new Concept(RequireName(item.GetString()!, path, source));
        }
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, path, $"expected a concept name (string) or an object with a \"name\", found {Describe(item)}.");
        }
        if (!TryGetProperty(item, "name", out var nameElement))
        {
            throw Error(source, $"{path}.name", "the concept object has no \"name\" property.");
        }
        if (nameElement.ValueKind != JsonValueKind.String)
        {
            throw Error(source, $"{path}.name", $"expected a string, found {Describe(nameElement)}.");
        }
        var name = RequireName(nameElement.GetString()!, $"{path}.name", source);
        return new Concept(
            name,
            OptionalString(item, "group", path, source),
            Synonyms(item, path, source),
            OptionalString(item, "prompt", path, source));
    }

    private static string RequireName(string name, string path, string source) =>
        string.IsNullOrWhiteSpace(name) ? throw Error(source, path, "the concept name is empty.") : name;

    private static string? OptionalString(JsonElement item, string property, string path, string source)
    {
        if (!TryGetProperty(item, property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Error(source, $"{path}.{property}", $"expected a string or null, found {Describe(value)}.");
    }

    private static List<string>? Synonyms(JsonElement item, string path, string source)
    {
        if (!TryGetProperty(item, "synonyms", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return [.. value.GetString()!.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(source, $"{path}.synonyms", $"expected an array of strings, found {Describe(value)}.");
        }
        var synonyms = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var synonym in value.EnumerateArray())
        {
            if (synonym.ValueKind != JsonValueKind.String)
            {
                throw Error(source, $"{path}.synonyms[{index}]", $"expected a string, found {Describe(synonym)}.");
            }
            synonyms.Add(synonym.GetString()!);
            index++;
        }
        return synonyms;
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    private static InvalidFileException Error(string source, string path, string problem) => new(source, path, null, problem);
}
