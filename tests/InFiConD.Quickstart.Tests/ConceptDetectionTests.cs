namespace InFiConD.Quickstart.Tests;

public sealed class ConceptDetectionTests
{
    [Fact]
    public void RocAuc_MatchesAPairwiseCount()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 50; trial++)
        {
            var n = random.Next(2, 40);
            // Few distinct values, so ties are common.
            var scores = Enumerable.Range(0, n).Select(_ => (float)random.Next(6)).ToArray();
            var present = Enumerable.Range(0, n).Select(_ => random.Next(2) == 0).ToArray();
            double wins = 0;
            var pairs = 0;
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    if (present[a] && !present[b])
                    {
                        pairs++;
                        wins += scores[a] > scores[b] ? 1 : scores[a] == scores[b] ? 0.5 : 0;
                    }
                }
            }
            var auc = ConceptDetection.RocAuc(scores, present);
            if (pairs == 0)
            {
                Assert.Null(auc);
            }
            else
            {
                Assert.Equal(wins / pairs, auc!.Value, 12);
            }
        }
    }

    [Fact]
    public void RocAuc_HandValues()
    {
        Assert.Equal(1.0, ConceptDetection.RocAuc([0.1f, 0.2f, 0.9f], [false, false, true]));
        Assert.Equal(0.0, ConceptDetection.RocAuc([0.9f, 0.2f, 0.1f], [false, false, true]));
        Assert.Equal(0.5, ConceptDetection.RocAuc([1f, 1f], [true, false]));
    }
}
