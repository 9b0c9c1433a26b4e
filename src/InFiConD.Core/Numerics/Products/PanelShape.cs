using System.Runtime.Intrinsics;

namespace InFiConD.Core;

/// <summary>The register tile (MR rows × NR columns) of a kernel path and the micro-kernel that computes it.</summary>
internal readonly unsafe struct PanelShape
{
    private PanelShape(KernelPath path, int mr, int nr)
    {
        Path = path;
        Mr = mr;
        Nr = nr;
    }

    internal KernelPath Path { get; }

    internal int Mr { get; }

    internal int Nr { get; }

    internal static PanelShape For(KernelPath requested) => KernelPaths.Resolve(requested) switch
    {
        KernelPath.Vector512 => Of<FloatLanes512, Vector512<float>>(KernelPath.Vector512),
        KernelPath.Vector256 => Of<FloatLanes256, Vector256<float>>(KernelPath.Vector256),
        KernelPath.Vector128 => Of<FloatLanes128, Vector128<float>>(KernelPath.Vector128),
        _ => new PanelShape(KernelPath.Scalar, MicroKernels.MrScalar, MicroKernels.NrScalar),
    };

    /// <summary>Whether the path has a half-width tile for a last panel with at most NR / 2 valid columns.</summary>
    internal bool HasHalfTile => Path == KernelPath.Vector512;

    /// <summary>Columns 0 .. NR / 2 − 1 of <see cref="Tile"/>, same bits; only where <see cref="HasHalfTile"/>.</summary>
    internal void HalfTile(float* a, long lda, int rows, float* b, int depth, float* c, int ldc, bool accumulate) =>
        MicroKernels.Tile<FloatLanes512, Vector512<float>, OneVector>(a, lda, rows, b, depth, c, ldc, accumulate);

    internal void Tile(float* a, long lda, int rows, float* b, int depth, float* c, int ldc, bool accumulate)
    {
        switch (Path)
        {
            case KernelPath.Vector512: MicroKernels.Tile<FloatLanes512, Vector512<float>, TwoVectors>(a, lda, rows, b, depth, c, ldc, accumulate); break;
            case KernelPath.Vector256: MicroKernels.Tile<FloatLanes256, Vector256<float>, TwoVectors>(a, lda, rows, b, depth, c, ldc, accumulate); break;
            case KernelPath.Vector128: MicroKernels.Tile<FloatLanes128, Vector128<float>, TwoVectors>(a, lda, rows, b, depth, c, ldc, accumulate); break;
            default: MicroKernels.Tile4x8(a, lda, rows, b, depth, c, ldc, accumulate); break;
        }
    }

    private static PanelShape Of<TLanes, TVector>(KernelPath path)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct => new(path, MicroKernels.Rows<TLanes, TVector>(), MicroKernels.Columns<TLanes, TVector>());
}
