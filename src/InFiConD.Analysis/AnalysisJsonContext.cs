using System.Text.Json.Serialization;

namespace InFiConD.Analysis;

/// <summary>
/// Source-generated (reflection-free, trimming-safe) System.Text.Json serialisation of every analysis result, so a front end
/// can ship reports as JSON unchanged: camelCase names, enums as strings, nulls omitted. For example
/// <c>JsonSerializer.Serialize(report, AnalysisJsonContext.Default.MisalignmentReport)</c>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(MisalignmentReport))]
[JsonSerializable(typeof(MisalignmentOptions))]
[JsonSerializable(typeof(ClassMisalignment))]
[JsonSerializable(typeof(ImageSubset))]
[JsonSerializable(typeof(GroundTruthSplit))]
[JsonSerializable(typeof(SubsetKind))]
[JsonSerializable(typeof(ConceptContrast))]
[JsonSerializable(typeof(ConceptSlice))]
[JsonSerializable(typeof(AttributeSlice))]
[JsonSerializable(typeof(SuspectedShortcut))]
[JsonSerializable(typeof(SuspectFix))]
[JsonSerializable(typeof(FixScope))]
[JsonSerializable(typeof(SuspectEvidence))]
[JsonSerializable(typeof(PresenceRule))]
[JsonSerializable(typeof(InstanceExplanation))]
[JsonSerializable(typeof(ClassExplanation))]
[JsonSerializable(typeof(ConceptContribution))]
[JsonSerializable(typeof(ConceptExamples))]
[JsonSerializable(typeof(IReadOnlyList<ConceptExamples>))]
[JsonSerializable(typeof(ConceptExample))]
[JsonSerializable(typeof(ConceptStatistics))]
[JsonSerializable(typeof(QuantileValue))]
[JsonSerializable(typeof(ConceptExampleOptions))]
public sealed partial class AnalysisJsonContext : JsonSerializerContext;
