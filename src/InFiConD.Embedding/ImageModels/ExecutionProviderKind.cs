namespace InFiConD.Embedding;

/// <summary>The hardware an ONNX Runtime session runs on.</summary>
public enum ExecutionProviderKind
{
    /// <summary>The CPU: always available, in every ONNX Runtime native package.</summary>
    Cpu,

    /// <summary>An NVIDIA GPU through CUDA: needs the application to reference <c>Microsoft.ML.OnnxRuntime.Gpu.Linux</c> (or <c>.Gpu.Windows</c>) and the machine to have CUDA and cuDNN.</summary>
    Cuda,
}
