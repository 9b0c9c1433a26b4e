using System.Runtime.Intrinsics;

namespace InFiConD.Core;

/// <summary>
/// Which instruction set the library's kernels run on (<see cref="Kernels.ActivePath"/>). The library picks the widest the
/// hardware accelerates; the environment variable <c>INFICOND_KERNEL_PATH</c> (<c>vector512</c>, <c>vector256</c>,
/// <c>scalar</c>) narrows it. Every path gives the same bits.
/// </summary>
public enum KernelPath
{
    /// <summary>The widest path available (what the library uses unless a test or benchmark pins one).</summary>
    Auto,

    /// <summary>512-bit vectors (AVX-512 on x64).</summary>
    Vector512,

    /// <summary>256-bit vectors (AVX2 on x64).</summary>
    Vector256,

    /// <summary>Scalar code: no vector unit the runtime accelerates.</summary>
    Scalar,
}

internal static class KernelPaths
{
    /// <summary>
    /// The widest path the hardware accelerates, unless the environment variable
    /// <c>INFICOND_KERNEL_PATH</c> (<c>vector512</c>, <c>vector256</c>, <c>scalar</c>) narrows it — the switch
    /// that lets anyone check that the benchmark guard notices a slow kernel.
    /// </summary>
    internal static readonly KernelPath Best = Detect(Environment.GetEnvironmentVariable("INFICOND_KERNEL_PATH"));

    internal static KernelPath Resolve(KernelPath requested)
    {
        var path = requested == KernelPath.Auto ? Best : requested;
        return path switch
        {
            KernelPath.Vector512 when !Vector512.IsHardwareAccelerated => Resolve(KernelPath.Vector256),
            KernelPath.Vector256 when !Vector256.IsHardwareAccelerated => KernelPath.Scalar,
            _ => path,
        };
    }

    internal static KernelPath Detect(string? setting)
    {
        var hardware = Vector512.IsHardwareAccelerated ? KernelPath.Vector512
            : Vector256.IsHardwareAccelerated ? KernelPath.Vector256
            : KernelPath.Scalar;
        KernelPath? requested = setting?.Trim().ToLowerInvariant() switch
        {
            "vector512" => KernelPath.Vector512,
            "vector256" => KernelPath.Vector256,
            "scalar" => KernelPath.Scalar,
            _ => null,
        };
        return requested is { } r && r > hardware ? r : hardware;
    }
}
