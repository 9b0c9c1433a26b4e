using System.Text.Json.Serialization;
using InFiConD.Analysis;
using InFiConD.Concepts;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD;

/// <summary>
/// Source-generated (reflection-free, trimming-safe) System.Text.Json metadata for every type a UI sends or receives:
/// versions and the light history summary, edit requests (<see cref="EditRequest"/>, <see cref="ConceptEdit"/>, <see cref="EditRefit"/> settings)
/// and results, previews and diffs, misalignment reports with suspects and attribute slices, diagnoses,
/// explanations, concept locations, fidelity, students with their weights, concept-bank summaries and edit intervals. camelCase names,
/// enums as names (<c>"kind":"Downtune"</c>), nulls omitted, NaN and infinities as named literals. Matrices travel
/// with their values; what is too large to travel (a version's logits) is left out explicitly, never emptied.
/// </summary>
/// <remarks>
/// Use it directly (<c>JsonSerializer.Serialize(result, InFiConDJsonContext.Default.EditResult)</c>) or register it
/// with a host's options in one call with <see cref="InFiConDJsonOptions.AddInFiConD"/>. Versions, edit results,
/// previews, diagnoses and report comparisons are written only (a session makes them); everything else reads back equal.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
// Versions and history
[JsonSerializable(typeof(SessionVersion))]
[JsonSerializable(typeof(ProvenanceEntry))]
[JsonSerializable(typeof(IReadOnlyList<ProvenanceEntry>))]
[JsonSerializable(typeof(ProvenanceEntrySummary))]
[JsonSerializable(typeof(IReadOnlyList<ProvenanceEntrySummary>))]
[JsonSerializable(typeof(HistoryNode))]
[JsonSerializable(typeof(VersionDiff))]
[JsonSerializable(typeof(ReplayResult))]
// Edit requests
[JsonSerializable(typeof(EditRequest))]
[JsonSerializable(typeof(ConceptEdit))]
[JsonSerializable(typeof(IReadOnlyList<ConceptEdit>))]
[JsonSerializable(typeof(ConceptEditKind))]
[JsonSerializable(typeof(ZeroWeightSign))]
[JsonSerializable(typeof(EditRefit))]
[JsonSerializable(typeof(EditProblem))]
[JsonSerializable(typeof(IReadOnlyList<EditProblem>))]
// Edit results
[JsonSerializable(typeof(EditResult))]
[JsonSerializable(typeof(EditPreview))]
[JsonSerializable(typeof(EditProgress))]
[JsonSerializable(typeof(SplitOutcome))]
[JsonSerializable(typeof(IReadOnlyList<SplitOutcome>))]
[JsonSerializable(typeof(PredictionChange))]
[JsonSerializable(typeof(EditMetrics))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, EditMetrics>))]
[JsonSerializable(typeof(AttributeGroupMetrics))]
[JsonSerializable(typeof(IReadOnlyList<AttributeGroupMetrics>))]
[JsonSerializable(typeof(WeightBounds))]
[JsonSerializable(typeof(IReadOnlyList<WeightBounds>))]
[JsonSerializable(typeof(RefitRecord))]
// Reports, diagnosis and explanations
[JsonSerializable(typeof(MisalignmentReport))]
[JsonSerializable(typeof(ReportComparison))]
[JsonSerializable(typeof(MisalignmentOptions))]
[JsonSerializable(typeof(ShortcutDiagnosis))]
[JsonSerializable(typeof(DiagnosisOptions))]
[JsonSerializable(typeof(DiagnosisProgress))]
[JsonSerializable(typeof(InstanceExplanation))]
[JsonSerializable(typeof(ConceptLocations))]
[JsonSerializable(typeof(ConceptExamples))]
[JsonSerializable(typeof(IReadOnlyList<ConceptExamples>))]
[JsonSerializable(typeof(ConceptExampleOptions))]
// Students and concepts
[JsonSerializable(typeof(Fidelity))]
[JsonSerializable(typeof(RegularizationPath))]
[JsonSerializable(typeof(StudentEnsemble))]
[JsonSerializable(typeof(WeightSpread))]
[JsonSerializable(typeof(ConceptBankSummary))]
[JsonSerializable(typeof(ConceptQuality))]
[JsonSerializable(typeof(ConceptBankOrigin))]
public sealed partial class InFiConDJsonContext : JsonSerializerContext;
