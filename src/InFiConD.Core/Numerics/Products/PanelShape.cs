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
        KernelPath.Vector512 => new PanelShape(KernelPath.Vector512, MicroKernels.Mr512, MicroKernels.Nr512),
        KernelPath.Vector256 => new PanelShape(KernelPath.Vector256, MicroKernels.Mr256, MicroKernels.Nr256),
        _ => new PanelShape(KernelPath.Scalar, MicroKernels.MrScalar, MicroKernels.NrScalar),
    };

    /// <summary>Whether the path has a half-width tile for a last panel with at most NR / 2 valid columns.</summary>
    internal bool HasHalfTile => Path == KernelPath.Vector512;

    /// <summary>Columns 0 .. NR / 2 − 1 of <see cref="Tile"/>, same bits; only where <see cref="HasHalfTile"/>.</summary>
    internal void HalfTile(float* a, long lda, int rows, float* b, int depth, float* c, int ldc, bool accumulate) =>
        MicroKernels.Tile8x16Of32(a, lda, rows, b, depth, c, ldc, accumulate);

    internal void Tile(float* a, long lda, int rows, float* b, int depth, float* c, int ldc, bool accumulate)
    {
        switch (Path)
        {
            case KernelPath.Vector512: MicroKernels.Tile8x32(a, lda, rows, b, depth, c, ldc, accumulate); break;
            case KernelPath.Vector256: MicroKernels.Tile6x16(a, lda, rows, b, depth, c, ldc, accumulate); break;
            default: MicroKernels.Tile4x8(a, lda, rows, b, depth, c, ldc, accumulate); break;
        }
    }
}
