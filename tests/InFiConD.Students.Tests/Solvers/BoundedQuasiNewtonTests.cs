using InFiConD.Core;

namespace InFiConD.Students.Tests;

/// <summary>
/// OWL-QN with box bounds (<see cref="SolverMethod.ProjectedQuasiNewton"/>) against independent references, with bounds
/// active: a float64 cyclic coordinate-descent solver and FISTA run to tolerance 1e-9.
/// </summary>
public class BoundedQuasiNewtonTests
{
    private const int Concepts = 12;
    private const int Classes = 3;

    private static readonly SolverOptions Tight = new() { L1 = 0.01, Tolerance = 1e-9, MaxIterations = 20_000, Method = SolverMethod.ProjectedQuasiNewton };

    private static readonly SolverOptions Projected = SolverOptions.Default with { Method = SolverMethod.ProjectedQuasiNewton };

    /// <summary>The kinds of bounds an edit sets, each on weights the data pulls against.</summary>
    public enum BoundKind
    {
        /// <summary>Downtune: the largest |w⁰| of each class capped at w⁰/4 (interval [0, w⁰/4], sign-adjusted).</summary>
        Cap,

        /// <summary>Uptune: the largest |w⁰| floored at 1.5·w⁰ (sign kept).</summary>
        Floor,

        /// <summary>Intervals of both signs: [−0.05, 0.05] on the two largest weights, a zero weight forced into [0.2, 0.4],
        /// another into [−0.4, −0.2].</summary>
        Mixed,

        /// <summary>Fixed weights: one removed (0), one locked at w⁰, one zero weight set to 0.3.</summary>
        Fixed,
    }

