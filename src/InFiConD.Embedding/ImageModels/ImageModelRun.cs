using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>The outputs of an image model over a source: one row per image that decoded, and the failures.</summary>
/// <param name="Outputs">N × D model outputs, in source order, skipping failed images.</param>
/// <param name="ImageIds">The N ids of the rows.</param>
/// <param name="Failures">Images that could not be decoded, with the reason.</param>
public sealed record ImageModelRun(FloatMatrix Outputs, IReadOnlyList<string> ImageIds, IReadOnlyList<DecodeFailure> Failures);
