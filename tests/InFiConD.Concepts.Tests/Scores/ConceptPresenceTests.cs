using InFiConD.Core;

namespace InFiConD.Concepts.Tests;

public sealed class ConceptPresenceTests
{
    [Fact]
    public void Threshold_HandExample_SplitsAtTheGap()
    {
        // Splits: {0,0,0 | 0.1,0.9,1} 0.111, {0,0,0,0.1 | 0.9,1} 0.190 (best), {… 0.9 | 1} 0.089: midpoint of 0.1 and 0.9.
        Assert.Equal(0.5f, ConceptPresence.Threshold([0f, 1f, 0f, 0.9f, 0.1f, 0f]));
    }

    [Theory]
    [InlineData(1, 50)]
    [InlineData(2, 200)]
    [InlineData(3, 997)]
    public void Threshold_MatchesBruteForceOtsu(int seed, int n)
    {
        var random = new Random(seed);
        // Two groups of different sizes and spreads, rounded so that scores tie.
        var values = Enumerable.Range(0, n).Select(i => MathF.Round((float)(i % 7 == 0 ? 0.6 + 0.1 * random.NextDouble() : 0.1 + 0.2 * random.NextDouble()) * 100) / 100).ToArray();
        var sorted = values.Order().ToArray();
        var minimumSide = Math.Max(1, (int)Math.Ceiling(0.01 * n));
        var (best, expected) = (-1.0, MathF.BitIncrement(sorted[^1]));
        for (var s = minimumSide; s <= n - minimumSide; s++)
        {
            if (sorted[s - 1] == sorted[s])
            {
                continue;
            }
            var (low, high) = (sorted[..s].Select(v => (double)v).Average(), sorted[s..].Select(v => (double)v).Average());
            var between = (double)s / n * (n - s) / n * (low - high) * (low - high);
            if (between > best + 1e-12)
            {
                (best, expected) = (between, (float)((sorted[s - 1] + (double)sorted[s]) / 2));
            }
        }
        Assert.Equal(expected, ConceptPresence.Threshold(values));
        Assert.Equal(expected, ConceptPresence.Threshold(values.Reverse().ToArray()));
    }

    [Fact]
    public void Threshold_EqualScores_NeverPresent_AndOneOutlierInTwoHundredIsNotAGroup()
    {
        Assert.Equal(MathF.BitIncrement(0.3f), ConceptPresence.Threshold([0.3f, 0.3f, 0.3f]));
        var values = Enumerable.Repeat(0.2f, 199).Append(0.9f).ToArray();
        (values[0], values[1]) = (0.1f, 0.1f);
        // Each group must hold 1 % of the images (2 of 200): the lone 0.9 cannot be a group, so the split is below 0.2.
        Assert.Equal(0.15f, ConceptPresence.Threshold(values), 6);
    }

    [Fact]
    public void Threshold_BadInput_IsNamed()
    {
        Assert.Throws<ArgumentException>(() => ConceptPresence.Threshold([]));
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => ConceptPresence.Threshold([0.1f, float.NaN])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_IsThresholdPerColumn_AndIndependentOfThreads()
    {
        var random = new Random(5);
        var values = new FloatMatrix(300, 4);
        foreach (ref var v in values.AsSpan())
        {
            v = random.NextDouble() < 0.2 ? 0.5f + (0.2f * (float)random.NextDouble()) : 0.1f * (float)random.NextDouble();
        }
        var scores = ConceptScores.Create(values, Enumerable.Range(0, 300).Select(i => $"i{i}").ToArray(), ["a", "b", "c", "d"]);
        var thresholds = ConceptPresence.Calibrate(scores, maxDegreeOfParallelism: 1);
        for (var j = 0; j < 4; j++)
        {
            var column = Enumerable.Range(0, 300).Select(i => values[i, j]).ToArray();
            Assert.Equal(ConceptPresence.Threshold(column), thresholds[j]);
            // The two groups are [0, 0.1) and [0.5, 0.7): the split falls in the gap.
            Assert.InRange(thresholds[j], 0.1f, 0.5f);
        }
        Assert.Equal(thresholds, ConceptPresence.Calibrate(scores, maxDegreeOfParallelism: 3));
    }

    [Fact]
    public void Scores_CarryThresholds_ThroughSelections()
    {
        var scores = ConceptScores.Create(FloatMatrix.FromRows([[0.1f, 0.8f], [0.6f, 0.2f], [0.5f, 0.5f]]), ["x", "y", "z"], ["water", "road"]);
        Assert.False(scores.HasPresenceThresholds);
        Assert.Throws<InvalidOperationException>(() => scores.IsPresent(0, 0));

        var calibrated = scores.WithPresenceThresholds([0.5f, float.PositiveInfinity]);
        Assert.True(calibrated.HasPresenceThresholds);
        Assert.Same(scores.Values, calibrated.Values);
        Assert.Equal([false, true, true], Enumerable.Range(0, 3).Select(i => calibrated.IsPresent(i, 0)));
        Assert.Equal([false, false, false], Enumerable.Range(0, 3).Select(i => calibrated.IsPresent(i, 1)));
        Assert.Equal([float.PositiveInfinity, 0.5f], calibrated.Select(["road", "water"]).PresenceThresholds.ToArray());
        Assert.Equal([0.5f, float.PositiveInfinity], calibrated.SelectImages(["z", "x"]).PresenceThresholds.ToArray());

        Assert.Throws<ShapeMismatchException>(() => scores.WithPresenceThresholds([0.5f]));
        var bad = Assert.Throws<ArgumentException>(() => scores.WithPresenceThresholds([0.5f, float.NaN]));
        Assert.Contains("'road'", bad.Message, StringComparison.Ordinal);
    }
}
