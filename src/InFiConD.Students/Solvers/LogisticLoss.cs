using System.Runtime.CompilerServices;
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
    /// <paramref name="t"/>, and the return is Σ (softplus(t) − y·t) in float64 (Core's <see cref="Kernels.LogisticLossSum"/>).
    /// </summary>
    internal static double LossSum(ReadOnlySpan<float> logits, float bias, ReadOnlySpan<float> y, Span<float> t) =>
        Kernels.LogisticLossSum(logits, bias, y, t);

    /// <summary>The residual σ(t) − y written to <paramref name="residual"/>, and its sum in float64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double ResidualSum(ReadOnlySpan<float> t, ReadOnlySpan<float> y, Span<float> residual)
    {
        TensorPrimitives.Sigmoid(t, residual);
        TensorPrimitives.Subtract(residual, y, residual);
        return Sum(residual);
    }

    /// <summary>Σ values in float64, in the fixed lane order of Core's <see cref="Kernels.SumAsDouble"/>.</summary>
    internal static double Sum(ReadOnlySpan<float> values) => Kernels.SumAsDouble(values);

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
}