    public static TheoryData<BoundKind, bool, double> Cases => new()
    {
        { BoundKind.Cap, false, 0.0 },
        { BoundKind.Cap, true, 0.0 },
        { BoundKind.Floor, false, 0.0 },
        { BoundKind.Mixed, false, 0.0 },
        { BoundKind.Mixed, true, 0.02 },
        { BoundKind.Fixed, false, 0.0 },
        { BoundKind.Fixed, false, 0.02 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bounded_optimum_matches_float64_coordinate_descent_and_FISTA_to_1e_9(BoundKind kind, bool hard, double l2)
    {
        var problem = SolverFixture.Create(n: 400, c: Concepts, k: Classes, seed: 31, hard);
        var options = Tight with { L2 = l2 };
        var free = SparseLogisticSolver.Fit(problem, options);
        var constraints = Constraints(kind, free.Weights);
        Assert.True(constraints.HasFiniteBounds);

        var owlqn = SparseLogisticSolver.Fit(problem, options, constraints);
        var fista = SparseLogisticSolver.Fit(problem, options with { Method = SolverMethod.Fista }, constraints);
        Assert.True(owlqn.Converged && fista.Converged);
        Assert.True(owlqn.Iterations < fista.Iterations, $"OWL-QN {owlqn.Iterations} rounds, FISTA {fista.Iterations} iterations");
        BoundedObjective.AssertInBounds(owlqn, constraints);

        var z = SolverFixture.Features(problem);
        var active = 0;
        for (var k = 0; k < Classes; k++)
        {
            var (lower, upper) = BoundedObjective.Bounds(constraints, k);
            var (w, b) = CoordinateDescentReference.Solve(z, SolverFixture.Targets(problem, k), options.L1, l2, BoundedObjective.Factors(constraints.PenaltyFactors), lower, upper);
            var reference = BoundedObjective.Of(problem, w, b, k, options, constraints.PenaltyFactors);
            var ours = BoundedObjective.Of(problem, owlqn.Weights.Row(k), owlqn.Bias[k], k, options, constraints.PenaltyFactors);
            var theirs = BoundedObjective.Of(problem, fista.Weights.Row(k), fista.Bias[k], k, options, constraints.PenaltyFactors);
            Assert.InRange((ours - reference) / reference, -BoundedObjective.Gap, BoundedObjective.Gap);
            Assert.InRange((ours - theirs) / theirs, -BoundedObjective.Gap, BoundedObjective.Gap);
            for (var j = 0; j < Concepts; j++)
            {
                var weight = owlqn.Weights[k, j];
                Assert.True((w[j] == 0) == (weight == 0f), $"class {k} concept {j}: reference {w[j]:R}, OWL-QN {weight:R}");
                Assert.True((fista.Weights[k, j] == 0f) == (weight == 0f), $"class {k} concept {j}: FISTA {fista.Weights[k, j]:R}, OWL-QN {weight:R}");
                Assert.True(Math.Abs(w[j] - weight) < 2e-3, $"class {k} concept {j}: reference {w[j]:R}, OWL-QN {weight:R}");
                // Where the reference ends on a finite bound, OWL-QN ends on exactly that float.
                if (lower[j] < upper[j] && (w[j] == lower[j] || w[j] == upper[j]))
                {
                    Assert.Equal((float)w[j], weight);
                    active++;
                }
            }
        }
        if (kind != BoundKind.Fixed)
        {
            Assert.True(active >= Classes, $"only {active} bounds active at the optimum");
        }
    }

    [Fact]
    public void A_capped_weight_the_data_pulls_up_ends_at_exactly_its_cap_and_a_floored_one_at_its_floor()
    {
        var problem = SolverFixture.Create(n: 600, c: 20, k: 2, seed: 41);
        var free = SparseLogisticSolver.Fit(problem, Tight);
        var start = new SolverStart(free.Weights, free.Bias);
        for (var k = 0; k < 2; k++)
        {
            var j = Largest(free.Weights.Row(k));
            var w0 = free.Weights[k, j];
            var cap = w0 / 4;
            var capped = SparseLogisticSolver.Fit(problem, Tight with { Tolerance = 1e-6 }, SolverConstraints.None(2, 20).WithInterval(k, j, Math.Min(0, cap), Math.Max(0, cap)), start);
            Assert.Equal(cap, capped.Weights[k, j]);
            var floor = w0 * 2;
            var floored = SparseLogisticSolver.Fit(problem, Tight with { Tolerance = 1e-6 },
                SolverConstraints.None(2, 20).WithInterval(k, j, w0 > 0 ? floor : float.NegativeInfinity, w0 > 0 ? float.PositiveInfinity : floor), start);
            Assert.Equal(floor, floored.Weights[k, j]);
            // The other class has no bound and starts at its optimum: it stays there.
            var other = 1 - k;
            Assert.Equal(free.ClassObjectives[other], capped.ClassObjectives[other], 1e-6 * free.ClassObjectives[other]);
        }
    }

    [Fact]
    public void Fixed_weights_keep_their_value_bit_for_bit_and_penalty_factors_hold_with_bounds()
    {
        var problem = SolverFixture.Create(n: 500, c: 10, k: 2, seed: 43);
        // Factors: 0 (never shrunk), 2.5, +∞ (excluded), the rest 1.
        var factors = new float[] { 0f, 2.5f, float.PositiveInfinity, 1, 1, 1, 1, 1, 1, 1 };
        var constraints = SolverConstraints.Create(Filled(2, 10, float.NegativeInfinity), Filled(2, 10, float.PositiveInfinity), factors)
            .WithInterval(0, 0, 0.125f, 0.125f)      // an unpenalised weight fixed
            .WithInterval(0, 1, -0.3f, 0.05f)        // a penalised weight in a mixed-sign box
            .WithInterval(0, 3, 0f, 0f)              // removed
            .WithInterval(1, 4, -0.7f, -0.7f)        // set to a negative value
            .WithInterval(1, 5, 0.01f, 0.02f);       // a box away from zero
        var options = Tight with { L1 = 0.02 };
        var result = SparseLogisticSolver.Fit(problem, options, constraints);
        Assert.True(result.Converged);
        BoundedObjective.AssertInBounds(result, constraints);
        Assert.Equal(0.125f, result.Weights[0, 0]);
        Assert.Equal(0f, result.Weights[0, 3]);
        Assert.Equal(-0.7f, result.Weights[1, 4]);
        Assert.Equal(0f, result.Weights[0, 2]);
        Assert.Equal(0f, result.Weights[1, 2]);
        Assert.NotEqual(0f, result.Weights[1, 0]); // factor 0: kept whatever λ

        var z = SolverFixture.Features(problem);
        for (var k = 0; k < 2; k++)
        {
            var (lower, upper) = BoundedObjective.Bounds(constraints, k);
            var (w, b) = CoordinateDescentReference.Solve(z, SolverFixture.Targets(problem, k), options.L1, 0, BoundedObjective.Factors(factors), lower, upper);
            var reference = BoundedObjective.Of(problem, w, b, k, options, factors);
            var ours = BoundedObjective.Of(problem, result.Weights.Row(k), result.Bias[k], k, options, factors);
            Assert.InRange((ours - reference) / reference, -BoundedObjective.Gap, BoundedObjective.Gap);
            for (var j = 0; j < 10; j++)
            {
                Assert.True((w[j] == 0) == (result.Weights[k, j] == 0f), $"class {k} concept {j}: reference {w[j]:R}, OWL-QN {result.Weights[k, j]:R}");
            }
        }
    }

    [Fact]
    public void Warm_start_from_the_unconstrained_solution_with_one_capped_weight_converges_fast_to_the_fresh_fits_optimum()
    {
        var problem = SolverFixture.Create(n: 3000, c: 60, k: 1, seed: 47);
        var options = new SolverOptions { L1 = 2e-3, Tolerance = 1e-6, Method = SolverMethod.ProjectedQuasiNewton };
        var free = SparseLogisticSolver.Fit(problem, options with { Tolerance = 1e-9 });
        var j = Largest(free.Weights.Row(0));
        var cap = free.Weights[0, j] / 4;
        var constraints = SolverConstraints.None(1, 60).WithInterval(0, j, Math.Min(0, cap), Math.Max(0, cap));
        var start = new SolverStart(free.Weights, free.Bias);

        var warm = SparseLogisticSolver.Fit(problem, options, constraints, start);
        var fistaWarm = SparseLogisticSolver.Fit(problem, options with { Method = SolverMethod.Fista }, constraints, start);
        var fresh = SparseLogisticSolver.Fit(problem, options with { Tolerance = 1e-9 }, constraints);
        var reference = SparseLogisticSolver.Fit(problem, options with { Tolerance = 1e-9, Method = SolverMethod.Fista, MaxIterations = 50_000 }, constraints, start);

        Assert.True(warm.Converged);
        Assert.Equal(cap, warm.Weights[0, j]);
        Assert.True(warm.Iterations * 2 <= fistaWarm.Iterations, $"OWL-QN {warm.Iterations} rounds, FISTA {fistaWarm.Iterations} iterations");
        var ones = Enumerable.Repeat(1f, 60).ToArray();
        var best = BoundedObjective.Of(problem, reference.Weights.Row(0), reference.Bias[0], 0, options, ones);
        var ours = BoundedObjective.Of(problem, warm.Weights.Row(0), warm.Bias[0], 0, options, ones);
        Assert.InRange((ours - best) / best, -BoundedObjective.Gap, BoundedObjective.Gap);
        // The same students as a fresh fit under the same bounds: the same zero pattern.
        for (var c = 0; c < 60; c++)
        {
            Assert.True((fresh.Weights[0, c] == 0f) == (warm.Weights[0, c] == 0f), $"concept {c}: fresh {fresh.Weights[0, c]:R}, warm {warm.Weights[0, c]:R}");
        }
    }

    [Fact]
    public void Bounded_fits_give_identical_bits_across_runs_thread_counts_product_paths_and_class_subsets()
    {
        var problem = SolverFixture.Create(n: 2500, c: 40, k: 5, seed: 8);
        var free = SparseLogisticSolver.Fit(problem, Projected);
        var constraints = Constraints(BoundKind.Mixed, free.Weights);
        var start = new SolverStart(free.Weights, free.Bias);
        var one = SparseLogisticSolver.Fit(problem, Projected with { MaxDegreeOfParallelism = 1 }, constraints, start);
        var two = SparseLogisticSolver.Fit(problem, Projected with { MaxDegreeOfParallelism = 2 }, constraints, start);
        var again = SparseLogisticSolver.Fit(problem, Projected with { MaxDegreeOfParallelism = 2 }, constraints, start);
        var gemm = SparseLogisticSolver.Fit(problem, Projected with { MaxDegreeOfParallelism = 2 }, constraints, start, ProductPath.Gemm);
        foreach (var other in new[] { two, again, gemm })
        {
            Assert.True(one.Weights.AsSpan().SequenceEqual(other.Weights.AsSpan()));
            Assert.Equal(one.Bias, other.Bias);
            Assert.Equal(one.Iterations, other.Iterations);
            Assert.Equal(one.Objective, other.Objective);
        }
        // One class refit alone (as an edit refits only its classes) gives its bits in the joint fit.
        var alone = SparseLogisticSolver.Fit(problem.ForClasses([3]), Projected, constraints.ForClasses([3]),
            new SolverStart(Row(free.Weights, 3), [free.Bias[3]]));
        Assert.True(one.Weights.Row(3).SequenceEqual(alone.Weights.Row(0)));
        Assert.Equal(one.Bias[3], alone.Bias[0]);
    }

    [Fact]
    public void The_iteration_cap_is_reported_and_the_bounds_hold_at_it()
    {
        var problem = SolverFixture.Create(n: 800, c: 30, k: 2, seed: 53);
        var free = SparseLogisticSolver.Fit(problem, Tight);
        var constraints = Constraints(BoundKind.Mixed, free.Weights);
        var capped = SparseLogisticSolver.Fit(problem, Tight with { MaxIterations = 2 }, constraints, new SolverStart(free.Weights, free.Bias));
        Assert.Equal(SolverStatus.IterationLimit, capped.Status);
        Assert.False(capped.Converged);
        Assert.Equal(2, capped.Iterations);
        BoundedObjective.AssertInBounds(capped, constraints);
    }

    [Fact]
    public void Cancellation_stops_a_bounded_fit_between_rounds_and_progress_reports_it()
    {
        var problem = SolverFixture.Create(n: 800, c: 30, k: 2, seed: 59);
        var free = SparseLogisticSolver.Fit(problem, Tight);
        var constraints = Constraints(BoundKind.Cap, free.Weights);
        using var cts = new CancellationTokenSource();
        var reports = new List<SolverProgress>();
        var progress = new CancelAfter(reports, cts, after: 2);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            SparseLogisticSolver.Fit(problem, Tight with { ProgressInterval = 1 }, constraints, null, progress, cts.Token));
        Assert.Equal(new[] { 1, 2 }, reports.Select(r => r.Iteration));
        Assert.True(reports[1].Objective < reports[0].Objective);
    }

    /// <summary>Bounds of one kind on every class, derived from unconstrained weights so that the data pulls against them.</summary>
    private static SolverConstraints Constraints(BoundKind kind, FloatMatrix free)
    {
        var (k, c) = (free.Rows, free.Columns);
        var constraints = SolverConstraints.None(k, c);
        for (var cls = 0; cls < k; cls++)
        {
            var row = free.Row(cls).ToArray();
            var order = Enumerable.Range(0, c).OrderByDescending(j => Math.Abs(row[j])).ThenBy(j => j).ToArray();
            var (first, second) = (order[0], order[1]);
            var zeros = Enumerable.Range(0, c).Where(j => row[j] == 0f).ToArray();
            var w0 = row[first];
            constraints = kind switch
            {
                BoundKind.Cap => constraints.WithInterval(cls, first, Math.Min(0, w0 / 4), Math.Max(0, w0 / 4)),
                BoundKind.Floor => constraints.WithInterval(cls, first, w0 > 0 ? 1.5f * w0 : float.NegativeInfinity, w0 > 0 ? float.PositiveInfinity : 1.5f * w0),
                BoundKind.Mixed => Mixed(constraints, cls, first, second, zeros, order),
                _ => constraints.WithInterval(cls, first, 0f, 0f).WithInterval(cls, second, row[second], row[second])
                    .WithInterval(cls, zeros.Length > 0 ? zeros[0] : order[^1], 0.3f, 0.3f),
            };
        }
        return constraints;
    }

    private static SolverConstraints Mixed(SolverConstraints constraints, int cls, int first, int second, int[] zeros, int[] order)
    {
        constraints = constraints.WithInterval(cls, first, -0.05f, 0.05f).WithInterval(cls, second, -0.05f, 0.05f);
        var (up, down) = zeros.Length >= 2 ? (zeros[0], zeros[1]) : (order[^1], order[^2]);
        return constraints.WithInterval(cls, up, 0.2f, 0.4f).WithInterval(cls, down, -0.4f, -0.2f);
    }

    private static int Largest(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var j = 1; j < row.Length; j++)
        {
            best = Math.Abs(row[j]) > Math.Abs(row[best]) ? j : best;
        }
        return best;
    }

    private static FloatMatrix Row(FloatMatrix matrix, int row)
    {
        var copy = new FloatMatrix(1, matrix.Columns);
        matrix.Row(row).CopyTo(copy.Row(0));
        return copy;
    }

    private static FloatMatrix Filled(int rows, int columns, float value)
    {
        var m = new FloatMatrix(rows, columns);
        m.AsSpan().Fill(value);
        return m;
    }

    /// <summary>Records reports synchronously and cancels the token after the given number of them.</summary>
    private sealed class CancelAfter(List<SolverProgress> reports, CancellationTokenSource source, int after) : IProgress<SolverProgress>
    {
        public void Report(SolverProgress value)
        {
            reports.Add(value);
            if (reports.Count == after)
            {
                source.Cancel();
            }
        }
    }
}
