namespace InFiConD.Core;

/// <summary>
/// The library's numeric kernels, every SIMD loop of every package: blocked, register-tiled A·Bᵀ and the tiled product
/// of a few rows with a wide matrix; the fused segment-max cosine scorer; row normalisation, column standardisation, the
/// proximal steps and logistic loss of the sparse solver; float64 dot products; threshold scans; resampling passes.
/// </summary>
/// <remarks>
/// Each kernel is written once over a generic vector width and runs on <see cref="ActivePath"/>: 512-bit
/// (<see cref="System.Runtime.Intrinsics.Vector512"/>, AVX-512), 256-bit (AVX2), 128-bit (AdvSimd on ARM64, SSE on x64)
/// or scalar code, whichever is the widest the hardware accelerates; the matrix kernels split work over row blocks on
/// up to <c>maxDegreeOfParallelism</c> threads (−1: one per processor). Every output element is computed by one fixed
/// sequence of operations, so results are bit-identical for any thread count and any path. Nothing is allocated inside
/// the loops.
/// </remarks>
public static partial class Kernels
{
    /// <summary>
    /// The path the kernels run on in this process: the widest the hardware accelerates, or narrower where
    /// <c>INFICOND_KERNEL_PATH</c> says so. Code that lays data out for a vector width (the solver's tiles) reads it so that
    /// it narrows with the kernels.
    /// </summary>
    public static KernelPath ActivePath { get; } = KernelPaths.Resolve(KernelPath.Auto);

    /// <summary>Resolves −1 to the processor count and rejects other values below 1.</summary>
    internal static int ResolveParallelism(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism == -1)
        {
            return Environment.ProcessorCount;
        }
        if (maxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 for one thread per processor, or a positive thread count.");
        }
        return maxDegreeOfParallelism;
    }

    private static void RequireShape(FloatMatrix matrix, int rows, int columns, string name)
    {
        if (matrix.Rows != rows || matrix.Columns != columns)
        {
            throw new ShapeMismatchException(name, $"{rows} × {columns}", $"{matrix.Rows} × {matrix.Columns}");
        }
    }

    private static void RequireLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ShapeMismatchException(name, $"length {expected}", $"length {actual}");
        }
    }
}
