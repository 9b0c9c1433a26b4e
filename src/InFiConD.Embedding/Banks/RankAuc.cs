namespace InFiConD.Embedding;

/// <summary>The area under the ROC curve in its Mann–Whitney form.</summary>
internal static class RankAuc
{
    /// <summary>
    /// Computes P(score of a random positive &gt; score of a random negative), ties counted one half, from average
    /// ranks (O(n log n)); <see langword="null"/> when either side is empty. Scores must not be NaN.
    /// </summary>
    internal static double? Of(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        if (positives.Count == 0 || negatives.Count == 0)
        {
            return null;
        }
        var scored = positives.Select(s => (Score: s, Positive: true)).Concat(negatives.Select(s => (Score: s, Positive: false)))
            .OrderBy(s => s.Score).ToArray();
        var positiveRanks = 0.0;
        for (var i = 0; i < scored.Length;)
        {
            var j = i;
            var inGroup = 0;
            while (j < scored.Length && scored[j].Score == scored[i].Score)
            {
                inGroup += scored[j].Positive ? 1 : 0;
                j++;
            }
            positiveRanks += (i + 1 + j) / 2.0 * inGroup; // average 1-based rank of the tie group
            i = j;
        }
        var p = (double)positives.Count;
        return (positiveRanks - (p * (p + 1) / 2)) / (p * negatives.Count);
    }
}
