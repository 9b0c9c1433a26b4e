namespace InFiConD.Core.Tests;

public class ResamplingKernelTests
{
    public static IEnumerable<object[]> Lengths => PathCases.Lengths;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void WeightedRowSum_is_one_fused_chain_per_value_in_row_order(int n)
    {
        var random = new Random(n);
        var (taps, stride) = (1 + (n % 5), n + 2);
        var rows = new byte[((taps - 1) * stride) + n];
        random.NextBytes(rows);
        var weights = PathCases.Finite(taps, n + 1, scale: 0.7f);
        var line = new float[n];
        Kernels.WeightedRowSum(rows, stride, weights, line);
        for (var i = 0; i < n; i++)
        {
            var acc = 0f;
            for (var k = 0; k < taps; k++)
            {
                acc = MathF.FusedMultiplyAdd(weights[k], rows[(k * stride) + i], acc);
            }
            Assert.Equal(BitConverter.SingleToInt32Bits(acc), BitConverter.SingleToInt32Bits(line[i]));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void WeightedPixelSums_is_one_fused_chain_per_channel_in_tap_order(int n)
    {
        var taps = 1 + (n % 4);
        var inputs = n + taps;
        var pixels = PathCases.Finite(3 * inputs, n, scale: 255f);
        var starts = Enumerable.Range(0, n).Select(o => Math.Min(inputs - taps, o * 2 / 3 + (o % 2))).ToArray();
        var weights = PathCases.Finite(n * taps, n + 1, scale: 0.7f);
        var sums = new float[3 * n];
        Kernels.WeightedPixelSums(pixels, weights, starts, sums);
        for (var o = 0; o < n; o++)
        {
            for (var c = 0; c < 3; c++)
            {
                var acc = 0f;
                for (var j = 0; j < taps; j++)
                {
                    acc = MathF.FusedMultiplyAdd(weights[(o * taps) + j], pixels[(3 * (starts[o] + j)) + c], acc);
                }
                Assert.Equal(BitConverter.SingleToInt32Bits(acc), BitConverter.SingleToInt32Bits(sums[(c * n) + o]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ClampAndStandardize_is_each_operation_rounded_on_its_own(int n)
    {
        var x = PathCases.Values(n, n + 9, scale: 300f);
        var d = new float[n];
        Kernels.ClampAndStandardize(x, 0f, 255f, 1f / 255, 0.485f, 0.229f, d);
        for (var i = 0; i < n; i++)
        {
            var expected = ((Math.Min(Math.Max(x[i], 0f), 255f) * (1f / 255)) - 0.485f) / 0.229f;
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(d[i]));
        }
        Assert.Equal("destination", Assert.Throws<ShapeMismatchException>(() => Kernels.ClampAndStandardize(new float[3], 0f, 1f, 1f, 0f, 1f, new float[2])).Field);
    }

    [Fact]
    public void Inputs_too_short_for_the_taps_are_refused()
    {
        Assert.Equal("rows", Assert.Throws<ShapeMismatchException>(() => Kernels.WeightedRowSum(new byte[10], 4, new float[3], new float[3])).Field);
        Assert.Throws<ArgumentOutOfRangeException>(() => Kernels.WeightedRowSum(new byte[10], -1, new float[1], new float[3]));
        Assert.Equal("pixels", Assert.Throws<ShapeMismatchException>(() => Kernels.WeightedPixelSums(new float[9], new float[4], [0, 2], new float[6])).Field);
        Assert.Equal("weights", Assert.Throws<ShapeMismatchException>(() => Kernels.WeightedPixelSums(new float[30], new float[5], [0, 2], new float[6])).Field);
        Assert.Equal("sums", Assert.Throws<ShapeMismatchException>(() => Kernels.WeightedPixelSums(new float[30], new float[4], [0, 2], new float[5])).Field);
    }
}
