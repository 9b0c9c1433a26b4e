using System.Text.Json;
using InFiConD.Core;

namespace InFiConD.Benchmarks.Guard;

/// <summary>
/// Reads <c>benchmarks/floors.json</c>:
/// <code>
/// { "comment": "…", "paths": { "&lt;path&gt;": { "floor": 4.0, "allocationCeilingBytes": 32768, "allocationUnit": "call", "measured": "…" } } }
/// </code>
/// <c>floor</c>, <c>allocationCeilingBytes</c> and <c>allocationUnit</c> are required; <c>measured</c> (where the
/// floor came from) and <c>comment</c> are free text. Any other property is an error, so a misspelt field never
/// silently leaves a limit unset. Every error names the file and the field.
/// </summary>
internal static class GuardFloors
{
    private static readonly HashSet<string> EntryFields = ["floor", "allocationCeilingBytes", "allocationUnit", "measured"];

    /// <summary>Reads and validates the file.</summary>
    /// <exception cref="InvalidFileException">The file is missing, not JSON, or a field is missing, mistyped or out of range.</exception>
    internal static IReadOnlyDictionary<string, GuardFloor> Load(string file)
    {
        if (!File.Exists(file))
        {
            throw new InvalidFileException(file, null, null, "the floors file does not exist (run from the repository root, or pass --floors <file>)");
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            return Parse(file, document.RootElement);
        }
        catch (JsonException e)
        {
            throw new InvalidFileException(file, null, e.LineNumber + 1, $"not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Validates a parsed document; <paramref name="file"/> names it in errors.</summary>
    internal static IReadOnlyDictionary<string, GuardFloor> Parse(string file, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidFileException(file, null, null, $"expected a JSON object at the top, found {root.ValueKind}");
        }
        JsonElement? paths = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "paths":
                    paths = property.Value;
                    break;
                case "comment":
                    break;
                default:
                    throw new InvalidFileException(file, property.Name, null, "unknown property (expected \"paths\" and optionally \"comment\")");
            }
        }
        if (paths is not { ValueKind: JsonValueKind.Object } entries)
        {
            throw new InvalidFileException(file, "paths", null, "required: an object with one entry per guarded path");
        }
        var floors = new Dictionary<string, GuardFloor>(StringComparer.Ordinal);
        foreach (var entry in entries.EnumerateObject())
        {
            var floor = Entry(file, entry);
            if (!floors.TryAdd(floor.Path, floor))
            {
                throw new InvalidFileException(file, $"paths.{entry.Name}", null, "appears twice");
            }
        }
        return floors;
    }

    private static GuardFloor Entry(string file, JsonProperty entry)
    {
        var prefix = $"paths.{entry.Name}";
        if (entry.Value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidFileException(file, prefix, null, $"expected an object, found {entry.Value.ValueKind}");
        }
        foreach (var property in entry.Value.EnumerateObject())
        {
            if (!EntryFields.Contains(property.Name))
            {
                throw new InvalidFileException(file, $"{prefix}.{property.Name}", null, $"unknown property (expected {string.Join(", ", EntryFields)})");
            }
        }
        var floor = Required(file, entry.Value, prefix, "floor", JsonValueKind.Number).GetDouble();
        if (!double.IsFinite(floor) || floor <= 0)
        {
            throw new InvalidFileException(file, $"{prefix}.floor", null, $"must be a positive ratio (baseline time ÷ path time), found {floor}");
        }
        var ceilingElement = Required(file, entry.Value, prefix, "allocationCeilingBytes", JsonValueKind.Number);
        if (!ceilingElement.TryGetInt64(out var ceiling) || ceiling < 0)
        {
            throw new InvalidFileException(file, $"{prefix}.allocationCeilingBytes", null, $"must be a whole number of bytes ≥ 0, found {ceilingElement.GetRawText()}");
        }
        var unit = Required(file, entry.Value, prefix, "allocationUnit", JsonValueKind.String).GetString()!;
        if (entry.Value.TryGetProperty("measured", out var measured) && measured.ValueKind != JsonValueKind.String)
        {
            throw new InvalidFileException(file, $"{prefix}.measured", null, $"expected a string (free text), found {measured.ValueKind}");
        }
        return new GuardFloor(entry.Name, floor, ceiling, unit);
    }

    private static JsonElement Required(string file, JsonElement entry, string prefix, string name, JsonValueKind kind)
    {
        if (!entry.TryGetProperty(name, out var value))
        {
            throw new InvalidFileException(file, $"{prefix}.{name}", null, "required");
        }
        if (value.ValueKind != kind)
        {
            throw new InvalidFileException(file, $"{prefix}.{name}", null, $"expected a {kind.ToString().ToLowerInvariant()}, found {value.ValueKind.ToString().ToLowerInvariant()}");
        }
        return value;
    }
}
