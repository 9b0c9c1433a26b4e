using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// The solver's two products with the features: logits <c>Z·Wᵀ</c> and gradient sums <c>Zᵀ·Rᵀ</c> (from the K × N
/// residual), each either through Core's GEMM or through Core's tiled product (<see cref="Kernels.MultiplyTiled"/>) over the problem's packed features.
/// The GEMM packs the classes into a 32-wide panel, so at the solver's class counts it computes mostly padding (one
/// class costs about what 32 do); the tiles compute four classes at a time and are the default wherever a vector unit
/// exists. Each product comes in both layouts — N × K / C × K (what FISTA's loss pass reads) and K × N / K × C (one
/// row per class, what OWL-QN's per-class line searches read) — and the transposes are only paid where the path does
/// not produce the layout asked for.
/// </summary>
/// <remarks>
/// Both paths give identical bits. Core's GEMM computes every element as one chain of fused multiply-adds
/// <c>acc ← fma(a_p, b_p, acc)</c> from +0 over the depth p in order (depth blocks store and reload the partial sum,
/// which continues the chain unchanged), on every instruction-set path, and so do the tiles: they only change which
/// elements are in flight together. Multiplication is commutative in IEEE arithmetic, so the operand order inside
/// the FMA does not matter. Work is split over elements, never over the depth, so the thread count does not change
/// a bit either.
/// </remarks>
internal sealed class ScoreProducts
{
    private readonly LogisticProblem _problem;
    private readonly int _threads;

    // The other layout of the last product, kept for the next call (a fit calls with the same shapes every iteration).
    private FloatMatrix? _logitsOtherLayout, _sumsOtherLayout;

    internal ScoreProducts(LogisticProblem problem, int threads, ProductPath path)
    {
        _problem = problem;
        _threads = threads;
        UsesTiles = path switch
        {
            ProductPath.Gemm => false,
            ProductPath.Tiles => true,
            _ => TileColumns.ActiveLanes > 0,
        };
    }

    /// <summary>Whether the products go through <see cref="Kernels.MultiplyTiled"/> rather than the GEMM.</summary>
    internal bool UsesTiles { get; }

    /// <summary>Computes <c>logits = Z·Wᵀ</c> (N × K): <c>logits[n, k] = Σ_p Z[n, p] · W[k, p]</c>.</summary>
    internal void Logits(FloatMatrix weights, FloatMatrix logits)
    {
        if (!UsesTiles)
        {
            Kernels.MultiplyTransposed(_problem.Features, weights, logits, _threads);
            return;
        }
        var perClass = Buffer(ref _logitsOtherLayout, weights.Rows, _problem.Samples);
        Kernels.MultiplyTiled(weights, _problem.TransposedTiles, perClass, _threads);
        Kernels.Transpose(perClass, logits, _threads);
    }

    /// <summary>Computes the logits one row per class (K × N): <c>logits[k, n] = Σ_p W[k, p] · Z[n, p]</c>.</summary>
    internal void LogitsPerClass(FloatMatrix weights, FloatMatrix logits)
    {
        if (UsesTiles)
        {
            Kernels.MultiplyTiled(weights, _problem.TransposedTiles, logits, _threads);
            return;
        }
        var byImage = Buffer(ref _logitsOtherLayout, _problem.Samples, weights.Rows);
        Kernels.MultiplyTransposed(_problem.Features, weights, byImage, _threads);
        Kernels.Transpose(byImage, logits, _threads);
    }

    /// <summary>Computes <c>sums = Zᵀ·Rᵀ</c> (C × K) from the K × N residual: <c>sums[j, k] = Σ_n Z[n, j] · R[k, n]</c>.</summary>
    internal void GradientSums(FloatMatrix residualTransposed, FloatMatrix sums)
    {
        if (!UsesTiles)
        {
            Kernels.MultiplyTransposed(_problem.FeaturesTransposed, residualTransposed, sums, _threads);
            return;
        }
        var perClass = Buffer(ref _sumsOtherLayout, residualTransposed.Rows, _problem.Concepts);
        Kernels.MultiplyTiled(residualTransposed, _problem.FeatureTiles, perClass, _threads);
        Kernels.Transpose(perClass, sums, _threads);
    }

    /// <summary>Computes the gradient sums one row per class (K × C): <c>sums[k, j] = Σ_n R[k, n] · Z[n, j]</c>.</summary>
    internal void GradientSumsPerClass(FloatMatrix residualTransposed, FloatMatrix sums)
    {
        if (UsesTiles)
        {
            Kernels.MultiplyTiled(residualTransposed, _problem.FeatureTiles, sums, _threads);
            return;
        }
        var byConcept = Buffer(ref _sumsOtherLayout, _problem.Concepts, residualTransposed.Rows);
        Kernels.MultiplyTransposed(_problem.FeaturesTransposed, residualTransposed, byConcept, _threads);
        Kernels.Transpose(byConcept, sums, _threads);
    }

    private static FloatMatrix Buffer(ref FloatMatrix? cached, int rows, int columns) =>
        cached is { } matrix && matrix.Rows == rows && matrix.Columns == columns ? matrix : cached = new FloatMatrix(rows, columns);
}
