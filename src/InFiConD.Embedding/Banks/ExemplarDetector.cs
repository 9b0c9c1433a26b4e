namespace InFiConD.Embedding;

/// <summary>
/// Fits one concept's unit vector from bags of unit embeddings (one bag per exemplar image: its whole image, or its
/// segments) and scores bags the way <c>ConceptScorer</c> scores images: the largest cosine over the bag.
/// </summary>
internal static class ExemplarDetector
{
    /// <summary>The fitted unit vector and how the (last) fit ended.</summary>
    internal sealed record Result(double[] Vector, int Iterations, bool Converged, double? Objective);

    /// <summary>
    /// Fits the vector. Bags of one row give the plain prototype or CAV. With larger bags, every row of a negative bag is a
    /// negative, and positives are chosen multiple-instance style: all rows of every positive bag in the first round, then
    /// each bag's best-scoring row under the current vector (the first on ties), refitted until no choice changes or
    /// <see cref="ExemplarBankOptions.MultipleInstanceRounds"/> refits have run. Every step is one fixed sequence of operations.
    /// </summary>
    internal static Result Fit(IReadOnlyList<double[][]> positives, IReadOnlyList<double[][]> negatives, ExemplarMethod method, ExemplarBankOptions options, RowSpace? pool)
    {
        var negativeRows = negatives.SelectMany(b => b).ToArray();
        var chosen = positives.SelectMany(b => b).ToArray();
        var result = FitRows(chosen, negativeRows, method, options, pool);
        if (positives.All(b => b.Length == 1))
        {
            return result;
        }
        var iterations = result.Iterations;
        for (var round = 0; round < options.MultipleInstanceRounds; round++)
        {
            var vector = result.Vector;
            var next = positives.Select(bag => bag[BestRow(bag, vector)]).ToArray();
            if (next.Length == chosen.Length && next.Select((row, i) => ReferenceEquals(row, chosen[i])).All(same => same))
            {
                break;
            }
            chosen = next;
            result = FitRows(chosen, negativeRows, method, options, pool);
            iterations += result.Iterations;
        }
        return result with { Iterations = iterations };
    }

    /// <summary>The bag's score: max over its rows of the cosine to the unit <paramref name="vector"/>.</summary>
    internal static double Score(double[][] bag, double[] vector) => Vectors.Dot(bag[BestRow(bag, vector)], vector);

    private static int BestRow(double[][] bag, double[] vector)
    {
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < bag.Length; i++)
        {
            var score = Vectors.Dot(bag[i], vector);
            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }
        return best;
    }

    private static Result FitRows(double[][] positives, double[][] negatives, ExemplarMethod method, ExemplarBankOptions options, RowSpace? pool)
    {
        if (method == ExemplarMethod.Prototype)
        {
            var vector = Mean(positives);
            if (negatives.Length > 0 && options.SubtractNegativeMean)
            {
                var negativeMean = Mean(negatives);
                for (var j = 0; j < vector.Length; j++)
                {
                    vector[j] -= negativeMean[j];
                }
            }
            Vectors.NormalizeInPlace(vector);
            return new Result(vector, 0, true, null);
        }
        var fit = LogisticDirection.Solve(positives, negatives, options.CavRegularization, options.CavMaxIterations, options.CavTolerance, pool);
        var weights = fit.Weights;
        Vectors.NormalizeInPlace(weights);
        return new Result(weights, fit.Iterations, fit.Converged, fit.Objective);
    }

    private static double[] Mean(double[][] rows)
    {
        var mean = new double[rows[0].Length];
        foreach (var row in rows)
        {
            for (var j = 0; j < mean.Length; j++)
            {
                mean[j] += row[j];
            }
        }
        for (var j = 0; j < mean.Length; j++)
        {
            mean[j] /= rows.Length;
        }
        return mean;
    }
}
