namespace InFiConD.Studio.Tests;

/// <summary>
/// A tiny ONNX teacher built in code (the library tests' <see cref="InFiConD.Tests.TinyClassifier"/>, linked): <c>input
/// [N,3,H,W] → GlobalAveragePool → Flatten → MatMul(W 3×K) → Softmax → probabilities [N,K]</c>. Over the packaged
/// ResNet-18's input (raw 0–255 RGB) it says the class whose colour channel is strongest, with K = 3 classes in red, green,
/// blue order; it runs in microseconds, so the test session's cost is the encoder's.
/// </summary>
internal static class TinyTeacher
{
    /// <summary>Writes the model, with the class names in its metadata (as a composed teacher carries them) or without.</summary>
    public static void Write(string path, IReadOnlyList<string>? classNamesInMetadata) =>
        // 0.05 per unit of channel mean: a channel 100 levels stronger gives odds of e^5.
        InFiConD.Tests.TinyClassifier.Write(path, new float[,] { { 0.05f, 0f, 0f }, { 0f, 0.05f, 0f }, { 0f, 0f, 0.05f } }, softmax: true, inputName: "input",
            metadata: classNamesInMetadata is null ? null
                : new Dictionary<string, string> { [TeacherModelComposer.ClassNamesKey] = System.Text.Json.JsonSerializer.Serialize(classNamesInMetadata) });
}
