namespace InFiConD;

/// <summary>An operator set imported by an ONNX model.</summary>
/// <param name="Domain">The domain; empty for the default ONNX domain (<c>ai.onnx</c>).</param>
/// <param name="Version">The opset version.</param>
public sealed record OnnxOpset(string Domain, long Version);
