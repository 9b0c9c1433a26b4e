using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Numerics.Tensors;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// Element-wise passes over the N × K logits of a fit, in fixed row blocks whose per-class partial sums
/// are combined in block order, so sums never depend on the thread count.
/// </summary>
internal sealed class LogisticLoss
{
    internal const int RowBlock = 1024;

    private readonly FloatMatrix _targets;
    private readonly int _threads;
    private readonly int _blocks;
    private readonly double[] _lossPartials;
    private readonly double[] _residualPartials;
    private readonly float[] _exp, _terms;

    internal LogisticLoss(FloatMatrix targets, int threads)
    {
        _targets = targets;
        _threads = threads;
        _blocks = (targets.Rows + RowBlock - 1) / RowBlock;
        _lossPartials = new double[_blocks * targets.Columns];
        _residualPartials = new double[_blocks * targets.Columns];
        _exp = new float[targets.Rows * targets.Columns];
        _terms = new float[targets.Rows * targets.Columns];
    }

    /// <summary>
    /// Adds the bias to every row of <paramref name="logits"/> (in place) when given, then sums the BCE
    /// <c>softplus(l) − y·l</c> per class into <paramref name="loss"/>.
    /// </summary>
    internal void Evaluate(FloatMatrix logits, ReadOnlySpan<float> bias, Span<double> loss)
    {
        var biasCopy = bias.IsEmpty ? null : bias.ToArray();
        Run(logits, biasCopy, residualTransposed: null, loss, residualSums: default);
    }

    /// <summary>
    /// Sums the BCE per class and writes the residual <c>σ(l) − y</c> transposed (K × N) with its per-class sums,
    /// the two inputs of the gradient.
    /// </summary>
    internal void EvaluateWithResidual(FloatMatrix logits, FloatMatrix residualTransposed, Span<double> loss, Span<double> residualSums) =>
        Run(logits, bias: null, residualTransposed, loss, residualSums);

    /// <summary>As <see cref="EvaluateWithResidual(FloatMatrix, FloatMatrix, Span{double}, Span{double})"/>, adding the bias to every row first (in place).</summary>
    internal void EvaluateWithResidual(FloatMatrix logits, float[] bias, FloatMatrix residualTransposed, Span<double> loss, Span<double> residualSums) =>
        Run(logits, bias, residualTransposed, loss, residualSums);

    private void Run(FloatMatrix logits, float[]? bias, FloatMatrix? residualTransposed, Span<double> loss, Span<double> residualSums)
    {
        var (rows, classes) = (logits.Rows, logits.Columns);
        var targets = _targets;
        var (expBuffer, termBuffer) = (_exp, _terms);
        var lossPartials = _lossPartials;
        var residualPartials = _residualPartials;
        Parallel.For(0, _blocks, new ParallelOptions { MaxDegreeOfParallelism = _threads }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (block) =>
        {
            var start = block * RowBlock;
            var count = Math.Min(rows, start + RowBlock) - start;
            var l = logits.RowBlock(start, count);
            if (bias is not null)
            {
                for (var n = 0; n < count; n++)
                {
                    var row = l.Slice(n * classes, classes);
                    TensorPrimitives.Add(row, bias, row);
                }
            }
            var y = targets.RowBlock(start, count);
            var scratch = expBuffer.AsSpan(start * classes, l.Length);
            var terms = termBuffer.AsSpan(start * classes, l.Length);
            Terms(l, y, terms, scratch);
            var lossSums = lossPartials.AsSpan(block * classes, classes);
            SumColumns(terms, classes, lossSums);
            if (residualTransposed is null)
            {
                return;
            }
            // Residual σ(l) − y, written transposed (K × N) for the gradient GEMM.
            // TensorPrimitives' 1 / (1 + e^−l) saturates to 0 or 1 without NaN; kept so fits and log replays keep their bits.
            TensorPrimitives.Sigmoid(l, terms);
            TensorPrimitives.Subtract(terms, y, terms);
            SumColumns(terms, classes, residualPartials.AsSpan(block * classes, classes));
            var rt = residualTransposed.AsSpan();
            for (var n = 0; n < count; n++)
            {
                for (var k = 0; k < classes; k++)
                {
                    rt[k * rows + start + n] = terms[n * classes + k];
                }
            }
        });
        loss.Clear();
        residualSums.Clear();
        for (var block = 0; block < _blocks; block++)
        {
            for (var k = 0; k < classes; k++)
            {
                loss[k] += lossPartials[block * classes + k];
                if (!residualSums.IsEmpty)
                {
                    residualSums[k] += residualPartials[block * classes + k];
                }
            }
        }
    }

