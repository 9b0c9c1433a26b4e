using InFiConD.Core;

namespace InFiConD.Students.Tests;

public class SparseLogisticSolverTests
{
    /// <summary>Tolerance of the optimality conditions in float32 arithmetic.</summary>
    private const double KktTolerance = 2e-4;

    private static readonly SolverOptions Tight = new() { Tolerance = 1e-9, MaxIterations = 20000, L1 = 0.01 };

    /// <summary>0 ∈ ∇f + λ f_j ∂|w| + N_[lo,hi](w), checked with a tolerance, for every weight; the bias gradient is 0.</summary>
    private static void AssertKkt(LogisticProblem problem, SolverResult result, SolverOptions options, SolverConstraints constraints)
    {
        var penalty = constraints.PenaltyFactors;
        for (var k = 0; k < problem.Classes; k++)
        {
            var effective = penalty.ToArray().Select(f => float.IsPositiveInfinity(f) ? 0f : f).ToArray();
            var (g, gb) = SolverFixture.Gradient(problem, result, k, options.L2, effective);
            Assert.True(Math.Abs(gb) <= KktTolerance, $"class {k}: bias gradient {gb}");
            for (var j = 0; j < problem.Concepts; j++)
            {
                var w = result.Weights[k, j];
                var lo = constraints.Lower[k * problem.Concepts + j];
                var hi = constraints.Upper[k * problem.Concepts + j];
                var lambda = options.L1 * effective[j];
                var (aLo, aHi) = w > 0 ? (lambda, lambda) : w < 0 ? (-lambda, -lambda) : (-lambda, lambda);
                var where = $"class {k}, concept {j}, w = {w}, g = {g[j]}, bounds [{lo}, {hi}]";
                if (float.IsPositiveInfinity(penalty[j]) || lo == hi)
                {
                    continue;
                }
                if (w <= lo)
                {
                    Assert.True(g[j] + aHi >= -KktTolerance, where);
                }
                else if (w >= hi)
                {
                    Assert.True(g[j] + aLo <= KktTolerance, where);
                }
                else
                {
                    Assert.True(g[j] + aLo <= KktTolerance && g[j] + aHi >= -KktTolerance, where);
                }
            }
        }
    }

    [Theory]
    [InlineData(false, 0.0, SolverMethod.Fista)]
    [InlineData(true, 0.0, SolverMethod.Fista)]
    [InlineData(false, 0.05, SolverMethod.Fista)]
    [InlineData(false, 0.0, SolverMethod.QuasiNewton)]
    [InlineData(true, 0.0, SolverMethod.QuasiNewton)]
    [InlineData(false, 0.05, SolverMethod.QuasiNewton)]
    public void Solution_satisfies_KKT_and_matches_coordinate_descent(bool hard, double l2, SolverMethod method)
    {
        var problem = SolverFixture.Create(n: 300, c: 9, k: 3, seed: 11, hard);
        var options = Tight with { L2 = l2, Method = method };
        var constraints = SolverConstraints.None(3, 9);
        var result = SparseLogisticSolver.Fit(problem, options with { MaxDegreeOfParallelism = 2 });
        Assert.True(result.Converged, $"stopped after {result.Iterations} iterations");
        AssertKkt(problem, result, options, constraints);

        var z = SolverFixture.Features(problem);
        for (var k = 0; k < 3; k++)
        {
            var ones = Enumerable.Repeat(1.0, 9).ToArray();
            var (w, b) = CoordinateDescentReference.Solve(z, SolverFixture.Targets(problem, k), options.L1, l2, ones,
                Enumerable.Repeat(double.NegativeInfinity, 9).ToArray(), Enumerable.Repeat(double.PositiveInfinity, 9).ToArray());
            for (var j = 0; j < 9; j++)
            {
                Assert.True(Math.Abs(w[j] - result.Weights[k, j]) < 2e-3, $"class {k} concept {j}: CD {w[j]}, {method} {result.Weights[k, j]}");
                Assert.Equal(w[j] == 0, result.Weights[k, j] == 0f);
            }
            Assert.Equal(b, result.Bias[k], 2e-3);
        }
    }

