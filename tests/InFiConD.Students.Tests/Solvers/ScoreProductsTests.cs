using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using InFiConD.Core;

namespace InFiConD.Students.Tests;

/// <summary>
/// The tile path of the solver's products against Core's GEMM, bit for bit: the products themselves in both layouts on
/// shapes that cross the tiles' width and class overlaps, their depth chunk and the GEMM's depth block, then whole fits.
/// </summary>
public class ScoreProductsTests
{
    public static TheoryData<int, int, int> ProductShapes => new()
    {
        { 1, 1, 1 },
        { 7, 3, 1 },
        { 33, 17, 2 },
        { 70, 41, 3 },
        { 129, 8, 5 },
        { 40, 600, 1 },   // logits depth 600 > the GEMM's depth block of 512
        { 1100, 24, 2 },  // gradient depth 1100 spans three depth blocks
        { 300, 58, 4 },
        { 130, 70, 7 },    // both widths ≥ one tile of 64, classes 4 + an overlapping 4
        { 200, 600, 9 },   // logits depth 600 and gradient depth 200 span several depth chunks of 128
        { 257, 131, 13 },  // widths one past whole tiles: the last tile overlaps
        { 64, 64, 1 },     // exactly one tile, one class (padded to a group of four)
    };

    [Theory]
    [InlineData(129, 70, 3)]
    [InlineData(40, 600, 1)]
    public void ClassScores_the_public_door_gives_the_GEMMs_bits_and_names_a_bad_shape(int n, int c, int k)
    {
        var problem = Problem(n, c, k, seed: n + c + k);
        var weights = Matrix(k, c, new Random(k));
        var gemm = new FloatMatrix(n, k);
        Kernels.MultiplyTransposed(problem.Features, weights, gemm, maxDegreeOfParallelism: 2);
        var scores = Filled(k, n);
        problem.ClassScores(weights, scores);
        AssertSameBits(Kernels.Transpose(gemm), scores, "ClassScores vs MultiplyTransposed");
        var error = Assert.Throws<ShapeMismatchException>(() => problem.ClassScores(weights, new FloatMatrix(k, n + 1)));
        Assert.Contains("destination", error.Message, StringComparison.Ordinal);
        Assert.Throws<ShapeMismatchException>(() => problem.ClassScores(new FloatMatrix(k, c + 1), scores));
    }

    [Theory]
    [MemberData(nameof(ProductShapes))]
    public void Tile_products_have_the_bits_of_the_GEMM_and_of_an_in_order_FMA_chain(int n, int c, int k)
    {
        var problem = Problem(n, c, k, seed: n * 31 + c * 7 + k);
        var random = new Random(k);
        var weights = Matrix(k, c, random);
        var residualT = Matrix(k, n, random);
        var gemmLogits = new FloatMatrix(n, k);
        var gemmSums = new FloatMatrix(c, k);
        new ScoreProducts(problem, threads: 2, ProductPath.Gemm).Logits(weights, gemmLogits);
        new ScoreProducts(problem, threads: 2, ProductPath.Gemm).GradientSums(residualT, gemmSums);

        // The kernel really is one FMA chain per element in depth order (the premise of the tile path).
        AssertSameBits(Chains(problem.Features, weights), gemmLogits, "GEMM logits vs reference chains");
        AssertSameBits(Chains(problem.FeaturesTransposed, residualT), gemmSums, "GEMM gradient sums vs reference chains");

        foreach (var threads in new[] { 1, 2, 3 })
        {
            var products = new ScoreProducts(problem, threads, ProductPath.Tiles);
            Assert.True(products.UsesTiles);
            var logits = Filled(n, k);
            var sums = Filled(c, k);
            products.Logits(weights, logits);
            products.GradientSums(residualT, sums);
            AssertSameBits(gemmLogits, logits, $"logits, {threads} threads");
            AssertSameBits(gemmSums, sums, $"gradient sums, {threads} threads");
            // Buffers are reused across iterations: a second call over stale values gives the same bits.
            products.Logits(weights, logits);
            AssertSameBits(gemmLogits, logits, $"logits again, {threads} threads");

            // One row per class, on both paths.
            foreach (var path in new[] { ProductPath.Tiles, ProductPath.Gemm })
            {
                var perClass = new ScoreProducts(problem, threads, path);
                var (logitsT, sumsT) = (Filled(k, n), Filled(k, c));
                perClass.LogitsPerClass(weights, logitsT);
                perClass.GradientSumsPerClass(residualT, sumsT);
                AssertSameBits(Kernels.Transpose(gemmLogits), logitsT, $"logits per class, {path}, {threads} threads");
                AssertSameBits(Kernels.Transpose(gemmSums), sumsT, $"gradient sums per class, {path}, {threads} threads");
            }
        }
    }

