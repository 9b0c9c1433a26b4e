using InFiConD.Core;

namespace InFiConD.Students.Tests;

public sealed class StudentEnsembleTests
{
    private static readonly string[] Classes = ["cat", "dog"];
    private static readonly string[] Concepts = ["water", "sail", "wheel"];

    [Fact]
    public void Fit_SparseLinearSoftmaxTeacher_ReachesHighFidelity()
    {
        var (scores, teacher) = SyntheticDistillation.Create();

        var (students, fit) = StudentEnsemble.Fit(scores, teacher);
        var fidelity = Fidelity.Measure(students, scores, teacher);

        Assert.True(fidelity.Top1Agreement > 0.9, $"Top-1 agreement {fidelity.Top1Agreement}");
        Assert.Equal(SyntheticDistillation.Classes, students.ClassNames);
        Assert.Equal(scores.ConceptNames, students.ConceptNames);
        Assert.True(fit.Iterations > 0);
        for (var k = 0; k < 3; k++)
        {
            // The class's own concepts carry the largest weights: k up, k + 3 down.
            var w = students.StandardizedWeights(k);
            Assert.True(w[k] > 0 && w[k + 3] < 0, $"class {k}: {string.Join(", ", w.ToArray())}");
        }
    }

    [Fact]
    public void RawWeights_ReproduceLogitsOnRawScores()
    {
        var (scores, teacher) = SyntheticDistillation.Create(n: 200);
        var (students, _) = StudentEnsemble.Fit(scores, teacher);

        var logits = students.Logits(scores.Values);

        for (var k = 0; k < students.ClassCount; k++)
        {
            var raw = students.RawWeights(k);
            var rawBias = students.RawBias(k);
            for (var i = 0; i < scores.ImageCount; i++)
            {
                double byHand = rawBias;
                for (var j = 0; j < raw.Length; j++)
                {
                    byHand += (double)raw[j] * scores[i, j];
                }
                Assert.Equal(byHand, logits[i, k], 1e-4);
            }
        }
        Assert.Equal(students.PredictLabels(scores), Enumerable.Range(0, scores.ImageCount).Select(i => ArgMax(logits.Row(i))).ToArray());
    }

    [Fact]
    public void Fit_Bootstrap_GivesValidDeterministicSpread()
    {
        var (scores, teacher) = SyntheticDistillation.Create(n: 200);
        var options = new StudentOptions { BootstrapMembers = 5, Seed = 42 };

        var spread = StudentEnsemble.Fit(scores, teacher, options).Ensemble.Spread;
        var again = StudentEnsemble.Fit(scores, teacher, options).Ensemble.Spread;
        var otherSeed = StudentEnsemble.Fit(scores, teacher, options with { Seed = 43 }).Ensemble.Spread;

        Assert.NotNull(spread);
        Assert.Equal(5, spread.Members);
        Assert.Equal((3, 12), (spread.Mean.Rows, spread.Mean.Columns));
        Assert.All(spread.Deviation.AsSpan().ToArray(), d => Assert.True(d >= 0));
        Assert.All(spread.NonZeroFraction.AsSpan().ToArray(), f => Assert.InRange(f, 0f, 1f));
        Assert.Contains(spread.Deviation.AsSpan().ToArray(), d => d > 0);
        Assert.Equal(spread.Mean.AsSpan().ToArray(), again!.Mean.AsSpan().ToArray());
        Assert.Equal(spread.Deviation.AsSpan().ToArray(), again.Deviation.AsSpan().ToArray());
        Assert.Equal(spread.NonZeroFraction.AsSpan().ToArray(), again.NonZeroFraction.AsSpan().ToArray());
        Assert.NotEqual(spread.Mean.AsSpan().ToArray(), otherSeed!.Mean.AsSpan().ToArray());
    }

    [Fact]
    public void Fit_WithoutBootstrap_HasNoSpread()
    {
        var (scores, teacher) = SyntheticDistillation.Create(n: 50);

        Assert.Null(StudentEnsemble.Fit(scores, teacher).Ensemble.Spread);
    }

