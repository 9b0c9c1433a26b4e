using System.Text.Json.Serialization;

namespace InFiConD.Students;

/// <summary>Source-generated (reflection-free, trimming-safe) serialisation of <see cref="StudentTableDocument"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(StudentTableDocument))]
internal sealed partial class StudentTableJsonContext : JsonSerializerContext;
