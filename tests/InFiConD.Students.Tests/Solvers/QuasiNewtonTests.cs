using InFiConD.Core;

namespace InFiConD.Students.Tests;

/// <summary>What is particular to <see cref="SolverMethod.QuasiNewton"/>; the optimality tests run both methods.</summary>
public class QuasiNewtonTests
{
    [Theory]
    [InlineData(false, 1.5)] // labels drawn from the planted probabilities: overlapping classes, as a teacher's top class gives
    [InlineData(true, 1)] // labels by rounding: separable, the quasi-Newton model's worst case
    public void Reaches_FISTAs_optimum_on_hard_targets_in_fewer_iterations(bool separable, double speedup)
    {
        var soft = SolverFixture.Create(n: 3000, c: 40, k: 4, seed: 21);
        var problem = separable ? SolverFixture.Create(n: 3000, c: 40, k: 4, seed: 21, hard: true) : SampledLabels(soft, seed: 5);
        var options = new SolverOptions { L1 = 1e-3, Tolerance = 1e-7, MaxIterations = 20_000, Method = SolverMethod.Fista };
        var fista = SparseLogisticSolver.Fit(problem, options);
        var owlqn = SparseLogisticSolver.Fit(problem, options with { Method = SolverMethod.QuasiNewton });

        Assert.True(fista.Converged && owlqn.Converged);
        Assert.True(owlqn.Iterations * speedup < fista.Iterations, $"OWL-QN {owlqn.Iterations} iterations, FISTA {fista.Iterations}");
        for (var k = 0; k < 4; k++)
        {
            // Both stop near the same optimum; OWL-QN no higher than FISTA beyond the stopping tolerance.
            Assert.True(owlqn.ClassObjectives[k] <= fista.ClassObjectives[k] * (1 + 1e-5), $"class {k}: {owlqn.ClassObjectives[k]:R} vs {fista.ClassObjectives[k]:R}");
            Assert.Equal(fista.ClassObjectives[k], owlqn.ClassObjectives[k], 1e-3 * fista.ClassObjectives[k]);
        }
    }

    /// <summary>The same features with 0/1 labels drawn from the soft targets (a fixed seed).</summary>
    private static LogisticProblem SampledLabels(LogisticProblem soft, int seed)
    {
        var random = new Random(seed);
        var labels = new FloatMatrix(soft.Samples, soft.Classes);
        for (var i = 0; i < soft.Samples; i++)
        {
            for (var k = 0; k < soft.Classes; k++)
            {
                labels[i, k] = random.NextDouble() < soft.Targets[i, k] ? 1f : 0f;
            }
        }
        return LogisticProblem.Create(soft.Features, labels);
    }

    [Fact]
    public void The_default_is_OWL_QN_and_a_fit_with_a_finite_bound_is_solved_by_FISTA()
    {
        Assert.Equal(SolverMethod.QuasiNewton, SolverOptions.Default.Method);
        var problem = SolverFixture.Create(n: 300, c: 8, k: 3, seed: 4);
        var constraints = SolverConstraints.None(3, 8).WithInterval(1, 2, -0.1f, 0.1f);
        Assert.True(constraints.HasFiniteBounds);
        Assert.False(SolverConstraints.None(3, 8).WithPenaltyFactor(5, float.PositiveInfinity).HasFiniteBounds);

        var fista = SparseLogisticSolver.Fit(problem, SolverOptions.Default with { Method = SolverMethod.Fista }, constraints);
        var asked = SparseLogisticSolver.Fit(problem, SolverOptions.Default with { Method = SolverMethod.QuasiNewton }, constraints);
        Assert.True(fista.Weights.AsSpan().SequenceEqual(asked.Weights.AsSpan()));
        Assert.Equal(fista.Iterations, asked.Iterations);
        Assert.InRange(asked.Weights[1, 2], -0.1f, 0.1f);
    }