    [Theory]
    [InlineData(SolverMethod.Fista)]
    [InlineData(SolverMethod.ProjectedQuasiNewton)]
    public void Bounds_hold_exactly_and_the_bounded_optimum_matches_coordinate_descent(SolverMethod method)
    {
        var problem = SolverFixture.Create(n: 250, c: 6, k: 2, seed: 5);
        var free = SparseLogisticSolver.Fit(problem, Tight);
        var constraints = SolverConstraints.None(2, 6);
        // Cap the largest weight of each class at half its free value, and force a zero weight positive.
        for (var k = 0; k < 2; k++)
        {
            var row = free.Weights.Row(k).ToArray();
            var j = Array.IndexOf(row, row.MaxBy(Math.Abs));
            var half = row[j] / 2;
            constraints = constraints.WithInterval(k, j, Math.Min(0, half), Math.Max(0, half));
            var zero = Array.FindIndex(row, w => w == 0f);
            if (zero >= 0)
            {
                constraints = constraints.WithInterval(k, zero, 0.2f, 0.4f);
            }
        }
        var bounded = SparseLogisticSolver.Fit(problem, Tight with { Method = method }, constraints);
        for (var i = 0; i < 12; i++)
        {
            var w = bounded.Weights.AsSpan()[i];
            Assert.InRange(w, constraints.Lower[i], constraints.Upper[i]);
        }
        AssertKkt(problem, bounded, Tight, constraints);

        var z = SolverFixture.Features(problem);
        for (var k = 0; k < 2; k++)
        {
            var lower = constraints.Lower.Slice(k * 6, 6).ToArray().Select(v => (double)v).ToArray();
            var upper = constraints.Upper.Slice(k * 6, 6).ToArray().Select(v => (double)v).ToArray();
            var (w, _) = CoordinateDescentReference.Solve(z, SolverFixture.Targets(problem, k), Tight.L1, 0, Enumerable.Repeat(1.0, 6).ToArray(), lower, upper);
            for (var j = 0; j < 6; j++)
            {
                Assert.True(Math.Abs(w[j] - bounded.Weights[k, j]) < 2e-3, $"class {k} concept {j}: CD {w[j]}, {method} {bounded.Weights[k, j]}");
            }
        }
    }

    [Theory]
    [InlineData(SolverMethod.Fista)]
    [InlineData(SolverMethod.QuasiNewton)]
    public void Penalty_factor_zero_keeps_a_concept_and_infinity_excludes_one(SolverMethod method)
    {
        var problem = SolverFixture.Create(n: 200, c: 6, k: 2, seed: 3);
        var lambdaMax = SparseLogisticSolver.LambdaMax(problem);
        var factors = new float[] { 0f, 1f, 1f, float.PositiveInfinity, 1f, 1f };
        var constraints = SolverConstraints.Create(Unbounded(2, 6, -1), Unbounded(2, 6, 1), factors);
        var tight = Tight with { Method = method };
        var options = tight with { L1 = lambdaMax * 2 };
        var result = SparseLogisticSolver.Fit(problem, options, constraints);
        for (var k = 0; k < 2; k++)
        {
            Assert.NotEqual(0f, result.Weights[k, 0]);
            for (var j = 1; j < 6; j++)
            {
                Assert.Equal(0f, result.Weights[k, j]);
            }
        }
        var loose = SparseLogisticSolver.Fit(problem, tight with { L1 = 1e-4 }, constraints);
        Assert.Equal(0f, loose.Weights[0, 3]);
        Assert.Equal(0f, loose.Weights[1, 3]);
        AssertKkt(problem, loose, tight with { L1 = 1e-4 }, constraints);
    }

