using System.Runtime.Intrinsics;

namespace InFiConD.Core;

/// <summary>Which instruction set a kernel runs on. Tests and the benchmark guard pin a path; the library uses <see cref="Auto"/>.</summary>
internal enum KernelPath
{
    Auto,
    Vector512,
    Vector256,
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
