using System.Text.Json.Serialization;

namespace InFiConD.Studio;

/// <summary>
/// Source-generated JSON for the Studio's own envelopes. Same conventions as the library's contexts: camelCase, enums as
/// names, nulls omitted. Library records (edit requests, locations, fidelity, bounds, reports…) go in and out through the
/// library's own contexts unchanged.
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
[JsonSerializable(typeof(MoveRequest))]
[JsonSerializable(typeof(CheckoutRequest))]
[JsonSerializable(typeof(DiagnosisRequest))]
[JsonSerializable(typeof(PathRequest))]
[JsonSerializable(typeof(SaveRequest))]
[JsonSerializable(typeof(SaveResult))]
internal sealed partial class StudioJsonContext : JsonSerializerContext;
