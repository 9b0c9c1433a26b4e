using System.Text.Json.Serialization;

namespace InFiConD.Datasets;

/// <summary>
/// Source-generated (reflection-free) System.Text.Json serialisation of ConceptWorld's records: options, classes,
/// concepts and scenes (the ground truth a split export writes as <c>&lt;split&gt;.scenes.json</c>). Camel-case
/// names, enums as names.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    WriteIndented = true)]
[JsonSerializable(typeof(ConceptWorldOptions))]
[JsonSerializable(typeof(WorldClass))]
[JsonSerializable(typeof(WorldConcept))]
[JsonSerializable(typeof(IReadOnlyList<WorldConcept>))]
[JsonSerializable(typeof(ConceptWorldScene))]
[JsonSerializable(typeof(IReadOnlyList<ConceptWorldScene>))]
public sealed partial class ConceptWorldJsonContext : JsonSerializerContext;