    [Theory]
    [InlineData(SolverMethod.Fista)]
    [InlineData(SolverMethod.QuasiNewton)]
    public void Lambda_above_lambda_max_gives_all_zeros_and_below_it_does_not(SolverMethod method)
    {
        var problem = SolverFixture.Create(n: 200, c: 7, k: 3, seed: 4);
        var lambdaMax = SparseLogisticSolver.LambdaMax(problem);
        Assert.True(lambdaMax > 0);
        var above = SparseLogisticSolver.Fit(problem, Tight with { L1 = lambdaMax * 1.01, Method = method });
        Assert.All(above.Weights.AsSpan().ToArray(), w => Assert.Equal(0f, w));
        var below = SparseLogisticSolver.Fit(problem, Tight with { L1 = lambdaMax * 0.9, Method = method });
        Assert.Contains(below.Weights.AsSpan().ToArray(), w => w != 0f);
    }

    [Theory]
    [InlineData(SolverMethod.Fista)]
    [InlineData(SolverMethod.QuasiNewton)]
    public void Lambda_path_is_descending_and_non_zeros_grow(SolverMethod method)
    {
        var problem = SolverFixture.Create(n: 300, c: 12, k: 3, seed: 6);
        var lambdas = SparseLogisticSolver.LambdaPath(problem, count: 12, minRatio: 1e-3);
        Assert.Equal(SparseLogisticSolver.LambdaMax(problem), lambdas[0], 12);
        Assert.Equal(lambdas[0] * 1e-3, lambdas[^1], 12);
        var path = SparseLogisticSolver.FitPath(problem, lambdas, Tight with { Method = method });
        var nonZeros = path.Select(r => r.NonZeroCounts().Sum()).ToArray();
        Assert.Equal(0, nonZeros[0]);
        for (var i = 1; i < nonZeros.Length; i++)
        {
            Assert.True(nonZeros[i] >= nonZeros[i - 1] - 1, $"non-zeros along the path: {string.Join(", ", nonZeros)}");
        }
        Assert.True(nonZeros[^1] > nonZeros[1]);
        Assert.Throws<ArgumentException>(() => SparseLogisticSolver.FitPath(problem, [0.1, 0.2]));
    }

    [Theory]
    [InlineData(SolverMethod.Fista)]
    [InlineData(SolverMethod.QuasiNewton)]
    public void Same_input_gives_identical_bits_for_any_thread_count(SolverMethod method)
    {
        var problem = SolverFixture.Create(n: 2500, c: 40, k: 5, seed: 8);
        var one = SparseLogisticSolver.Fit(problem, SolverOptions.Default with { MaxDegreeOfParallelism = 1, Method = method });
        var two = SparseLogisticSolver.Fit(problem, SolverOptions.Default with { MaxDegreeOfParallelism = 2, Method = method });
        var again = SparseLogisticSolver.Fit(problem, SolverOptions.Default with { MaxDegreeOfParallelism = 2, Method = method });
        Assert.True(one.Weights.AsSpan().SequenceEqual(two.Weights.AsSpan()));
        Assert.True(two.Weights.AsSpan().SequenceEqual(again.Weights.AsSpan()));
        Assert.Equal(one.Bias, two.Bias);
        Assert.Equal(one.Iterations, two.Iterations);
    }

