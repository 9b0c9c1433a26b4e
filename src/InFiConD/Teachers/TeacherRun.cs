using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD;

/// <summary>The result of running a teacher over images.</summary>
/// <param name="Outputs">Class probabilities for every image that decoded.</param>
/// <param name="Kind">Whether the model's raw outputs were logits or probabilities (declared or detected).</param>
/// <param name="Failures">Images that could not be decoded, with the reason.</param>
public sealed record TeacherRun(TeacherOutputs Outputs, TeacherOutputKind Kind, IReadOnlyList<DecodeFailure> Failures);