    [Fact]
    public void Projected_OWL_QN_keeps_bounds_itself_and_without_bounds_has_OWL_QNs_bits()
    {
        var problem = SolverFixture.Create(n: 300, c: 8, k: 3, seed: 4);
        var constraints = SolverConstraints.None(3, 8).WithInterval(1, 2, -0.1f, 0.1f);
        var options = SolverOptions.Default with { Tolerance = 1e-9 };
        var fista = SparseLogisticSolver.Fit(problem, options with { Method = SolverMethod.Fista }, constraints);
        var projected = SparseLogisticSolver.Fit(problem, options with { Method = SolverMethod.ProjectedQuasiNewton }, constraints);
        // Two methods, one optimum: different paths (so different iterates), the same objective, the bound kept.
        Assert.True(projected.Iterations < fista.Iterations, $"projected OWL-QN {projected.Iterations}, FISTA {fista.Iterations}");
        Assert.False(fista.Weights.AsSpan().SequenceEqual(projected.Weights.AsSpan()));
        Assert.Equal(fista.Objective, projected.Objective, 1e-6 * fista.Objective);
        Assert.InRange(projected.Weights[1, 2], -0.1f, 0.1f);

        // Penalty factors alone (an excluded concept included) are no bound: the two OWL-QN methods take the same steps.
        var factors = SolverConstraints.None(3, 8).WithPenaltyFactor(5, float.PositiveInfinity).WithPenaltyFactor(1, 0f);
        var plain = SparseLogisticSolver.Fit(problem, options, factors);
        var same = SparseLogisticSolver.Fit(problem, options with { Method = SolverMethod.ProjectedQuasiNewton }, factors);
        Assert.True(plain.Weights.AsSpan().SequenceEqual(same.Weights.AsSpan()));
        Assert.Equal(plain.Bias, same.Bias);
        Assert.Equal(plain.Iterations, same.Iterations);
        Assert.Equal(plain.Objective, same.Objective);
    }

    [Fact]
    public void Finished_classes_leaving_the_products_and_the_product_path_do_not_change_a_bit()
    {
        // Eight classes converge at different rounds, so the run narrows its products (a tile of four classes at a time).
        var problem = SolverFixture.Create(n: 1500, c: 70, k: 8, seed: 13, hard: true);
        var options = new SolverOptions { L1 = 2e-3, Tolerance = 1e-6, Method = SolverMethod.QuasiNewton };
        var auto = SparseLogisticSolver.Fit(problem, options, null, null, ProductPath.Auto);
        var gemm = SparseLogisticSolver.Fit(problem, options, null, null, ProductPath.Gemm);
        var tiles = SparseLogisticSolver.Fit(problem, options, null, null, ProductPath.Tiles);
        foreach (var other in new[] { gemm, tiles })
        {
            Assert.True(auto.Weights.AsSpan().SequenceEqual(other.Weights.AsSpan()));
            Assert.Equal(auto.Bias, other.Bias);
            Assert.Equal(auto.Iterations, other.Iterations);
            Assert.Equal(auto.Objective, other.Objective);
        }
        // Each class alone reaches the same point: the classes do not interact.
        for (var k = 0; k < 8; k += 3)
        {
            var alone = SparseLogisticSolver.Fit(problem.ForClasses([k]), options);
            Assert.True(auto.Weights.Row(k).SequenceEqual(alone.Weights.Row(0)), $"class {k}");
        }
    }

    [Fact]
    public void Pure_ridge_and_unpenalised_concepts_converge_to_the_smooth_optimum()
    {
        var problem = SolverFixture.Create(n: 400, c: 6, k: 2, seed: 17);
        var options = new SolverOptions { L1 = 0, L2 = 0.1, Tolerance = 1e-10, MaxIterations = 5000, Method = SolverMethod.QuasiNewton };
        var result = SparseLogisticSolver.Fit(problem, options);
        Assert.True(result.Converged);
        for (var k = 0; k < 2; k++)
        {
            var (g, gb) = SolverFixture.Gradient(problem, result, k, options.L2, Enumerable.Repeat(1f, 6).ToArray());
            Assert.All(g, v => Assert.True(Math.Abs(v) < 1e-4, $"gradient {v}"));
            Assert.True(Math.Abs(gb) < 1e-4);
        }
    }
}
