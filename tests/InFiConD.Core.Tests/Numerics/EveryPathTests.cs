namespace InFiConD.Core.Tests;

/// <summary>
/// "Every path gives the same bits" (<see cref="KernelPath"/>): each element-wise, reduction and resampling kernel on
/// Vector512, Vector256, Vector128 and scalar code, at every length across the vector and tail boundaries.
/// </summary>
public class EveryPathTests
{
    public static IEnumerable<object[]> Lengths => PathCases.Lengths;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SoftThreshold_and_its_clamp(int n)
    {
        var x = PathCases.Values(n, n);
        var t = PathCases.Finite(n, n + 1).Select(MathF.Abs).ToArray();
        var lower = PathCases.Finite(n, n + 2).Select(v => v - 1f).ToArray();
        var upper = lower.Select(l => l + 1.5f).ToArray();
        AssertSameOnEveryPath(path =>
        {
            var d = new float[n];
            Kernels.SoftThreshold(x, 0.25f, d, path);
            return d;
        });
        AssertSameOnEveryPath(path =>
        {
            var d = new float[n];
            Kernels.SoftThresholdClamp(x, t, lower, upper, d, path);
            return d;
        });
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sigmoid(int n)
    {
        var x = PathCases.Values(n, n + 10, scale: 40f);
        AssertSameOnEveryPath(path =>
        {
            var d = new float[n];
            Kernels.Sigmoid(x, d, path);
            return d;
        });
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LogisticLossSum_and_its_biased_logits(int n)
    {
        var logits = PathCases.Finite(n, n + 20, scale: 30f);
        var targets = PathCases.Finite(n, n + 21, scale: 1f).Select(MathF.Abs).ToArray();
        AssertSameOnEveryPath(path =>
        {
            var t = new float[n];
            var sum = BitConverter.DoubleToInt64Bits(Kernels.LogisticLossSum(logits, 0.375f, targets, t, path));
            return [.. t, BitConverter.Int32BitsToSingle((int)sum), BitConverter.Int32BitsToSingle((int)(sum >> 32))];
        });
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float64_dot_product_and_scaled_add(int n)
    {
        var x = PathCases.Finite(n, n + 30).Select(v => (double)v * Math.PI).ToArray();
        var y = PathCases.Finite(n, n + 31).Select(v => (double)v / 3).ToArray();
        var dots = PathCases.All.Select(path => Kernels.Dot(x, y, path)).ToArray();
        Assert.All(dots, d => Assert.Equal(BitConverter.DoubleToInt64Bits(dots[^1]), BitConverter.DoubleToInt64Bits(d)));
        var updates = PathCases.All.Select(path =>
        {
            var target = y.ToArray();
            Kernels.AddScaled(-0.7, x, target, path);
            return target;
        }).ToArray();
        Assert.All(updates, u => Assert.True(PathCases.SameBits<double>(updates[^1], u)));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float64_accumulation_of_float_rows(int n)
    {
        var values = PathCases.Values(n, n + 35);
        var shift = PathCases.Finite(n, n + 36).Select(v => (double)v / 7).ToArray();
        foreach (var shifted in new[] { false, true })
        {
            var results = PathCases.All.Select(path =>
            {
                var sums = shift.Select(v => v * 3).ToArray();
                Kernels.AccumulateAsDouble(values, sums, shifted ? shift : null, path);
                return sums;
            }).ToArray();
            Assert.All(results, r => Assert.True(PathCases.SameBits<double>(results[^1], r)));
            var expected = shift.Select((v, j) => (v * 3) + (shifted ? ((values[j] - v) * (values[j] - v)) : values[j])).ToArray();
            Assert.True(PathCases.SameBits<double>(expected, results[0]));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MarkHigh_and_ScanBracket(int n)
    {
        var values = PathCases.Values(n, n + 40);
        foreach (var strict in new[] { false, true })
        {
            var marks = PathCases.All.Select(path =>
            {
                var bits = new ulong[(n + 63) / 64];
                var count = Kernels.MarkHigh(values, 0f, strict, bits, path);
                return (count, bits);
            }).ToArray();
            Assert.All(marks, m => Assert.Equal(marks[^1].count, m.count));
            Assert.All(marks, m => Assert.Equal(marks[^1].bits, m.bits));
        }
        var scans = PathCases.All.Select(path =>
        {
            var inside = new float[n];
            var scan = Kernels.ScanBracket(values, -0.5f, 1f, inside, path);
            return (scan, inside);
        }).ToArray();
        Assert.All(scans, s => Assert.Equal(BitConverter.SingleToInt32Bits(scans[^1].scan.Minimum), BitConverter.SingleToInt32Bits(s.scan.Minimum)));
        Assert.All(scans, s => Assert.Equal((scans[^1].scan.Above, scans[^1].scan.Inside), (s.scan.Above, s.scan.Inside)));
        Assert.All(scans, s => Assert.True(PathCases.SameBits<float>(scans[^1].inside, s.inside)));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Resampling_passes(int n)
    {
        var random = new Random(n);
        var taps = 1 + (n % 6);
        var stride = n + 3;
        var rows = new byte[(taps * stride) + n];
        random.NextBytes(rows);
        var weights = PathCases.Finite(taps, n + 50, scale: 0.6f);
        AssertSameOnEveryPath(path =>
        {
            var line = new float[n];
            Kernels.WeightedRowSum(rows, stride, weights, line, path);
            return line;
        });

        var sums = PathCases.Values(n, n + 53, scale: 300f);
        AssertSameOnEveryPath(path =>
        {
            var d = new float[n];
            Kernels.ClampAndStandardize(sums, 0f, 255f, 1f / 255, 0.485f, 0.229f, d, path);
            return d;
        });

        // The last pixel's taps end the input, so it has no spare float for a vector load.
        var pixels = PathCases.Finite(3 * Math.Max(0, n - 1 + taps), n + 51, scale: 255f);
        var starts = Enumerable.Range(0, n).ToArray();
        var pixelWeights = PathCases.Finite(n * taps, n + 52, scale: 0.6f);
        AssertSameOnEveryPath(path =>
        {
            var sums = new float[3 * n];
            Kernels.WeightedPixelSums(pixels, pixelWeights, starts, sums, path);
            return sums;
        });
    }

    private static void AssertSameOnEveryPath(Func<KernelPath, float[]> run)
    {
        var results = PathCases.All.Select(run).ToArray();
        for (var p = 0; p < results.Length; p++)
        {
            Assert.True(PathCases.SameBits<float>(results[^1], results[p]), $"{PathCases.All[p]} differs from the scalar path");
        }
    }
}
