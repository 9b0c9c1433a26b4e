namespace InFiConD.Core;

/// <summary>
/// Which vector width the library's kernels run on (<see cref="Kernels.ActivePath"/>). The library picks the widest the
/// hardware accelerates — <see cref="Vector512"/>, then <see cref="Vector256"/>, then <see cref="Vector128"/>, then
/// <see cref="Scalar"/> — and the environment variable <c>INFICOND_KERNEL_PATH</c> (<c>vector512</c>, <c>vector256</c>,
/// <c>vector128</c>, <c>scalar</c>) narrows it. Every kernel is written once over a generic vector width, and every
/// path gives the same bits.
/// </summary>
/// <remarks>
/// The values are stable (<see cref="Vector128"/> was added last, so it comes after <see cref="Scalar"/>); compare paths
/// by width, not by value.
/// </remarks>
public enum KernelPath
{
    /// <summary>The widest path available (what the library uses unless a test or benchmark pins one).</summary>
    Auto,

    /// <summary>512-bit vectors (AVX-512 on x64).</summary>
    Vector512,

    /// <summary>256-bit vectors (AVX2 on x64).</summary>
    Vector256,

    /// <summary>
    /// Scalar code: no vector unit the runtime accelerates. The transcendental kernels (<see cref="Kernels.Sigmoid(ReadOnlySpan{float}, Span{float})"/>,
    /// the logistic loss) still use 128-bit vectors where the hardware has them, because the scalar exponential rounds differently.
    /// </summary>
    Scalar,

    /// <summary>128-bit vectors (AdvSimd on ARM64, SSE on x64): the path of machines without 256-bit vectors.</summary>
    Vector128,
}
