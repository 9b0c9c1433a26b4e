using InFiConD.Core;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet.Tests;

public sealed class ClassifierHeadTrainerTests
{
    /// <summary>Largest accepted difference between the head's probabilities and ML.NET's own.</summary>
    private const double Tolerance = 1e-4;

    private const int D = 8;

    private static readonly string[] Classes = ["boat", "car", "house", "tree"];

    /// <summary>ML.NET's input for the prediction engine: the features only.</summary>
    private sealed class FeatureRow
    {
        [VectorType(D)]
        public float[] Features { get; set; } = [];
    }

    /// <summary>ML.NET's output: the class probabilities and the predicted key.</summary>
    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];

        public uint PredictedLabel { get; set; }
    }

    /// <summary>
    /// Separable features: class k sits at its own centre, plus noise; features have scales from 0.1 to 100 and offsets, so
    /// standardisation matters. Labels cycle 2, 0, 3, 1, … so the first class seen is not class 0.
    /// </summary>
    private static (FloatMatrix Features, int[] Labels) Separable(int n, int seed = 3)
    {
        var random = new Random(seed);
        var centres = new double[Classes.Length, D];
        for (var k = 0; k < Classes.Length; k++)
        {
            for (var j = 0; j < D; j++)
            {
                centres[k, j] = 4 * (random.NextDouble() - 0.5);
            }
        }
        int[] cycle = [2, 0, 3, 1];
        var features = new FloatMatrix(n, D);
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = cycle[i % cycle.Length];
            for (var j = 0; j < D; j++)
            {
                var scale = Math.Pow(10, j % 4 - 1);
                features[i, j] = (float)(scale * (centres[labels[i], j] + 0.2 * (random.NextDouble() - 0.5)) + 5 * j);
            }
        }
        return (features, labels);
    }

    private static int ArgMax(ReadOnlySpan<float> row) => System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row);

    /// <summary>ML.NET's prediction engine on every row against the head computed in C#: probabilities and predicted class.</summary>
    private static void AssertReproducesMlNet(ClassifierHeadFit fit, FloatMatrix features)
    {
        var ml = new MLContext(1);
        using var engine = ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(fit.Model);
        var probabilities = fit.Head.Probabilities(features);
        var worst = 0.0;
        for (var n = 0; n < features.Rows; n++)
        {
            var prediction = engine.Predict(new FeatureRow { Features = features.Row(n).ToArray() });
            Assert.Equal(fit.Head.ClassCount, prediction.Score.Length);
            for (var k = 0; k < prediction.Score.Length; k++)
            {
                worst = Math.Max(worst, Math.Abs(prediction.Score[k] - probabilities[n, k]));
            }
            // Key value k + 1 is class k: ML.NET's predicted key and the head's argmax name the same class.
            Assert.Equal((int)prediction.PredictedLabel - 1, ArgMax(probabilities.Row(n)));
        }
        Assert.True(worst <= Tolerance, $"max |Δp| = {worst}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Separable_features_are_learned_and_the_head_reproduces_mlnet(bool standardize)
    {
        var (features, labels) = Separable(240);
        var fit = ClassifierHeadTrainer.Train(features, labels, Classes, new ClassifierHeadTrainerOptions { Standardize = standardize });
        Assert.True(fit.TrainingAccuracy == 1.0, $"accuracy {fit.TrainingAccuracy}");
        Assert.Equal(Classes, fit.Head.ClassNames);
        Assert.Equal((4, D), (fit.Head.ClassCount, fit.Head.FeatureDimension));
        Assert.Equal(HeadActivation.Softmax, fit.Head.Activation);
        AssertReproducesMlNet(fit, features);

        // Class order: the head's top class for every row is the row's own label.
        var logits = fit.Head.Logits(features);
        Assert.All(Enumerable.Range(0, features.Rows), n => Assert.Equal(labels[n], ArgMax(logits.Row(n))));

        // Held-out rows from the same classes are classified as well.
        var (test, testLabels) = Separable(40, seed: 3);
        var testLogits = fit.Head.Logits(test);
        Assert.All(Enumerable.Range(0, test.Rows), n => Assert.Equal(testLabels[n], ArgMax(testLogits.Row(n))));
    }

    [Fact]
    public void A_data_view_with_mapped_text_labels_keeps_the_key_order()
    {
        var (features, labels) = Separable(120);
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, features.Rows).Select(n => new TextRow { Features = features.Row(n).ToArray(), Class = Classes[labels[n]] }).ToList();
        // MapValueToKey numbers values by first appearance: house (label 2) first, then boat, tree, car.
        var data = ml.Transforms.Conversion.MapValueToKey(MlNetColumnNames.Label, nameof(TextRow.Class)).Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
        var fit = ClassifierHeadTrainer.Train(data);
        Assert.Equal(["house", "boat", "tree", "car"], fit.Head.ClassNames);
        Assert.Equal(1.0, fit.TrainingAccuracy);
        AssertReproducesMlNet(fit, features);
        var logits = fit.Head.Logits(features);
        Assert.All(Enumerable.Range(0, features.Rows), n => Assert.Equal(Classes[labels[n]], fit.Head.ClassNames[ArgMax(logits.Row(n))]));
    }

    [Fact]
    public void Training_is_deterministic_and_l1_zeroes_weights()
    {
        var (features, labels) = Separable(160);
        var a = ClassifierHeadTrainer.Train(features, labels, Classes);
        var b = ClassifierHeadTrainer.Train(features, labels, Classes);
        Assert.Equal(a.Head.Weights.AsSpan().ToArray(), b.Head.Weights.AsSpan().ToArray());
        Assert.Equal(a.Head.Bias, b.Head.Bias);

        var sparse = ClassifierHeadTrainer.Train(features, labels, Classes, new ClassifierHeadTrainerOptions { L1 = 20f, L2 = 0f });
        Assert.Equal(0, a.Head.Weights.AsSpan().ToArray().Count(w => w == 0f));
        Assert.True(sparse.Head.Weights.AsSpan().ToArray().Count(w => w == 0f) > 0);
        AssertReproducesMlNet(sparse, features);
    }

    [Fact]
    public void Bad_inputs_are_refused_with_the_row_named()
    {
        var (features, labels) = Separable(8);
        var wrong = (int[])labels.Clone();
        wrong[5] = 4;
        Assert.Contains("row 5", Assert.Throws<ArgumentOutOfRangeException>(() => ClassifierHeadTrainer.Train(features, wrong, Classes)).Message);
        Assert.Throws<ShapeMismatchException>(() => ClassifierHeadTrainer.Train(features, labels[..7], Classes));
        Assert.Throws<ShapeMismatchException>(() => ClassifierHeadTrainer.Train(new FloatMatrix(0, D), [], Classes));
        Assert.Throws<ArgumentException>(() => ClassifierHeadTrainer.Train(features, new int[8], ["only"]));
        Assert.Throws<ArgumentException>(() => ClassifierHeadTrainer.Train(features, labels, ["a", "b", "a", "c"]));
        var nan = features.Copy();
        nan[3, 2] = float.NaN;
        var ex = Assert.Throws<NonFiniteValueException>(() => ClassifierHeadTrainer.Train(nan, labels, Classes));
        Assert.Equal((3L, 2L), (ex.Row, ex.Column));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassifierHeadTrainer.Train(features, labels, Classes, new ClassifierHeadTrainerOptions { L2 = -1f }));

        var ml = new MLContext(1);
        var plain = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 8).Select(n => new TextRow { Features = features.Row(n).ToArray(), Class = "x" }));
        var noLabel = Assert.Throws<ArgumentException>(() => ClassifierHeadTrainer.Train(plain));
        Assert.Contains("'Label'", noLabel.Message);
    }

    /// <summary>A row with a text class, for MapValueToKey.</summary>
    private sealed class TextRow
    {
        [VectorType(D)]
        public float[] Features { get; set; } = [];

        public string Class { get; set; } = "";
    }
}
