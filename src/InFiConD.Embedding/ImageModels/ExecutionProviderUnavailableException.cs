using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>The requested execution provider cannot be used and <see cref="ProviderFallback.Throw"/> was asked for.</summary>
public sealed class ExecutionProviderUnavailableException : InFiConDException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="requested">The provider asked for.</param>
    /// <param name="message">Why it cannot be used and what to install.</param>
    /// <param name="inner">ONNX Runtime's own error, if it gave one.</param>
    public ExecutionProviderUnavailableException(ExecutionProvider requested, string message, Exception? inner = null)
        : base(message, inner) => Requested = requested;

    /// <summary>The provider asked for.</summary>
    public ExecutionProvider Requested { get; }
}