    [Fact]
    public void The_bit_comparison_notices_a_different_summation_order()
    {
        // One dot product per row (TensorPrimitives.Dot: several partial sums, then combined) is the faster form that
        // was rejected; on the same data it changes bits, so the equality above is not vacuous.
        var problem = Problem(500, 584, 1, seed: 2);
        var weights = Matrix(1, 584, new Random(3));
        var gemm = new FloatMatrix(500, 1);
        new ScoreProducts(problem, threads: 1, ProductPath.Gemm).Logits(weights, gemm);
        var differing = Enumerable.Range(0, 500)
            .Count(i => BitConverter.SingleToInt32Bits(TensorPrimitives.Dot(problem.Features.Row(i), weights.Row(0))) != BitConverter.SingleToInt32Bits(gemm[i, 0]));
        Assert.True(differing > 50, $"only {differing} of 500 dot products differ from the GEMM");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Fits_on_the_tile_path_have_the_bits_of_fits_on_the_GEMM_path(int k)
    {
        // 70 concepts: the gradient product's width takes a full tile and an overlapping one.
        var problem = SolverFixture.Create(n: 1500, c: 70, k: k, seed: 20 + k);
        var factors = Enumerable.Range(0, 70).Select(j => j switch { 0 => 0f, 5 => float.PositiveInfinity, _ => 1f + j % 3 * 0.75f }).ToArray();
        var constraints = SolverConstraints.Create(Fill(k, 70, -3f), Fill(k, 70, 3f), factors)
            .WithInterval(0, 1, 0.05f, 0.3f)
            .WithInterval(k - 1, 2, -0.2f, -0.2f);
        var options = new SolverOptions { L1 = 1e-4, L2 = 1e-3, Tolerance = 1e-12, MaxIterations = 300 };

        // Both methods that keep bounds: FISTA (an edit's epochs) and OWL-QN on box ∩ orthant (a refit to convergence).
        foreach (var (threads, method) in new[] { (1, SolverMethod.Fista), (2, SolverMethod.Fista), (1, SolverMethod.ProjectedQuasiNewton), (2, SolverMethod.ProjectedQuasiNewton) })
        {
            var threaded = options with { MaxDegreeOfParallelism = threads, Method = method };
            var gemm = SparseLogisticSolver.Fit(problem, threaded, constraints, start: null, ProductPath.Gemm);
            var tiles = SparseLogisticSolver.Fit(problem, threaded, constraints, start: null, ProductPath.Tiles);
            var again = SparseLogisticSolver.Fit(problem, threaded, constraints, start: null, ProductPath.Tiles);
            Assert.True(gemm.Iterations > (method == SolverMethod.Fista ? 20 : 10), $"only {gemm.Iterations} iterations: too short to test anything");
            AssertSameResult(gemm, tiles, $"cold start, {threads} threads, {method}");
            AssertSameResult(tiles, again, $"cold start repeated, {threads} threads, {method}");

            // Warm start from a perturbed solution, as an edit's refit does (a few epochs, bounded).
            var start = gemm.Weights.Copy();
            foreach (ref var w in start.AsSpan())
            {
                w *= 1.5f;
            }
            var warmOptions = threaded with { MaxIterations = 5 };
            var warmStart = new SolverStart(start, gemm.Bias);
            var warmGemm = SparseLogisticSolver.Fit(problem, warmOptions, constraints, warmStart, ProductPath.Gemm);
            var warmTiles = SparseLogisticSolver.Fit(problem, warmOptions, constraints, warmStart, ProductPath.Tiles);
            AssertSameResult(warmGemm, warmTiles, $"warm start, {threads} threads, {method}");
        }
    }

    [Fact]
    public void Auto_takes_the_tiles_wherever_there_is_a_vector_unit_and_the_public_fit_matches_the_GEMM()
    {
        var few = SolverFixture.Create(n: 400, c: 20, k: 5, seed: 1);
        Assert.Equal(TileColumns.ActiveLanes > 0, new ScoreProducts(few, 2, ProductPath.Auto).UsesTiles);
        Assert.False(new ScoreProducts(few, 2, ProductPath.Gemm).UsesTiles);

        var options = new SolverOptions { L1 = 1e-3, MaxIterations = 200 };
        var refit = few.ForClasses([2]);
        AssertSameResult(SparseLogisticSolver.Fit(refit, options, null, null, ProductPath.Gemm), SparseLogisticSolver.Fit(refit, options), "public fit of one class");
    }

    [Fact]
    public void Degenerate_shapes_give_the_GEMM_results()
    {
        foreach (var (n, c, k) in new[] { (0, 5, 1), (6, 0, 2), (9, 4, 0) })
        {
            var problem = Problem(n, c, k, seed: 4);
            var weights = Matrix(k, c, new Random(5));
            var residualT = Matrix(k, n, new Random(6));
            var (gemmLogits, gemmSums) = (new FloatMatrix(n, k), new FloatMatrix(c, k));
            var (logits, sums) = (new FloatMatrix(n, k), new FloatMatrix(c, k));
            new ScoreProducts(problem, 2, ProductPath.Gemm).Logits(weights, gemmLogits);
            new ScoreProducts(problem, 2, ProductPath.Gemm).GradientSums(residualT, gemmSums);
            new ScoreProducts(problem, 2, ProductPath.Tiles).Logits(weights, logits);
            new ScoreProducts(problem, 2, ProductPath.Tiles).GradientSums(residualT, sums);
            AssertSameBits(gemmLogits, logits, $"logits {n} × {c} × {k}");
            AssertSameBits(gemmSums, sums, $"gradient sums {n} × {c} × {k}");
        }
    }

    /// <summary>The independent reference: out[i, k] = fma chain over p in order of a[i, p] · b[k, p], from +0, one element at a time.</summary>
    private static FloatMatrix Chains(FloatMatrix a, FloatMatrix b)
    {
        var result = new FloatMatrix(a.Rows, b.Rows);
        for (var i = 0; i < a.Rows; i++)
        {
            for (var k = 0; k < b.Rows; k++)
            {
                var sum = 0f;
                for (var p = 0; p < a.Columns; p++)
                {
                    sum = MathF.FusedMultiplyAdd(a[i, p], b[k, p], sum);
                }
                result[i, k] = sum;
            }
        }
        return result;
    }

    private static void AssertSameResult(SolverResult expected, SolverResult actual, string what)
    {
        AssertSameBits(expected.Weights, actual.Weights, $"{what}: weights");
        Assert.True(expected.Bias.Select(BitConverter.SingleToInt32Bits).SequenceEqual(actual.Bias.Select(BitConverter.SingleToInt32Bits)), $"{what}: bias");
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Objective), BitConverter.DoubleToInt64Bits(actual.Objective));
        Assert.True(expected.ClassObjectives.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(actual.ClassObjectives.Select(BitConverter.DoubleToInt64Bits)), $"{what}: class objectives");
        Assert.Equal(expected.Iterations, actual.Iterations);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.StepSize, actual.StepSize);
    }

    private static void AssertSameBits(FloatMatrix expected, FloatMatrix actual, string what)
    {
        Assert.Equal((expected.Rows, expected.Columns), (actual.Rows, actual.Columns));
        var e = MemoryMarshal.Cast<float, int>(expected.AsSpan());
        var a = MemoryMarshal.Cast<float, int>(actual.AsSpan());
        for (var i = 0; i < e.Length; i++)
        {
            if (e[i] != a[i])
            {
                Assert.Fail($"{what}: element ({i / expected.Columns}, {i % expected.Columns}) is {actual.AsSpan()[i]:R}, expected {expected.AsSpan()[i]:R}");
            }
        }
    }

    /// <summary>Features with magnitudes spread over six orders, so any change of rounding shows in the bits.</summary>
    private static LogisticProblem Problem(int n, int c, int k, int seed)
    {
        var random = new Random(seed);
        var z = new FloatMatrix(n, c);
        foreach (ref var v in z.AsSpan())
        {
            v = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 3)));
        }
        var y = new FloatMatrix(n, k);
        foreach (ref var v in y.AsSpan())
        {
            v = (float)random.NextDouble();
        }
        return LogisticProblem.Create(z, y, maxDegreeOfParallelism: 1);
    }

    private static FloatMatrix Matrix(int rows, int columns, Random random)
    {
        var m = new FloatMatrix(rows, columns);
        foreach (ref var v in m.AsSpan())
        {
            v = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-2, 2)));
        }
        return m;
    }

    private static FloatMatrix Filled(int rows, int columns)
    {
        var m = new FloatMatrix(rows, columns);
        m.AsSpan().Fill(float.NaN);
        return m;
    }

    private static FloatMatrix Fill(int rows, int columns, float value)
    {
        var m = new FloatMatrix(rows, columns);
        m.AsSpan().Fill(value);
        return m;
    }
}
