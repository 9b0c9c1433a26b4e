using System.Text.Json.Serialization;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Studio;

/// <summary>
/// Source-generated JSON for the Studio's own envelopes and for library records that have no context of their own
/// (<see cref="Fidelity"/>, lists of <see cref="WeightBounds"/>). Same conventions as the library's contexts: camelCase,
/// enums as names, nulls omitted. Analysis and editing records go out through the library's contexts unchanged.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(StudioState))]
[JsonSerializable(typeof(JobStatus))]
[JsonSerializable(typeof(StudioConfiguration))]
[JsonSerializable(typeof(EditRequest))]
[JsonSerializable(typeof(CheckoutRequest))]
[JsonSerializable(typeof(DiagnosisRequest))]
[JsonSerializable(typeof(SaveRequest))]
[JsonSerializable(typeof(SaveResult))]
[JsonSerializable(typeof(SegmentLayout))]
[JsonSerializable(typeof(Fidelity))]
[JsonSerializable(typeof(IReadOnlyList<WeightBounds>))]
internal sealed partial class StudioJsonContext : JsonSerializerContext;
