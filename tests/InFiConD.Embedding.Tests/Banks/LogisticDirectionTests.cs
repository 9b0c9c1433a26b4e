namespace InFiConD.Embedding.Tests.Banks;

public sealed class LogisticDirectionTests
{
    /// <summary>Largest difference allowed between the row-space solver and the full-space reference (weights, bias, objective).</summary>
    private const double ReferenceTolerance = 1e-8;

    /// <summary>Largest gradient entry allowed at a solution fitted with a tolerance of 1e-10.</summary>
    private const double GradientTolerance = 1e-9;

    /// <summary>
    /// Unit rows like image embeddings: a common offset (non-negative features share one) plus noise, positives
    /// shifted along a random direction, so the classes overlap or nearly so.
    /// </summary>
    private static (double[][] Positives, double[][] Negatives) Embeddings(int seed, int positives, int negatives, int dimension, double shift = 0.4)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var offset = Enumerable.Range(0, dimension).Select(_ => 1 + random.NextDouble()).ToArray();
        var direction = Enumerable.Range(0, dimension).Select(_ => Gaussian()).ToArray();
        double[] Row(bool positive)
        {
            var v = Enumerable.Range(0, dimension).Select(j => offset[j] / Math.Sqrt(dimension) + (0.3 * Gaussian()) + (positive ? shift * direction[j] / Math.Sqrt(dimension) : 0)).ToArray();
            var norm = Math.Sqrt(v.Sum(x => x * x));
            return v.Select(x => x / norm).ToArray();
        }
        return (Enumerable.Range(0, positives).Select(_ => Row(true)).ToArray(), Enumerable.Range(0, negatives).Select(_ => Row(false)).ToArray());
    }

    /// <summary>∇f at (w, b), computed independently of both solvers (one row at a time, no row space).</summary>
    private static double[] Gradient(double[][] positives, double[][] negatives, double[] w, double b, double lambda)
    {
        var d = w.Length;
        var gradient = new double[d + 1];
        foreach (var (rows, sign) in new[] { (positives, 1.0), (negatives, -1.0) })
        {
            var c = 0.5 / rows.Length;
            foreach (var x in rows)
            {
                var z = b + x.Select((v, j) => v * w[j]).Sum();
                var dz = -sign / (1 + Math.Exp(sign * z)); // d/dz log(1 + exp(−s z))
                for (var j = 0; j < d; j++)
                {
                    gradient[j] += c * dz * x[j];
                }
                gradient[d] += c * dz;
            }
        }
        for (var j = 0; j < d; j++)
        {
            gradient[j] += lambda * w[j];
        }
        return gradient;
    }

    private static bool SameBits(LogisticDirection.Fit a, LogisticDirection.Fit b) =>
        a.Weights.AsSpan().SequenceEqual(b.Weights) && BitConverter.DoubleToInt64Bits(a.Bias) == BitConverter.DoubleToInt64Bits(b.Bias)
        && a.Iterations == b.Iterations && BitConverter.DoubleToInt64Bits(a.Objective) == BitConverter.DoubleToInt64Bits(b.Objective);

    [Theory]
    [InlineData(1, 9, 16, 48, 0.01)]    // n = 25 < D = 48: the row space
    [InlineData(2, 30, 50, 24, 0.01)]   // n = 80 > D = 24: the identity
    [InlineData(3, 4, 40, 64, 0.01)]    // the Quickstart's shape in small: few positives, many negatives, n < D
    [InlineData(4, 12, 12, 40, 1.0)]    // strong penalty
    [InlineData(5, 10, 10, 20, 0.001)]  // n = D − 0: the identity at the boundary
    public void The_row_space_solver_matches_the_full_space_reference(int seed, int positives, int negatives, int dimension, double lambda)
    {
        var (pos, neg) = Embeddings(seed, positives, negatives, dimension);
        // A tolerance both reach by Newton's quadratic phase (much tighter ones end at rounding, after different numbers of futile steps).
        var fit = LogisticDirection.Solve(pos, neg, lambda, 50, 1e-9);
        var reference = ReferenceLogisticDirection.Solve(pos, neg, lambda, 50, 1e-9);

        Assert.True(fit.Converged);
        Assert.True(reference.Converged);
        Assert.Equal(dimension, fit.Weights.Length);
        for (var j = 0; j < dimension; j++)
        {
            Assert.True(Math.Abs(fit.Weights[j] - reference.Weights[j]) <= ReferenceTolerance, $"w[{j}]: {fit.Weights[j]} vs reference {reference.Weights[j]}");
        }
        Assert.True(Math.Abs(fit.Bias - reference.Bias) <= ReferenceTolerance, $"bias {fit.Bias} vs reference {reference.Bias}");
        Assert.True(Math.Abs(fit.Objective - reference.Objective) <= ReferenceTolerance, $"objective {fit.Objective} vs reference {reference.Objective}");
        Assert.Equal(reference.Iterations, fit.Iterations); // the same Newton path: the reduced iterates are the full ones in the row space
    }

    [Fact]
    public void Dependent_rows_give_the_same_solution_as_the_reference()
    {
        // 30 rows in D = 40 that span only 6 dimensions (and repeat some rows exactly): the basis keeps 6 vectors.
        var random = new Random(11);
        var generators = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 40).Select(_ => random.NextDouble() - 0.4).ToArray()).ToArray();
        double[] Mix()
        {
            var coefficients = Enumerable.Range(0, 6).Select(k => Math.Sin(k + (random.NextDouble() * 3))).ToArray();
            return Enumerable.Range(0, 40).Select(j => generators.Select((g, k) => g[j] * coefficients[k]).Sum()).ToArray();
        }
        var positives = Enumerable.Range(0, 12).Select(_ => Mix()).ToArray();
        var negatives = Enumerable.Range(0, 18).Select(i => i % 5 == 0 ? positives[i % 12] : Mix()).ToArray();
        Assert.Equal(6, RowSpace.Of(positives.Concat(negatives).ToArray()).Rank);

        var fit = LogisticDirection.Solve(positives, negatives, 0.05, 50, 1e-9);
        var reference = ReferenceLogisticDirection.Solve(positives, negatives, 0.05, 50, 1e-9);
        Assert.True(fit.Converged);
        Assert.All(fit.Weights.Zip(reference.Weights), p => Assert.True(Math.Abs(p.First - p.Second) <= ReferenceTolerance, $"{p.First} vs {p.Second}"));
        Assert.True(Math.Abs(fit.Bias - reference.Bias) <= ReferenceTolerance);
    }

    [Fact]
    public void A_pool_shared_by_several_fits_gives_each_the_fit_of_its_own_rows()
    {
        // Four "concepts" of 6 rows in D = 64; each is fitted against the others, as NegativesFromOtherConcepts does,
        // once in the pool's row space and once in its own; a row outside the pool falls back to the own space.
        var concepts = Enumerable.Range(0, 4).Select(c => Embeddings(30 + c, 6, 0, 64, shift: 1.0).Positives).ToArray();
        var pool = RowSpace.Of(concepts.SelectMany(c => c).ToArray());
        Assert.Equal(24, pool.Rank);
        for (var c = 0; c < concepts.Length; c++)
        {
            var negatives = concepts.Where((_, k) => k != c).SelectMany(r => r).ToArray();
            var shared = LogisticDirection.Solve(concepts[c], negatives, 0.01, 50, 1e-9, pool);
            var own = LogisticDirection.Solve(concepts[c], negatives, 0.01, 50, 1e-9);
            var reference = ReferenceLogisticDirection.Solve(concepts[c], negatives, 0.01, 50, 1e-9);
            Assert.Equal(reference.Iterations, shared.Iterations);
            Assert.All(shared.Weights.Zip(own.Weights), p => Assert.True(Math.Abs(p.First - p.Second) <= ReferenceTolerance, $"{p.First} vs {p.Second}"));
            Assert.All(shared.Weights.Zip(reference.Weights), p => Assert.True(Math.Abs(p.First - p.Second) <= ReferenceTolerance, $"{p.First} vs {p.Second}"));
            Assert.True(Math.Abs(shared.Bias - reference.Bias) <= ReferenceTolerance);
        }
        var outsider = Embeddings(99, 1, 0, 64).Positives;
        var fallback = LogisticDirection.Solve(outsider, concepts[0], 0.01, 50, 1e-9, pool);
        Assert.True(SameBits(fallback, LogisticDirection.Solve(outsider, concepts[0], 0.01, 50, 1e-9)));
    }

    [Fact]
    public void The_row_space_basis_is_orthonormal_and_reproduces_the_rows()
    {
        var (pos, neg) = Embeddings(8, 10, 20, 50);
        var rows = pos.Concat(neg).ToArray();
        var space = RowSpace.Of(rows);
        Assert.Equal(30, space.Rank);
        for (var i = 0; i < rows.Length; i++)
        {
            var back = space.Lift(space.Coordinates[i]);
            Assert.All(back.Zip(rows[i]), p => Assert.Equal(p.Second, p.First, 1e-13));
        }
        // Qᵀ Q = I: lift unit coordinate vectors and take their dot products.
        var columns = Enumerable.Range(0, space.Rank).Select(k => space.Lift(Enumerable.Range(0, space.Rank).Select(j => j == k ? 1.0 : 0.0).ToArray())).ToArray();
        for (var a = 0; a < space.Rank; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                Assert.Equal(a == b ? 1.0 : 0.0, columns[a].Zip(columns[b]).Sum(p => p.First * p.Second), 1e-13);
            }
        }
        Assert.True(RowSpace.Of(Embeddings(9, 30, 30, 50).Positives.Concat(Embeddings(9, 30, 30, 50).Negatives).ToArray()).IsIdentity);
    }

    [Fact]
    public async Task At_the_quickstart_shape_the_gradient_vanishes_and_the_bits_do_not_depend_on_threads()
    {
        // n = 296 < D = 512 and m²n/2 above the threshold, so the Hessian rows are built in parallel.
        var (pos, neg) = Embeddings(21, 8, 288, 512, shift: 1.5);
        var fit = LogisticDirection.Solve(pos, neg, 0.01, 50, 1e-10);
        Assert.True(fit.Converged);
        var gradient = Gradient(pos, neg, fit.Weights, fit.Bias, 0.01);
        Assert.All(gradient, g => Assert.True(Math.Abs(g) < GradientTolerance, $"gradient entry {g}"));

        // Again, on fresh copies of the rows (other addresses), on the default scheduler and on one thread.
        var again = LogisticDirection.Solve(pos.Select(r => r.ToArray()).ToArray(), neg.Select(r => r.ToArray()).ToArray(), 0.01, 50, 1e-10);
        var exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var oneThread = Task.Factory.StartNew(() => LogisticDirection.Solve(pos, neg, 0.01, 50, 1e-10), CancellationToken.None, TaskCreationOptions.None, exclusive);
        Assert.True(SameBits(fit, again));
        Assert.True(SameBits(fit, await oneThread));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(1.0)]
    public void The_solution_satisfies_the_optimality_conditions(double lambda)
    {
        var random = new Random(5);
        double[] Row() => Enumerable.Range(0, 6).Select(_ => random.NextDouble() - 0.3).ToArray();
        var positives = Enumerable.Range(0, 9).Select(_ => Row()).ToArray();
        var negatives = Enumerable.Range(0, 14).Select(_ => Row()).ToArray(); // overlapping classes: a finite optimum

        var fit = LogisticDirection.Solve(positives, negatives, lambda, 50, 1e-10);
        Assert.True(fit.Converged);

        // Gradient of Σ c_i log(1 + exp(−s_i z_i)) + λ/2 ‖w‖², computed independently.
        var gradient = new double[7];
        foreach (var (rows, sign) in new[] { (positives, 1.0), (negatives, -1.0) })
        {
            var c = 0.5 / rows.Length;
            foreach (var x in rows)
            {
                var z = fit.Bias + x.Select((v, j) => v * fit.Weights[j]).Sum();
                var dz = -sign / (1 + Math.Exp(sign * z)); // d/dz log(1 + exp(−s z))
                for (var j = 0; j < 6; j++)
                {
                    gradient[j] += c * dz * x[j];
                }
                gradient[6] += c * dz;
            }
        }
        for (var j = 0; j < 6; j++)
        {
            gradient[j] += lambda * fit.Weights[j];
        }
        Assert.All(gradient, g => Assert.True(Math.Abs(g) < 1e-9, $"gradient entry {g}"));
    }

    [Fact]
    public void Separable_data_still_has_a_finite_regularised_optimum()
    {
        double[][] positives = [[1, 0], [2, 0]];
        double[][] negatives = [[-1, 0], [-2, 0]];
        var fit = LogisticDirection.Solve(positives, negatives, 0.01, 50, 1e-10);
        Assert.True(fit.Converged);
        Assert.True(fit.Weights[0] > 0 && double.IsFinite(fit.Weights[0]));
        Assert.Equal(0, fit.Weights[1], 12);
        Assert.Equal(0, fit.Bias, 9);
    }
}
