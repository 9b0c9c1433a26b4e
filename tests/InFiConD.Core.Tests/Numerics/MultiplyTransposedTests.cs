namespace InFiConD.Core.Tests;

public class MultiplyTransposedTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 0, 5, 7 }, { 5, 0, 7 }, { 3, 4, 0 }, { 1, 1, 1 }, { 1, 33, 17 }, { 7, 1, 3 },
        { 9, 33, 15 }, { 17, 31, 16 }, { 16, 32, 64 }, { 130, 65, 129 }, { 257, 47, 513 }, { 40, 700, 300 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Matches_double_precision_brute_force_on_every_path(int m, int n, int d)
    {
        var a = Reference.Random(m, d, seed: m * 31 + d);
        var b = Reference.Random(n, d, seed: n * 17 + d + 1);
        foreach (var path in new[] { KernelPath.Vector512, KernelPath.Vector256, KernelPath.Vector128, KernelPath.Scalar })
        {
            var c = new FloatMatrix(m, n);
            c.AsSpan().Fill(float.NaN); // every element must be overwritten
            Kernels.MultiplyTransposed(a, b, c, maxDegreeOfParallelism: 2, path);
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var (dot, magnitude) = Reference.Dot(a.Row(i), b.Row(j));
                    Reference.AssertClose(dot, c[i, j], magnitude, $"{path} C[{i},{j}] of {m}×{n}×{d}");
                }
            }
        }
    }

    [Fact]
    public void ActivePath_is_the_widest_accelerated_path_unless_narrowed()
    {
        var hardware = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? KernelPath.Vector512
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? KernelPath.Vector256
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? KernelPath.Vector128 : KernelPath.Scalar;
        var expected = Environment.GetEnvironmentVariable("INFICOND_KERNEL_PATH")?.Trim().ToLowerInvariant() switch
        {
            "vector256" when hardware == KernelPath.Vector512 => KernelPath.Vector256,
            "vector128" when hardware is KernelPath.Vector512 or KernelPath.Vector256 => KernelPath.Vector128,
            "scalar" => KernelPath.Scalar,
            _ => hardware,
        };
        Assert.Equal(expected, Kernels.ActivePath);
    }

    [Fact]
    public void Paths_and_thread_counts_give_identical_bits()
    {
        var a = Reference.Random(301, 517, seed: 1);
        var b = Reference.Random(75, 517, seed: 2);
        var baseline = new FloatMatrix(301, 75);
        Kernels.MultiplyTransposed(a, b, baseline, maxDegreeOfParallelism: 1, KernelPath.Scalar);
        foreach (var path in new[] { KernelPath.Vector512, KernelPath.Vector256, KernelPath.Vector128, KernelPath.Scalar, KernelPath.Auto })
        {
            foreach (var threads in new[] { 1, 2, 3, 8 })
            {
                var c = new FloatMatrix(301, 75);
                Kernels.MultiplyTransposed(a, b, c, threads, path);
                Assert.True(baseline.AsSpan().SequenceEqual(c.AsSpan()), $"{path} with {threads} threads differs from the scalar single-thread result");
            }
        }
    }

    [Fact]
    public void Hand_computed_product()
    {
        var a = FloatMatrix.Wrap([1, 2, 3, 4, 5, 6], 2, 3);
        var b = FloatMatrix.Wrap([1, 0, -1, 2, 2, 2], 2, 3);
        var c = Kernels.MultiplyTransposed(a, b);
        Assert.Equal([-2f, 12f, -2f, 30f], c.AsSpan().ToArray());
    }

    [Fact]
    public void Shape_errors_name_the_argument_and_both_shapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Kernels.MultiplyTransposed(new FloatMatrix(2, 3), new FloatMatrix(4, 5)));
        Assert.Equal("b", ex.Field);
        Assert.Contains("4 × 5", ex.Actual);
        var dest = Assert.Throws<ShapeMismatchException>(() => Kernels.MultiplyTransposed(new FloatMatrix(2, 3), new FloatMatrix(4, 3), new FloatMatrix(4, 2)));
        Assert.Equal("destination", dest.Field);
        Assert.Equal("2 × 4", dest.Expected);
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.MultiplyTransposed(new FloatMatrix(2, 3), new FloatMatrix(4, 3), 0));
    }

    [Fact]
    public void NaN_propagates_to_its_row_and_column_only()
    {
        var a = Reference.Random(10, 20, seed: 3);
        var b = Reference.Random(12, 20, seed: 4);
        a[4, 7] = float.NaN;
        var c = Kernels.MultiplyTransposed(a, b);
        for (var i = 0; i < 10; i++)
        {
            for (var j = 0; j < 12; j++)
            {
                Assert.Equal(i == 4, float.IsNaN(c[i, j]));
            }
        }
    }
}
