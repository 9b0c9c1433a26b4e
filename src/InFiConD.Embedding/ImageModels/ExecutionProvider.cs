using System.Globalization;

namespace InFiConD.Embedding;

/// <summary>
/// Where ONNX Runtime runs a model: the CPU, or a CUDA GPU by device id. The libraries depend on
/// <c>Microsoft.ML.OnnxRuntime.Managed</c> only; the application picks the native package — <c>Microsoft.ML.OnnxRuntime</c>
/// (CPU) or <c>Microsoft.ML.OnnxRuntime.Gpu.Linux</c> (CPU and CUDA), of the same version — and so which providers exist.
/// </summary>
/// <param name="Kind">CPU or CUDA.</param>
/// <param name="DeviceId">The CUDA device (0 for the first GPU); 0 for the CPU.</param>
public sealed record ExecutionProvider(ExecutionProviderKind Kind, int DeviceId = 0)
{
    /// <summary>The CPU.</summary>
    public static ExecutionProvider Cpu { get; } = new(ExecutionProviderKind.Cpu);

    /// <summary>A CUDA device.</summary>
    /// <param name="deviceId">The device id, ≥ 0.</param>
    /// <returns>The provider.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="deviceId"/> is negative.</exception>
    public static ExecutionProvider Cuda(int deviceId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceId);
        return new ExecutionProvider(ExecutionProviderKind.Cuda, deviceId);
    }

    /// <summary>
    /// Images per inference call when the options name none: 16 on the CPU (larger batches buy little there and hold more
    /// decoded images), 64 on a GPU (a GPU needs large batches to be busy; 64 × 3 × 224 × 224 floats is 38 MB).
    /// </summary>
    public int DefaultBatchSize => Kind == ExecutionProviderKind.Cuda ? 64 : 16;

    /// <summary>Reads <c>cpu</c>, <c>cuda</c> or <c>cuda:ID</c> (case-insensitive).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The provider.</returns>
    /// <exception cref="FormatException">The text is none of those.</exception>
    public static ExecutionProvider Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToLowerInvariant();
        if (value == "cpu")
        {
            return Cpu;
        }
        if (value == "cuda")
        {
            return Cuda();
        }
        if (value.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var device))
        {
            return Cuda(device);
        }
        throw new FormatException($"An execution provider is cpu, cuda or cuda:ID (a device id ≥ 0); got '{text}'.");
    }

    /// <summary>Checks the device id.</summary>
    /// <returns>This instance.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The kind is undefined or the device id negative (or non-zero on the CPU).</exception>
    public ExecutionProvider Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "ExecutionProvider.Kind must be Cpu or Cuda.");
        }
        if (DeviceId < 0 || (Kind == ExecutionProviderKind.Cpu && DeviceId != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(DeviceId), DeviceId, "ExecutionProvider.DeviceId must be ≥ 0 for CUDA and 0 for the CPU.");
        }
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => Kind == ExecutionProviderKind.Cpu ? "cpu" : $"cuda:{DeviceId.ToString(CultureInfo.InvariantCulture)}";
}