    /// <summary>
    /// terms = BCE(t, y) = softplus(t) − y·t element-wise, with softplus(t) = max(t, 0) + log(1 + exp(−|t|)), stable for
    /// any t; <paramref name="scratch"/> is one buffer of the same length.
    /// </summary>
    internal static void Terms(ReadOnlySpan<float> t, ReadOnlySpan<float> y, Span<float> terms, Span<float> scratch)
    {
        TensorPrimitives.Abs(t, scratch);
        TensorPrimitives.Negate(scratch, scratch);
        TensorPrimitives.Exp(scratch, scratch);
        TensorPrimitives.Add(scratch, 1f, scratch);
        TensorPrimitives.Log(scratch, scratch);
        TensorPrimitives.Max(t, 0f, terms);
        TensorPrimitives.Add(terms, scratch, terms);
        TensorPrimitives.Multiply(y, t, scratch);
        TensorPrimitives.Subtract(terms, scratch, terms);
    }

    /// <summary>
    /// The BCE of <see cref="Terms"/> summed in one pass (OWL-QN's line search): t = logits + bias is written to
    /// <paramref name="t"/>, and the return is Σ (softplus(t) − y·t) in float64, softplus as in
    /// <see cref="Softplus(Vector512{float})"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double LossSum(ReadOnlySpan<float> logits, float bias, ReadOnlySpan<float> y, Span<float> t)
    {
        var sum = new LaneSum();
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var b = Vector512.Create(bias);
            for (; i <= logits.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var ti = Vector512.Create(logits.Slice(i, Vector512<float>.Count)) + b;
                ti.CopyTo(t.Slice(i, Vector512<float>.Count));
                var term = Softplus(ti) - Vector512.Create(y.Slice(i, Vector512<float>.Count)) * ti;
                sum.Add(term.GetLower());
                sum.Add(term.GetUpper());
            }
        }
        else
        {
            var b = Vector256.Create(bias);
            for (; i <= logits.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var ti = Vector256.Create(logits.Slice(i, Vector256<float>.Count)) + b;
                ti.CopyTo(t.Slice(i, Vector256<float>.Count));
                sum.Add(Softplus(ti) - Vector256.Create(y.Slice(i, Vector256<float>.Count)) * ti);
            }
        }
        if (i < logits.Length)
        {
            // The tail through the same vector code, so every element is computed alike.
            Span<float> tail = stackalloc float[3 * Vector256<float>.Count];
            var tt = tail[..8];
            var yt = tail.Slice(8, 8);
            var terms = tail.Slice(16, 8);
            for (var at = i; at < logits.Length; at += Vector256<float>.Count)
            {
                var count = Math.Min(Vector256<float>.Count, logits.Length - at);
                tail.Clear();
                logits.Slice(at, count).CopyTo(tt);
                y.Slice(at, count).CopyTo(yt);
                var ti = Vector256.Create(tt) + Vector256.Create(bias);
                var term = Softplus(ti) - Vector256.Create(yt) * ti;
                ti.CopyTo(tt);
                term.CopyTo(terms);
                tt[..count].CopyTo(t.Slice(at, count));
                sum.Add(terms[..count]);
            }
        }
        return sum.Total;
    }

    /// <summary>Below this, log(1 + e) is its series e − e²/2 + e³/3 (error under e⁴/4): the vector Log is several times
    /// slower on arguments within about 10⁻³ of 1, which is where most confident logits put it.</summary>
    private const float SeriesBelow = 1f / 1024;

    /// <summary>softplus(t) = max(t, 0) + log(1 + e^−|t|), stable for any t, per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Softplus(Vector512<float> t)
    {
        var e = Vector512.Exp(-Vector512.Abs(t));
        var small = Vector512.LessThan(e, Vector512.Create(SeriesBelow));
        var series = e * (Vector512<float>.One - e * (Vector512.Create(0.5f) - e * Vector512.Create(1f / 3)));
        var logarithm = Vector512.Log(Vector512.ConditionalSelect(small, Vector512.Create(2f), e + Vector512<float>.One));
        return Vector512.Max(t, Vector512<float>.Zero) + Vector512.ConditionalSelect(small, series, logarithm);
    }

    /// <summary><see cref="Softplus(Vector512{float})"/> on 256-bit vectors (the same operations per lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Softplus(Vector256<float> t)
    {
        var e = Vector256.Exp(-Vector256.Abs(t));
        var small = Vector256.LessThan(e, Vector256.Create(SeriesBelow));
        var series = e * (Vector256<float>.One - e * (Vector256.Create(0.5f) - e * Vector256.Create(1f / 3)));
        var logarithm = Vector256.Log(Vector256.ConditionalSelect(small, Vector256.Create(2f), e + Vector256<float>.One));
        return Vector256.Max(t, Vector256<float>.Zero) + Vector256.ConditionalSelect(small, series, logarithm);
    }

    /// <summary>The residual σ(t) − y written to <paramref name="residual"/>, and its sum in float64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double ResidualSum(ReadOnlySpan<float> t, ReadOnlySpan<float> y, Span<float> residual)
    {
        TensorPrimitives.Sigmoid(t, residual);
        TensorPrimitives.Subtract(residual, y, residual);
        return Sum(residual);
    }

    /// <summary>Σ values in float64, in the lane order of <see cref="LaneSum"/>.</summary>
    internal static double Sum(ReadOnlySpan<float> values)
    {
        var sum = new LaneSum();
        sum.Add(values);
        return sum.Total;
    }

    /// <summary>sums[k] = Σ_n values[n·K + k] in float64, rows in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumColumns(ReadOnlySpan<float> values, int classes, Span<double> sums)
    {
        sums.Clear();
        for (var i = 0; i < values.Length; i += classes)
        {
            for (var k = 0; k < classes; k++)
            {
                sums[k] += values[i + k];
            }
        }
    }

    /// <summary>
    /// A float64 sum with element i in lane i mod 8 of two 4-lane accumulators, lanes combined in a fixed order: the same
    /// bits on every machine (vector arithmetic is IEEE per lane) without the latency of one long chain.
    /// </summary>
    private struct LaneSum
    {
        private Vector256<double> _low, _high;
        private double _rest;

        public void Add(Vector256<float> values)
        {
            _low += Vector256.WidenLower(values);
            _high += Vector256.WidenUpper(values);
        }

        /// <summary>Adds values one vector of 8 at a time while whole vectors remain, the rest into lane order.</summary>
        public void Add(ReadOnlySpan<float> values)
        {
            var i = 0;
            for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Add(Vector256.Create(values.Slice(i, Vector256<float>.Count)));
            }
            for (; i < values.Length; i++)
            {
                _rest += values[i];
            }
        }

        public readonly double Total
        {
            get
            {
                var total = 0.0;
                for (var lane = 0; lane < Vector256<double>.Count; lane++)
                {
                    total += _low[lane] + _high[lane];
                }
                return total + _rest;
            }
        }
    }
}
