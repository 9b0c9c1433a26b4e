namespace InFiConD.Embedding.Tests.Banks;

public sealed class LogisticDirectionTests
{
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
