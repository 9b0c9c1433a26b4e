using System.Collections.Immutable;
using InFiConD.Core;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace InFiConD.MLNet;

/// <summary>
/// Trains a linear <see cref="ClassifierHead"/> on image features with ML.NET's multinomial logistic regression
/// (<c>LbfgsMaximumEntropy</c>), optionally after ML.NET's mean–variance standardisation, and reads the weights and
/// biases out of the fitted model (<c>MaximumEntropyModelParameters.GetWeights</c>/<c>GetBiases</c>), folding the
/// standardisation in: with <c>z = (x − o) ⊙ s</c>, <c>W z + b = (W ⊙ s) x + (b − (W ⊙ s) o)</c>. The head then gives the
/// probabilities the ML.NET model gives, and composes with a backbone into one ONNX teacher
/// (<see cref="TeacherModelComposer"/>). Deterministic for the same data, seed and thread count.
/// </summary>
public static class ClassifierHeadTrainer
{
    /// <summary>Trains a head on N × D features and their labels.</summary>
    /// <param name="features">N × D features (N ≥ 1), finite.</param>
    /// <param name="labels">N class indices in [0, K).</param>
    /// <param name="classNames">K ≥ 2 distinct class names; label k is <c>classNames[k]</c>, and row k of the head.</param>
    /// <param name="options">Regularisation, stopping, standardisation, seed, threads; <see langword="null"/> for <see cref="ClassifierHeadTrainerOptions.Default"/>.</param>
    /// <returns>The head, the ML.NET model and the training accuracy.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ShapeMismatchException">There are no rows or no features, or the label count is not N.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, K) (its row named), or an option is out of range.</exception>
    /// <exception cref="ArgumentException">There are fewer than two classes or a class name repeats.</exception>
    /// <exception cref="NonFiniteValueException">A feature is NaN or ±∞ (row and column named).</exception>
    public static ClassifierHeadFit Train(FloatMatrix features, IReadOnlyList<int> labels, IReadOnlyList<string> classNames, ClassifierHeadTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        options = (options ?? ClassifierHeadTrainerOptions.Default).Validate();
        if (features.Rows == 0 || features.Columns == 0)
        {
            throw new ShapeMismatchException(nameof(features), "N × D with N ≥ 1 rows and D ≥ 1 features", $"{features.Rows} × {features.Columns}");
        }
        if (labels.Count != features.Rows)
        {
            throw new ShapeMismatchException(nameof(labels), $"{features.Rows} labels (one per feature row)", $"{labels.Count} labels");
        }
        if (classNames.Count < 2 || classNames.Distinct(StringComparer.Ordinal).Count() != classNames.Count)
        {
            throw new ArgumentException($"A head needs at least two distinct class names; got {classNames.Count} names, {classNames.Distinct(StringComparer.Ordinal).Count()} distinct.", nameof(classNames));
        }
        for (var n = 0; n < labels.Count; n++)
        {
            if ((uint)labels[n] >= (uint)classNames.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[n], $"Label of row {n} is {labels[n]}; expected a class index in [0, {classNames.Count}).");
            }
        }
        features.EnsureFinite(nameof(features));
        var ml = new MLContext(options.Seed);
        var data = HeadTrainingData.ToDataView(ml, features, labels, classNames);
        return Fit(ml, data, features, labels, classNames, options with { FeatureColumn = MlNetColumnNames.Features, LabelColumn = MlNetColumnNames.Label });
    }

    /// <summary>
    /// Trains a head on a data view with a feature vector column and a key label column (names in
    /// <see cref="ClassifierHeadTrainerOptions.FeatureColumn"/> and <see cref="ClassifierHeadTrainerOptions.LabelColumn"/>).
    /// The classes are the label's key values in key order: key value k + 1 is class k. Note that ML.NET's
    /// <c>MapValueToKey</c> numbers values by first appearance unless told to sort them.
    /// </summary>
    /// <param name="data">The training rows.</param>
    /// <param name="options">Columns, regularisation, stopping, standardisation, seed, threads; <see langword="null"/> for the defaults.</param>
    /// <returns>The head, the ML.NET model and the training accuracy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type, the label has no text key values or fewer than two, a class name repeats, or a row has no label.</exception>
    /// <exception cref="ShapeMismatchException">The view has no rows.</exception>
    /// <exception cref="NonFiniteValueException">A feature is NaN or ±∞ (row and slot named).</exception>
    public static ClassifierHeadFit Train(IDataView data, ClassifierHeadTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options = (options ?? ClassifierHeadTrainerOptions.Default).Validate();
        var (features, labels, classNames) = HeadTrainingData.Read(data, options.FeatureColumn, options.LabelColumn);
        if (features.Rows == 0)
        {
            throw new ShapeMismatchException(nameof(data), "at least one row", "no rows");
        }
        if (classNames.Length < 2 || classNames.Distinct(StringComparer.Ordinal).Count() != classNames.Length)
        {
            throw new ArgumentException($"The label's key values must name at least two distinct classes; they are [{string.Join(", ", classNames)}].", nameof(data));
        }
        return Fit(new MLContext(options.Seed), data, features, labels, classNames, options);
    }

    private static ClassifierHeadFit Fit(MLContext ml, IDataView data, FloatMatrix features, IReadOnlyList<int> labels, IReadOnlyList<string> classNames, ClassifierHeadTrainerOptions options)
    {
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            FeatureColumnName = options.FeatureColumn,
            LabelColumnName = options.LabelColumn,
            L1Regularization = options.L1,
            L2Regularization = options.L2,
            OptimizationTolerance = options.OptimizationTolerance,
            MaximumNumberOfIterations = options.MaximumIterations,
            HistorySize = options.HistorySize,
            NumberOfThreads = options.Threads,
        });
        ITransformer model;
        MaximumEntropyModelParameters parameters;
        (float[] Offset, float[] Scale)? standardization = null;
        if (options.Standardize)
        {
            var chain = ml.Transforms.NormalizeMeanVariance(options.FeatureColumn, fixZero: false).Append(trainer).Fit(data);
            parameters = chain.LastTransformer.Model;
            standardization = Affine(chain.First(), features.Columns);
            model = chain;
        }
        else
        {
            var predictor = trainer.Fit(data);
            parameters = predictor.Model;
            model = predictor;
        }
        var head = ReadHead(parameters, standardization, features.Columns, classNames);
        var predicted = head.Logits(features);
        var correct = 0;
        for (var n = 0; n < predicted.Rows; n++)
        {
            var row = predicted.Row(n);
            correct += System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row) == labels[n] ? 1 : 0;
        }
        return new ClassifierHeadFit(head, model, (double)correct / predicted.Rows);
    }

    /// <summary>The head of a fitted maximum-entropy model, with the standardisation <c>z = (x − o) ⊙ s</c> folded in (in double).</summary>
    private static ClassifierHead ReadHead(MaximumEntropyModelParameters parameters, (float[] Offset, float[] Scale)? standardization, int d, IReadOnlyList<string> classNames)
    {
        VBuffer<float>[] rows = [];
        parameters.GetWeights(ref rows, out var classes);
        var biases = parameters.GetBiases().ToArray();
        if (classes != classNames.Count || biases.Length != classNames.Count)
        {
            throw new InFiConDException($"ML.NET's model has {classes} weight rows and {biases.Length} biases for {classNames.Count} classes; expected one of each per class.");
        }
        var weights = new FloatMatrix(classes, d);
        var bias = new float[classes];
        var dense = new float[d];
        for (var k = 0; k < classes; k++)
        {
            rows[k].CopyTo(dense);
            double folded = biases[k];
            for (var j = 0; j < d; j++)
            {
                var (offset, scale) = standardization is { } s ? (s.Offset[j], s.Scale[j]) : (0f, 1f);
                var w = (double)dense[j] * scale;
                weights[k, j] = (float)w;
                folded -= w * offset;
            }
            bias[k] = (float)folded;
        }
        return new ClassifierHead(weights, bias, classNames);
    }

    /// <summary>Offset and scale of ML.NET's affine normaliser (<c>(x − offset) · scale</c>; an empty offset means zeros).</summary>
    private static (float[] Offset, float[] Scale) Affine(ITransformer normalizer, int d)
    {
        var parameters = ((NormalizingTransformer)normalizer).GetNormalizerModelParameters(0) as NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>>
            ?? throw new InFiConDException("ML.NET's mean–variance normaliser did not give affine parameters.");
        var offset = parameters.Offset.IsDefaultOrEmpty ? new float[d] : parameters.Offset.ToArray();
        var scale = parameters.Scale.ToArray();
        if (offset.Length != d || scale.Length != d)
        {
            throw new InFiConDException($"ML.NET's normaliser has {offset.Length} offsets and {scale.Length} scales for {d} features.");
        }
        return (offset, scale);
    }
}
