using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// Source-generated (reflection-free, trimming-safe) System.Text.Json serialisation of the editing records: edits,
/// intervals, metrics, provenance entries, diffs, replay results and per-split edit outcomes. Enums are written as names; missing or null
/// required members are errors when reading. Floats are written in their shortest round-trip form; weight rows as
/// base64 of their bits.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConceptEdit))]
[JsonSerializable(typeof(IReadOnlyList<ConceptEdit>))]
[JsonSerializable(typeof(WeightBounds))]
[JsonSerializable(typeof(EditMetrics))]
[JsonSerializable(typeof(ProvenanceEntry))]
[JsonSerializable(typeof(VersionDiff))]
[JsonSerializable(typeof(ReplayResult))]
[JsonSerializable(typeof(SplitOutcome))]
[JsonSerializable(typeof(IReadOnlyList<SplitOutcome>))]
[JsonSerializable(typeof(ShortcutDiagnosis))]
[JsonSerializable(typeof(ConfirmedSuspect))]
[JsonSerializable(typeof(MeasuredFix))]
[JsonSerializable(typeof(CombinedFix))]
[JsonSerializable(typeof(ProvenanceEntrySummary))]
[JsonSerializable(typeof(IReadOnlyList<ProvenanceEntrySummary>))]
[JsonSerializable(typeof(HistoryNode))]
public sealed partial class EditingJsonContext : JsonSerializerContext;
