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
    private readonly float[] _scratch;

    internal LogisticLoss(FloatMatrix targets, int threads)
    {
        _targets = targets;
        _threads = threads;
        _blocks = (targets.Rows + RowBlock - 1) / RowBlock;
        _lossPartials = new double[_blocks * targets.Columns];
        _residualPartials = new double[_blocks * targets.Columns];
        _scratch = new float[targets.Rows * targets.Columns];
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

    private void Run(FloatMatrix logits, float[]? bias, FloatMatrix? residualTransposed, Span<double> loss, Span<double> residualSums)
    {
        var (rows, classes) = (logits.Rows, logits.Columns);
        var targets = _targets;
        var scratch = _scratch;
        var lossPartials = _lossPartials;
        var residualPartials = _residualPartials;
        Parallel.For(0, _blocks, new ParallelOptions { MaxDegreeOfParallelism = _threads }, block =>
        {
            var start = block * RowBlock;
            var end = Math.Min(rows, start + RowBlock);
            var l = logits.RowBlock(start, end - start);
            if (bias is not null)
            {
                for (var n = 0; n < end - start; n++)
                {
                    var row = l.Slice(n * classes, classes);
                    TensorPrimitives.Add(row, bias, row);
                }
            }
            var y = targets.RowBlock(start, end - start);
            var e = scratch.AsSpan(start * classes, l.Length);
            // softplus(l) = max(l, 0) + log(1 + exp(−|l|)), stable for any l.
            TensorPrimitives.Abs(l, e);
            TensorPrimitives.Negate(e, e);
            TensorPrimitives.Exp(e, e);
            var lossSums = lossPartials.AsSpan(block * classes, classes);
            var residual = residualPartials.AsSpan(block * classes, classes);
            lossSums.Clear();
            residual.Clear();
            for (var n = 0; n < end - start; n++)
            {
                for (var k = 0; k < classes; k++)
                {
                    var i = n * classes + k;
                    var (li, ei, yi) = (l[i], e[i], y[i]);
                    lossSums[k] += MathF.Max(li, 0f) + MathF.Log(1f + ei) - yi * li;
                    if (residualTransposed is not null)
                    {
                        var p = li >= 0f ? 1f / (1f + ei) : ei / (1f + ei);
                        var r = p - yi;
                        residualTransposed[k, start + n] = r;
                        residual[k] += r;
                    }
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
}
