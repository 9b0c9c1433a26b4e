namespace InFiConD.Students;

/// <summary>How the solver computes its products with the features (both give identical bits; tests pin one).</summary>
internal enum ProductPath
{
    /// <summary>The tiles wherever the machine has a vector unit, the GEMM otherwise.</summary>
    Auto,

    /// <summary>Core's GEMM (<c>Kernels.MultiplyTransposed</c>).</summary>
    Gemm,

    /// <summary>Core's tiled product (<c>Kernels.MultiplyTiled</c>) over the problem's packed features.</summary>
    Tiles,
}
