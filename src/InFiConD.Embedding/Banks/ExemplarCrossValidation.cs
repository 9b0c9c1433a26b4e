namespace InFiConD.Embedding;

/// <summary>
/// The held-out AUC of a concept detector by stratified k-fold cross-validation on its exemplars. Folds are assigned
/// without a seed: the i-th positive goes to fold i mod k, and so does the i-th negative, so each fold holds ⌊n/k⌋ or
/// ⌊n/k⌋ + 1 of each side and the assignment depends only on the order of the exemplars.
/// </summary>
internal static class ExemplarCrossValidation
{
    /// <summary>k = min(<paramref name="maxFolds"/>, positives, negatives); 0 when below 2 (nothing to hold out).</summary>
    internal static int Folds(int positives, int negatives, int maxFolds)
    {
        var k = Math.Min(maxFolds, Math.Min(positives, negatives));
        return k >= 2 ? k : 0;
    }

    /// <summary>The fold of the <paramref name="index"/>-th image of its side.</summary>
    internal static int FoldOf(int index, int folds) => index % folds;

    /// <summary>
    /// Refits on k − 1 folds, scores the held-out fold's images (best segment), and pools the held-out scores of all folds
    /// into one AUC; <see langword="null"/> when fewer than 2 folds are possible.
    /// </summary>
    internal static (double? Auc, int Folds) Run(IReadOnlyList<double[][]> positives, IReadOnlyList<double[][]> negatives, ExemplarMethod method, ExemplarBankOptions options, RowSpace? pool)
    {
        var k = Folds(positives.Count, negatives.Count, options.CrossValidationFolds);
        if (k == 0)
        {
            return (null, 0);
        }
        var positiveScores = new double[positives.Count];
        var negativeScores = new double[negatives.Count];
        for (var fold = 0; fold < k; fold++)
        {
            var trainPositives = positives.Where((_, i) => FoldOf(i, k) != fold).ToArray();
            var trainNegatives = negatives.Where((_, i) => FoldOf(i, k) != fold).ToArray();
            var vector = ExemplarDetector.Fit(trainPositives, trainNegatives, method, options, pool).Vector;
            for (var i = fold; i < positives.Count; i += k)
            {
                positiveScores[i] = ExemplarDetector.Score(positives[i], vector);
            }
            for (var i = fold; i < negatives.Count; i += k)
            {
                negativeScores[i] = ExemplarDetector.Score(negatives[i], vector);
            }
        }
        return (RankAuc.Of(positiveScores, negativeScores), k);
    }
}
