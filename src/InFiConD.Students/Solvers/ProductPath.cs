namespace InFiConD.Students;

/// <summary>How the solver computes its products with the features (both give identical bits; tests pin one).</summary>
internal enum ProductPath
{
    /// <summary>Axpy sweeps for at most <see cref="ScoreProducts.AxpyMaxClasses"/> classes, the GEMM otherwise.</summary>
    Auto,

    /// <summary>Core's GEMM (<c>Kernels.MultiplyTransposed</c>).</summary>
    Gemm,

    /// <summary>Axpy sweeps over the other layout of the features.</summary>
    Axpy,
}
