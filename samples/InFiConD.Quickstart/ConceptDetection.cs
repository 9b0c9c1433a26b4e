using InFiConD.Concepts;

namespace InFiConD.Quickstart;

/// <summary>How well one concept's score separates images that show it from images that do not (ROC AUC against the world's ground truth).</summary>
/// <param name="Concept">The concept.</param>
/// <param name="Auc">Area under the ROC curve; <see langword="null"/> when every image (or none) shows the concept.</param>
/// <param name="Positives">Images that show the concept.</param>
/// <param name="Quality">The bank's own measure: the concept detector's cross-validated AUC on its exemplars; <see langword="null"/> when not measured.</param>
internal sealed record ConceptDetection(string Concept, double? Auc, int Positives, ConceptQuality? Quality = null)
{
    /// <summary>The exemplar AUC as the report prints it, with a mark when the concept is not reliably detected.</summary>
    public string ExemplarAucText => Quality is { } q ? q.Auc.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) + (q.IsReliable ? "" : " ⚠") : "n/a";

    /// <summary>
    /// The Mann–Whitney form of the AUC: the probability that a random positive scores above a random negative,
    /// ties counting one half, from average ranks (O(n log n)).
    /// </summary>
    public static double? RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> present)
    {
        var n = scores.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }
        var copy = scores.ToArray();
        Array.Sort(order, (a, b) => copy[a].CompareTo(copy[b]));
        double positiveRankSum = 0;
        var positives = 0;
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && copy[order[end + 1]] == copy[order[start]])
            {
                end++;
            }
            var rank = ((start + end) / 2.0) + 1;
            for (var i = start; i <= end; i++)
            {
                if (present[order[i]])
                {
                    positiveRankSum += rank;
                    positives++;
                }
            }
            start = end + 1;
        }
        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }
        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
