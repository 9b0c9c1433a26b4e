using System.Runtime.Intrinsics;

namespace InFiConD.Core;

/// <summary>Chooses the <see cref="KernelPath"/>: the widest the hardware accelerates, narrowed by <c>INFICOND_KERNEL_PATH</c>.</summary>
internal static class KernelPaths
{
    /// <summary>
    /// The widest path the hardware accelerates, unless the environment variable <c>INFICOND_KERNEL_PATH</c>
    /// (<c>vector512</c>, <c>vector256</c>, <c>vector128</c>, <c>scalar</c>) narrows it — the switch that lets anyone
    /// check that the benchmark guard notices a slow kernel, and run every kernel's narrower paths on a wide machine.
    /// </summary>
    internal static readonly KernelPath Best = Detect(Environment.GetEnvironmentVariable("INFICOND_KERNEL_PATH"));

    /// <summary>The path to run for <paramref name="requested"/>: <see cref="Best"/> for Auto, else the widest accelerated path no wider than asked.</summary>
    internal static KernelPath Resolve(KernelPath requested)
    {
        var path = requested == KernelPath.Auto ? Best : requested;
        return path switch
        {
            KernelPath.Vector512 when !Vector512.IsHardwareAccelerated => Resolve(KernelPath.Vector256),
            KernelPath.Vector256 when !Vector256.IsHardwareAccelerated => Resolve(KernelPath.Vector128),
            KernelPath.Vector128 when !Vector128.IsHardwareAccelerated => KernelPath.Scalar,
            _ => path,
        };
    }

    /// <summary>The widest accelerated path, or the one <paramref name="setting"/> names when that is narrower.</summary>
    internal static KernelPath Detect(string? setting)
    {
        var hardware = Vector512.IsHardwareAccelerated ? KernelPath.Vector512
            : Vector256.IsHardwareAccelerated ? KernelPath.Vector256
            : Vector128.IsHardwareAccelerated ? KernelPath.Vector128
            : KernelPath.Scalar;
        KernelPath? requested = setting?.Trim().ToLowerInvariant() switch
        {
            "vector512" => KernelPath.Vector512,
            "vector256" => KernelPath.Vector256,
            "vector128" => KernelPath.Vector128,
            "scalar" => KernelPath.Scalar,
            _ => null,
        };
        return requested is { } r && Bits(r) < Bits(hardware) ? r : hardware;
    }

    /// <summary>The vector width of a path in bits (0 for scalar): the enum's values are not in width order.</summary>
    internal static int Bits(KernelPath path) => path switch
    {
        KernelPath.Vector512 => 512,
        KernelPath.Vector256 => 256,
        KernelPath.Vector128 => 128,
        _ => 0,
    };
}
