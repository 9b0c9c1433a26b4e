namespace InFiConD.Embedding;

/// <summary>
/// The least severe ONNX Runtime message written to the process's standard error while a model loads and runs (the
/// runtime's own coloured lines, such as <c>[W:onnxruntime:…]</c>). It maps one to one onto ONNX Runtime's
/// <c>OrtLoggingLevel</c>. A failed run is reported as a <see cref="Core.ModelRunException"/> carrying the runtime's
/// message whatever the level, so <see cref="Fatal"/> silences the runtime without losing an error.
/// </summary>
public enum OnnxLogLevel
{
    /// <summary>Everything, including the runtime's tracing (very chatty).</summary>
    Verbose,

    /// <summary>Informational messages and above.</summary>
    Info,

    /// <summary>Warnings and above: ONNX Runtime's own default, and the library's.</summary>
    Warning,

    /// <summary>Errors and above: hides the runtime's warnings (unused initializers, nodes placed on another provider).</summary>
    Error,

    /// <summary>Only fatal errors: the runtime writes nothing in practice; failures still arrive as exceptions.</summary>
    Fatal,
}