    [Theory]
    [InlineData(SolverMethod.Fista)]
    [InlineData(SolverMethod.QuasiNewton)]
    public void Warm_start_from_the_solution_stops_at_once_and_classes_can_be_refit_alone(SolverMethod method)
    {
        var problem = SolverFixture.Create(n: 400, c: 10, k: 4, seed: 9);
        var tight = Tight with { Method = method };
        var cold = SparseLogisticSolver.Fit(problem, tight);
        // Started at that solution, a fit stops after its three small changes (or sooner, when no float32 step lowers the
        // objective). Its tolerance sits above the objective's float32 noise (about 1e-8 relative here): at 1e-9, steps
        // of noise size count as changes and a warm run may wander a few rounds.
        var warm = SparseLogisticSolver.Fit(problem, tight with { Tolerance = 1e-7 }, start: new SolverStart(cold.Weights, cold.Bias));
        Assert.True(warm.Iterations <= 4 && warm.Iterations < cold.Iterations / 3, $"warm {warm.Iterations}, cold {cold.Iterations}");
        Assert.Equal(cold.Objective, warm.Objective, 6);

        var subset = problem.ForClasses([2]);
        var alone = SparseLogisticSolver.Fit(subset, tight);
        for (var j = 0; j < 10; j++)
        {
            Assert.Equal(cold.Weights[2, j], alone.Weights[0, j], 2e-3f);
        }
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_named_errors()
    {
        var problem = SolverFixture.Create(n: 50, c: 4, k: 2, seed: 1);
        Assert.Equal("L1", Assert.Throws<ArgumentOutOfRangeException>(() => SparseLogisticSolver.Fit(problem, new SolverOptions { L1 = -1 })).ParamName);
        Assert.Equal("Tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => SparseLogisticSolver.Fit(problem, new SolverOptions { Tolerance = 0 })).ParamName);
        Assert.Equal("Method", Assert.Throws<ArgumentOutOfRangeException>(() => SparseLogisticSolver.Fit(problem, new SolverOptions { Method = (SolverMethod)7 })).ParamName);
        Assert.Equal("constraints", Assert.Throws<ShapeMismatchException>(() => SparseLogisticSolver.Fit(problem, constraints: SolverConstraints.None(3, 4))).Field);
        Assert.Throws<ShapeMismatchException>(() => SparseLogisticSolver.Fit(problem, start: new SolverStart(new FloatMatrix(2, 5), [0f, 0f])));
        Assert.Throws<ArgumentException>(() => SolverConstraints.None(2, 4).WithInterval(0, 1, 1f, 0f));
        Assert.Throws<ArgumentException>(() => SolverConstraints.None(2, 4).WithPenaltyFactor(1, -1f));
        Assert.Throws<ArgumentException>(() => SolverConstraints.None(2, 4).WithInterval(0, 1, 0.5f, 1f).WithPenaltyFactor(1, float.PositiveInfinity));

        var targets = new FloatMatrix(3, 1);
        targets[1, 0] = 1.5f;
        Assert.Contains("row 1", Assert.Throws<ArgumentOutOfRangeException>(() => LogisticProblem.Create(new FloatMatrix(3, 2), targets)).Message);
        var features = new FloatMatrix(3, 2);
        features[2, 1] = float.NaN;
        var nan = Assert.Throws<NonFiniteValueException>(() => LogisticProblem.Create(features, new FloatMatrix(3, 1)));
        Assert.Equal((2L, 1L), (nan.Row, nan.Column));
        Assert.Throws<ShapeMismatchException>(() => LogisticProblem.Create(new FloatMatrix(3, 2), new FloatMatrix(4, 1)));
    }

    [Theory]
    [InlineData(SolverMethod.Fista)]
    [InlineData(SolverMethod.QuasiNewton)]
    public void Cancellation_and_progress(SolverMethod method)
    {
        var problem = SolverFixture.Create(n: 200, c: 5, k: 2, seed: 2);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => SparseLogisticSolver.Fit(problem, SolverOptions.Default with { Method = method }, cancellationToken: cts.Token));
        var reports = new List<SolverProgress>();
        var result = SparseLogisticSolver.Fit(problem, Tight with { ProgressInterval = 5, Method = method }, progress: new SynchronousProgress(reports));
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.True(r.Iteration % 5 == 0 || r.Iteration == result.Iterations));
        Assert.Equal(result.Objective, reports[^1].Objective);
    }

    private static FloatMatrix Unbounded(int rows, int columns, int sign)
    {
        var m = new FloatMatrix(rows, columns);
        m.AsSpan().Fill(sign < 0 ? float.NegativeInfinity : float.PositiveInfinity);
        return m;
    }

    private sealed class SynchronousProgress(List<SolverProgress> reports) : IProgress<SolverProgress>
    {
        public void Report(SolverProgress value) => reports.Add(value);
    }
}
