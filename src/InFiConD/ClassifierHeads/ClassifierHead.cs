using System.Numerics.Tensors;
using InFiConD.Core;

namespace InFiConD;

/// <summary>
/// A linear classification head over D features: <c>logits = x · Wᵀ + b</c> with W of K × D, then softmax or
/// sigmoid. It is what ML.NET's multiclass trainers learn on encoder features (see <c>ClassifierHeadTrainer</c> in
/// InFiConD.MLNet) and what <see cref="TeacherModelComposer"/> appends, as a Gemm node, to a backbone's ONNX graph.
/// </summary>
/// <remarks>The head keeps its own copies of the weights and biases; do not write into <see cref="Weights"/>.</remarks>
public sealed record ClassifierHead
{
    private readonly float[] _bias;

    /// <summary>Creates a head, copying the weights and biases.</summary>
    /// <param name="weights">K × D weights, one row per class (K ≥ 1, D ≥ 1), finite.</param>
    /// <param name="bias">K biases, finite.</param>
    /// <param name="classNames">K distinct class names, in row order.</param>
    /// <param name="activation">Softmax (single-label, the default) or sigmoid (multi-label).</param>
    /// <exception cref="ArgumentNullException">An argument or a class name is <see langword="null"/>.</exception>
    /// <exception cref="ShapeMismatchException">The weights have no row or no column, or the bias or class names do not have K entries.</exception>
    /// <exception cref="ArgumentException">A class name repeats, or the activation is undefined.</exception>
    /// <exception cref="NonFiniteValueException">A weight or bias is NaN or ±∞ (row and column named; the bias is row 0).</exception>
    public ClassifierHead(FloatMatrix weights, IReadOnlyList<float> bias, IReadOnlyList<string> classNames, HeadActivation activation = HeadActivation.Softmax)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(classNames);
        if (weights.Rows == 0 || weights.Columns == 0)
        {
            throw new ShapeMismatchException("ClassifierHead.Weights", "K × D with K ≥ 1 classes and D ≥ 1 features", $"{weights.Rows} × {weights.Columns}");
        }
        if (bias.Count != weights.Rows)
        {
            throw new ShapeMismatchException("ClassifierHead.Bias", $"{weights.Rows} values (one per row of the weights)", $"{bias.Count} values");
        }
        if (classNames.Count != weights.Rows)
        {
            throw new ShapeMismatchException("ClassifierHead.ClassNames", $"{weights.Rows} names (one per row of the weights)", $"{classNames.Count} names");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in classNames)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(classNames));
            if (!seen.Add(name))
            {
                throw new ArgumentException($"Class name '{name}' is given twice; a head's class names must be distinct.", nameof(classNames));
            }
        }
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentException($"Activation {activation} is not Softmax or Sigmoid.", nameof(activation));
        }
        weights.EnsureFinite("ClassifierHead.Weights");
        _bias = [.. bias];
        for (var k = 0; k < _bias.Length; k++)
        {
            if (!float.IsFinite(_bias[k]))
            {
                throw new NonFiniteValueException("ClassifierHead.Bias", 0, k, _bias[k]);
            }
        }
        Weights = weights.Copy();
        ClassNames = Array.AsReadOnly(classNames.ToArray());
        Activation = activation;
    }

    /// <summary>K × D weights, one row per class.</summary>
    public FloatMatrix Weights { get; }

    /// <summary>The K biases.</summary>
    public IReadOnlyList<float> Bias => _bias;

    /// <summary>The K class names, in row order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Softmax (single-label) or sigmoid (multi-label).</summary>
    public HeadActivation Activation { get; }

    /// <summary>K, the number of classes.</summary>
    public int ClassCount => Weights.Rows;

    /// <summary>D, the number of features each row of the input must have.</summary>
    public int FeatureDimension => Weights.Columns;

    /// <summary>Computes <c>logits = features · Wᵀ + b</c>, N × K. NaN in the features gives NaN in that row.</summary>
    /// <param name="features">N × D features.</param>
    /// <returns>N × K logits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is <see langword="null"/>.</exception>
    /// <exception cref="ShapeMismatchException">The features do not have D columns.</exception>
    public FloatMatrix Logits(FloatMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Columns != FeatureDimension)
        {
            throw new ShapeMismatchException("features", $"N × {FeatureDimension} (the head's feature dimension)", $"{features.Rows} × {features.Columns}");
        }
        var logits = Kernels.MultiplyTransposed(features, Weights);
        for (var n = 0; n < logits.Rows; n++)
        {
            TensorPrimitives.Add(logits.Row(n), _bias, logits.Row(n));
        }
        return logits;
    }

    /// <summary>
    /// Computes the probabilities: softmax or sigmoid of <see cref="Logits"/>, row by row, N × K, in the stable forms of
    /// <see cref="Kernels.SoftMax"/> (shifted by the row's maximum) and <see cref="Kernels.Sigmoid(ReadOnlySpan{float}, Span{float})"/>,
    /// so logits of any finite size give probabilities. NaN features give NaN in their row; so, for the softmax, do features
    /// so large that a logit overflows to +∞.
    /// </summary>
    /// <param name="features">N × D features.</param>
    /// <returns>N × K probabilities.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is <see langword="null"/>.</exception>
    /// <exception cref="ShapeMismatchException">The features do not have D columns.</exception>
    public FloatMatrix Probabilities(FloatMatrix features)
    {
        var scores = Logits(features);
        for (var n = 0; n < scores.Rows; n++)
        {
            var row = scores.Row(n);
            if (Activation == HeadActivation.Softmax)
            {
                Kernels.SoftMax(row, row); // shifted by the row's maximum: large logits do not overflow exp
            }
            else
            {
                Kernels.Sigmoid(row, row);
            }
        }
        return scores;
    }

    /// <inheritdoc />
    public override string ToString() => $"ClassifierHead ({ClassCount} classes × {FeatureDimension} features, {Activation})";
}
