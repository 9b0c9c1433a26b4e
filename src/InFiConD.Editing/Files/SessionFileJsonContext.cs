using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>Source-generated serialisation of the internal file layouts (session manifest, names, splits, bank, log header).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SessionManifest))]
[JsonSerializable(typeof(SessionNames))]
[JsonSerializable(typeof(SessionSplits))]
[JsonSerializable(typeof(SessionBankDocument))]
[JsonSerializable(typeof(ProvenanceHeader))]
internal sealed partial class SessionFileJsonContext : JsonSerializerContext;
