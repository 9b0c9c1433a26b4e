using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Embedding;

/// <summary>
/// Puts the requested execution provider on a session's options, or falls back. A provider is usable when the native
/// package the application referenced was built with it (<see cref="OrtEnv.GetAvailableProviders"/>) and appending it
/// succeeds (CUDA's own libraries load, the device exists); either failure falls back to the CPU with a message naming
/// the cause and the package to install, or throws, as <see cref="ProviderFallback"/> says. Public so that an encoder in a
/// package of its own (the packaged ResNet-18's, or yours) honours <see cref="ExecutionProvider"/> as the built-in ones do.
/// </summary>
public static class ExecutionProviderSelection
{
    /// <summary>ONNX Runtime's name of the CUDA provider.</summary>
    public const string CudaName = "CUDAExecutionProvider";

    /// <summary>Applies <paramref name="requested"/> to <paramref name="options"/>.</summary>
    /// <param name="options">The session options (the CPU provider is always ONNX Runtime's last resort).</param>
    /// <param name="requested">The provider asked for.</param>
    /// <param name="fallback">What to do when it cannot be used.</param>
    /// <param name="available">The providers the native package has; <see langword="null"/> to ask ONNX Runtime (tests pass their own).</param>
    /// <returns>The choice made.</returns>
    /// <exception cref="ExecutionProviderUnavailableException">It cannot be used and <paramref name="fallback"/> is <see cref="ProviderFallback.Throw"/>.</exception>
    public static ExecutionProviderChoice Apply(SessionOptions options, ExecutionProvider requested, ProviderFallback fallback, IReadOnlyCollection<string>? available = null)
    {
        if (requested.Kind == ExecutionProviderKind.Cpu)
        {
            return ExecutionProviderChoice.Cpu;
        }
        available ??= OrtEnv.Instance().GetAvailableProviders();
        if (!available.Contains(CudaName))
        {
            return Fallback(requested, fallback,
                $"The CUDA execution provider ({requested}) is not in this ONNX Runtime build (it has {string.Join(", ", available)}): "
                + "reference Microsoft.ML.OnnxRuntime.Gpu.Linux (same version as Microsoft.ML.OnnxRuntime.Managed) instead of Microsoft.ML.OnnxRuntime in the application.", null);
        }
        try
        {
            options.AppendExecutionProvider_CUDA(requested.DeviceId);
            return new ExecutionProviderChoice(requested, requested, null);
        }
        // The runtime's own error (CUDA or cuDNN missing, no such device), or a native library built without CUDA entry
        // points (the CPU package, when a caller's list of providers claimed CUDA).
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            return Fallback(requested, fallback,
                $"The CUDA execution provider ({requested}) could not start: {e.Message.ReplaceLineEndings(" ")} Check that CUDA 12 and cuDNN 9 are installed and the device exists.", e);
        }
    }

    private static ExecutionProviderChoice Fallback(ExecutionProvider requested, ProviderFallback fallback, string reason, Exception? inner) =>
        fallback == ProviderFallback.Throw
            ? throw new ExecutionProviderUnavailableException(requested, reason, inner)
            : new ExecutionProviderChoice(requested, ExecutionProvider.Cpu, reason + " Running on the CPU instead.");
}