    [Fact]
    public void WithClasses_ReplacesOnlyTheGivenClasses()
    {
        var original = StudentEnsemble.Create(["a", "b", "c"], Concepts, [0.1f, 0.2f, 0.3f], [1f, 2f, 0f],
            FloatMatrix.FromValues([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f], 3, 3), [0.5f, 0.6f, 0.7f]);

        var edited = original.WithClasses([1], FloatMatrix.FromValues([-1f, 0f, 1f], 1, 3), [9f]);

        Assert.Equal([1f, 2f, 3f], edited.StandardizedWeights(0).ToArray());
        Assert.Equal([-1f, 0f, 1f], edited.StandardizedWeights(1).ToArray());
        Assert.Equal([7f, 8f, 9f], edited.StandardizedWeights(2).ToArray());
        Assert.Equal([0.5f, 9f, 0.7f], edited.Biases.ToArray());
        Assert.Equal([4f, 5f, 6f], original.StandardizedWeights(1).ToArray());
        Assert.Equal(original.ConceptMean.ToArray(), edited.ConceptMean.ToArray());
        Assert.Throws<ShapeMismatchException>(() => original.WithClasses([0, 1], FloatMatrix.FromValues([1f, 2f, 3f], 1, 3), [0f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => original.WithClasses([3], FloatMatrix.FromValues([1f, 2f, 3f], 1, 3), [0f]));
    }

    [Fact]
    public void RawWeights_ConstantConceptHasZeroRawWeight()
    {
        var students = StudentEnsemble.Create(Classes, Concepts, [1f, 2f, 3f], [2f, 0f, 4f], FloatMatrix.FromValues([2f, 5f, -4f, 0f, 0f, 0f], 2, 3), [1f, 0f]);

        Assert.Equal([1f, 0f, -1f], students.RawWeights(0));
        // b − Σ raw·μ = 1 − (1·1 + 0·2 + (−1)·3) = 3.
        Assert.Equal(3f, students.RawBias(0));
    }

    [Fact]
    public void Create_ValidatesEveryPart()
    {
        var w = new FloatMatrix(2, 3);
        float[] mean = [0f, 0f, 0f], deviation = [1f, 1f, 1f], bias = [0f, 0f];

        Assert.Equal("standardizedWeights", Assert.Throws<ShapeMismatchException>(() => StudentEnsemble.Create(Classes, Concepts, mean, deviation, new FloatMatrix(3, 3), bias)).Field);
        Assert.Equal("bias", Assert.Throws<ShapeMismatchException>(() => StudentEnsemble.Create(Classes, Concepts, mean, deviation, w, [0f])).Field);
        Assert.Equal("conceptMean", Assert.Throws<ShapeMismatchException>(() => StudentEnsemble.Create(Classes, Concepts, [0f], deviation, w, bias)).Field);
        Assert.Equal("conceptDeviation", Assert.Throws<ShapeMismatchException>(() => StudentEnsemble.Create(Classes, Concepts, mean, [1f], w, bias)).Field);
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentEnsemble.Create(Classes, Concepts, mean, [1f, -1f, 1f], w, bias));
        var nan = new FloatMatrix(2, 3);
        nan[1, 2] = float.NaN;
        var error = Assert.Throws<NonFiniteValueException>(() => StudentEnsemble.Create(Classes, Concepts, mean, deviation, nan, bias));
        Assert.Equal((1, 2), (error.Row, error.Column));
        Assert.Throws<NonFiniteValueException>(() => StudentEnsemble.Create(Classes, Concepts, mean, deviation, w, [0f, float.PositiveInfinity]));
        var spread = new WeightSpread(5, new FloatMatrix(3, 3), new FloatMatrix(3, 3), new FloatMatrix(3, 3));
        Assert.Equal("spread", Assert.Throws<ShapeMismatchException>(() => StudentEnsemble.Create(Classes, Concepts, mean, deviation, w, bias, spread)).Field);
    }

    [Fact]
    public void PredictProbabilities_OfHugeLogits_MatchAFloat64Sigmoid()
    {
        // Weights of 10³ on standardised scores of up to 10: logits of ±10⁴, and −95 where e^95 overflows float.
        var w = FloatMatrix.FromValues([1000f, 0f, 0f, 0f, -9.5f, 0f], 2, 3);
        var students = StudentEnsemble.Create(Classes, Concepts, [0f, 0f, 0f], [1f, 1f, 1f], w, [0f, 0f]);
        var values = FloatMatrix.FromValues([10f, 10f, 0f, -10f, -10f, 0f, 0f, 0f, 0f], 3, 3);

        var probabilities = students.PredictProbabilities(values);
        var logits = students.Logits(values);

        for (var i = 0; i < probabilities.Length; i++)
        {
            var l = (double)logits.AsSpan()[i];
            var expected = l >= 0 ? 1 / (1 + Math.Exp(-l)) : Math.Exp(l) / (1 + Math.Exp(l));
            Assert.Equal(expected, probabilities.AsSpan()[i], 1e-7 + 1e-5 * expected);
        }
        Assert.Equal([1f, 0f, 0f, 1f, 0.5f, 0.5f], probabilities.AsSpan().ToArray(), (a, b) => Math.Abs(a - b) < 1e-30);
    }

    [Fact]
    public void Create_CopiesItsInputs()
    {
        var w = FloatMatrix.FromValues([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        var students = StudentEnsemble.Create(Classes, Concepts, [0f, 0f, 0f], [1f, 1f, 1f], w, [0f, 0f]);

        w[0, 0] = 100f;

        Assert.Equal(1f, students.StandardizedWeights(0)[0]);
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var k = 1; k < row.Length; k++)
        {
            best = row[k] > row[best] ? k : best;
        }
        return best;
    }
}
