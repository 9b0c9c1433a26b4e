using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Analysis.Tests;

public sealed class ConceptExamplesTests
{
    [Fact]
    public void TopImagesAndStatistics_MatchBruteForce()
    {
        var p = AnalysisProblem.Create(n: 150, c: 6, bestSegments: true);
        var options = new ConceptExampleOptions { Top = 7, Quantiles = [0, 0.1, 0.5, 0.9, 1] };
        var all = ConceptExamples.ForAll(p.Scores, options);

        Assert.Equal(p.C, all.Count);
        for (var j = 0; j < p.C; j++)
        {
            var examples = all[j];
            var column = Enumerable.Range(0, p.N).Select(n => p.Scores[n, j]).ToArray();
            Assert.Equal(j, examples.ConceptIndex);
            Assert.Equal(p.Scores.ConceptNames[j], examples.ConceptName);

            // Highest score first, equal scores in image order (the rounded scores tie a lot).
            var expected = Enumerable.Range(0, p.N).OrderByDescending(n => column[n]).ThenBy(n => n).Take(7).ToArray();
            Assert.Equal(expected, examples.TopImages.Select(e => e.ImageIndex));
            foreach (var e in examples.TopImages)
            {
                Assert.Equal(p.Scores.ImageIds[e.ImageIndex], e.ImageId);
                Assert.Equal(column[e.ImageIndex], e.Score);
                Assert.Equal(p.Scores.BestSegmentOf(e.ImageIndex, j), e.BestSegment);
            }

            var s = examples.Statistics;
            var mean = column.Sum(x => (double)x) / p.N;
            Assert.Equal(p.N, s.Count);
            Assert.Equal(mean, s.Mean, 12);
            Assert.Equal(Math.Sqrt(column.Sum(x => (x - mean) * (x - mean)) / p.N), s.StandardDeviation, 12);
            Assert.Equal(column.Min(), s.Minimum);
            Assert.Equal(column.Max(), s.Maximum);
            Assert.Equal(column.Count(x => x > 0) / (double)p.N, s.FractionPositive, 15);
            var sorted = column.Order().ToArray();
            Assert.Equal([0, 0.1, 0.5, 0.9, 1], s.Quantiles.Select(q => q.Probability));
            Assert.Equal(sorted[0], s.Quantiles[0].Value);
            Assert.Equal(sorted[^1], s.Quantiles[4].Value);
            // h = 149 · 0.1 = 14.9 → s[14] + 0.9 (s[15] − s[14]); median of 150 values: the mean of s[74] and s[75].
            Assert.Equal(sorted[14] + 0.9 * ((double)sorted[15] - sorted[14]), s.Quantiles[1].Value, 6);
            Assert.Equal(((double)sorted[74] + sorted[75]) / 2, s.Quantiles[2].Value, 12);

            Assert.Equal(Json.Serialize(examples), Json.Serialize(ConceptExamples.For(p.Scores, p.Scores.ConceptNames[j], options)));
        }
    }

    [Fact]
    public void HandExample_QuantilesTiesAndNoSegments()
    {
        var values = FloatMatrix.FromRows([[0.3f], [0f], [0.3f], [0.1f], [0.2f]]);
        var scores = ConceptScores.Create(values, ["a", "b", "c", "d", "e"], ["water"]);

        var examples = ConceptExamples.For(scores, "water", new ConceptExampleOptions { Top = 3, Quantiles = [0.25, 0.5] });

        Assert.Equal(["a", "c", "e"], examples.TopImages.Select(e => e.ImageId));
        Assert.All(examples.TopImages, e => Assert.Null(e.BestSegment));
        Assert.Equal(0.18f, (float)examples.Statistics.Mean, 6);
        Assert.Equal(0.8, examples.Statistics.FractionPositive);
        Assert.Equal(0.1, examples.Statistics.Quantiles[0].Value, 6); // sorted 0, 0.1, 0.2, 0.3, 0.3: h = 1
        Assert.Equal(0.2, examples.Statistics.Quantiles[1].Value, 6);
        Assert.Equal(5, ConceptExamples.For(scores, "water", new ConceptExampleOptions { Top = 50 }).TopImages.Count);
        Assert.Empty(ConceptExamples.For(scores, "water", new ConceptExampleOptions { Top = 0 }).TopImages);
    }

    [Fact]
    public void ThreadCount_DoesNotChangeResults()
    {
        var p = AnalysisProblem.Create(n: 300, c: 12);

        var one = ConceptExamples.ForAll(p.Scores, new ConceptExampleOptions { MaxDegreeOfParallelism = 1 });
        var three = ConceptExamples.ForAll(p.Scores, new ConceptExampleOptions { MaxDegreeOfParallelism = 3 });

        Assert.Equal(Json.Serialize(one), Json.Serialize(three));
    }

    [Fact]
    public void BadInputs_GiveClearErrors()
    {
        var p = AnalysisProblem.Create();

        var missing = Assert.Throws<ArgumentException>(() => ConceptExamples.For(p.Scores, "boat hull"));
        Assert.Contains("'boat hull'", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ConceptExamples.ForAll(p.Scores.SelectImages([])));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConceptExamples.ForAll(p.Scores, new ConceptExampleOptions { Top = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConceptExamples.ForAll(p.Scores, new ConceptExampleOptions { Quantiles = [1.5] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConceptExamples.ForAll(p.Scores, new ConceptExampleOptions { MaxDegreeOfParallelism = -2 }));
    }
}
