using System.Runtime.Intrinsics;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// The solver's two products with the features: logits <c>Z·Wᵀ</c> (N × K) and gradient sums <c>Zᵀ·Rᵀ</c> (C × K,
/// from the K × N residual). With many classes both go through Core's GEMM. With few classes the GEMM does mostly
/// wasted work (it packs B into panels of 32 rows, so one class costs about what 32 do), and the products are computed
/// instead as axpy sweeps over the other layout of the features — logits as <c>Σ_p w_kp · (row p of Zᵀ)</c>, gradient
/// sums as <c>Σ_n r_kn · (row n of Z)</c> — into accumulators that stay in L1.
/// </summary>
/// <remarks>
/// Both paths give identical bits. The GEMM kernel computes every element as one chain of fused multiply-adds
/// <c>acc ← fma(a_p, b_p, acc)</c> from +0 over the depth p in order (depth blocks store and reload the partial sum,
/// which continues the chain unchanged), on every instruction-set path. The axpy sweep computes the same chain per
/// element, from +0, over p in order: it only changes which elements are in flight together. Multiplication is
/// commutative in IEEE arithmetic, so the operand order inside the FMA does not matter. Work is split over
/// elements, never over the depth, so the thread count does not change a bit either.
/// </remarks>
internal sealed class ScoreProducts
{
    /// <summary>
    /// Largest K for which <see cref="ProductPath.Auto"/> takes the axpy path. Measured at N = 10,000, C = 584 on
    /// 2 cores (docs/performance.md, "Edit round trip"): a 5-iteration fit takes 0.42× the GEMM path's time at K = 1,
    /// 0.77× at K = 4, 0.86× at K = 5, about the same at K = 6 and longer from K = 8 (the sweeps' work grows with K,
    /// the GEMM's does not until K passes a 32-wide panel).
    /// </summary>
    internal const int AxpyMaxClasses = 5;

    /// <summary>Floats of logits accumulators per work item, all classes together (32 KB: within L1).</summary>
    private const int LogitChunkFloats = 8192;

    /// <summary>Smallest span of concepts one gradient work item takes (whole 64-byte lines, enough to amortise a row).</summary>
    private const int MinGradientSegment = 64;

    private readonly FloatMatrix _z, _zt;
    private readonly int _n, _c, _k, _threads;
    private readonly FloatMatrix? _logitsT, _gradientSums;
    private readonly int _logitChunk, _logitChunks, _gradientSegment, _gradientSegments;
    private readonly ParallelOptions _parallel;

    internal ScoreProducts(LogisticProblem problem, int threads, ProductPath path)
    {
        _z = problem.Features;
        _zt = problem.FeaturesTransposed;
        (_n, _c, _k) = (problem.Samples, problem.Concepts, problem.Classes);
        _threads = threads;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        UsesAxpy = path switch
        {
            ProductPath.Gemm => false,
            ProductPath.Axpy => true,
            _ => _k <= AxpyMaxClasses,
        };
        if (!UsesAxpy || _k == 0)
        {
            return;
        }
        // One class writes straight into the destinations (N × 1 and C × 1 have the accumulators' layout);
        // more classes accumulate K × N and K × C, transposed into place by the same work item.
        if (_k > 1)
        {
            _logitsT = new FloatMatrix(_k, _n);
            _gradientSums = new FloatMatrix(_k, _c);
        }
        _logitChunk = Math.Max(Vector512<float>.Count, LogitChunkFloats / _k / Vector512<float>.Count * Vector512<float>.Count);
        _logitChunks = (_n + _logitChunk - 1) / _logitChunk;
        var perThread = (_c + Math.Max(threads, 1) - 1) / Math.Max(threads, 1);
        _gradientSegment = Math.Max(MinGradientSegment, (perThread + Vector512<float>.Count - 1) / Vector512<float>.Count * Vector512<float>.Count);
        _gradientSegments = (_c + _gradientSegment - 1) / _gradientSegment;
    }

    /// <summary>Whether this fit uses the axpy sweeps rather than the GEMM.</summary>
    internal bool UsesAxpy { get; }

    /// <summary>Computes <c>logits = Z·Wᵀ</c>: <c>logits[n, k] = Σ_p Z[n, p] · W[k, p]</c>.</summary>
    internal void Logits(FloatMatrix weights, FloatMatrix logits)
    {
        if (!UsesAxpy)
        {
            Kernels.MultiplyTransposed(_z, weights, logits, _threads);
            return;
        }
        if (_k == 0 || _n == 0)
        {
            return;
        }
        Parallel.For(0, _logitChunks, _parallel, chunk =>
        {
            var start = chunk * _logitChunk;
            var count = Math.Min(_logitChunk, _n - start);
            var sums = _logitsT ?? logits;
            for (var k = 0; k < _k; k++)
            {
                Accumulator(sums, k, _n, start, count).Clear();
            }
            for (var p0 = 0; p0 < _c; p0 += FmaChain.Rows)
            {
                var rows = Math.Min(FmaChain.Rows, _c - p0);
                for (var k = 0; k < _k; k++)
                {
                    FmaChain.Accumulate(Accumulator(sums, k, _n, start, count), weights.Row(k).Slice(p0, rows), _zt.AsSpan(), p0, _n, start);
                }
            }
            if (_logitsT is not null)
            {
                Transpose(_logitsT, logits, start, count);
            }
        });
    }

    /// <summary>Computes <c>sums = Zᵀ·Rᵀ</c> from the K × N residual: <c>sums[j, k] = Σ_n Z[n, j] · R[k, n]</c>.</summary>
    internal void GradientSums(FloatMatrix residualTransposed, FloatMatrix sums)
    {
        if (!UsesAxpy)
        {
            Kernels.MultiplyTransposed(_zt, residualTransposed, sums, _threads);
            return;
        }
        if (_k == 0 || _c == 0)
        {
            return;
        }
        Parallel.For(0, _gradientSegments, _parallel, segment =>
        {
            var start = segment * _gradientSegment;
            var count = Math.Min(_gradientSegment, _c - start);
            var target = _gradientSums ?? sums;
            for (var k = 0; k < _k; k++)
            {
                Accumulator(target, k, _c, start, count).Clear();
            }
            for (var n0 = 0; n0 < _n; n0 += FmaChain.Rows)
            {
                var rows = Math.Min(FmaChain.Rows, _n - n0);
                for (var k = 0; k < _k; k++)
                {
                    FmaChain.Accumulate(Accumulator(target, k, _c, start, count), residualTransposed.Row(k).Slice(n0, rows), _z.AsSpan(), n0, _c, start);
                }
            }
            if (_gradientSums is not null)
            {
                Transpose(_gradientSums, sums, start, count);
            }
        });
    }

    /// <summary>Class k's accumulators for elements [start, start + count) of a K × length row-major buffer.</summary>
    private static Span<float> Accumulator(FloatMatrix buffer, int k, int length, int start, int count) =>
        buffer.AsSpan().Slice(k * length + start, count);

    /// <summary>destination[i, k] = source[k, i] for i in [start, start + count).</summary>
    private void Transpose(FloatMatrix source, FloatMatrix destination, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            var row = destination.Row(i);
            for (var k = 0; k < _k; k++)
            {
                row[k] = source[k, i];
            }
        }
    }
}
