namespace InFiConD.Core.Tests;

public class ThresholdKernelTests
{
    public static IEnumerable<object[]> Lengths => PathCases.Lengths;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MarkHigh_sets_the_bits_of_the_values_at_or_above_the_threshold(int n)
    {
        var values = PathCases.Values(n, n);
        foreach (var strict in new[] { false, true })
        {
            var bits = new ulong[(n + 63) / 64];
            var count = Kernels.MarkHigh(values, 0.5f, strict, bits);
            var expected = values.Select(v => strict ? v > 0.5f : v >= 0.5f).ToArray();
            Assert.Equal(expected.Count(b => b), count);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(expected[i], (bits[i >> 6] & (1UL << (i & 63))) != 0);
            }
        }
    }

    [Fact]
    public void MarkHigh_keeps_bits_already_set_and_checks_the_word_count()
    {
        ulong[] bits = [1UL << 5];
        Assert.Equal(1, Kernels.MarkHigh([0f, 3f, 0f], 1f, strictlyAbove: false, bits));
        Assert.Equal((1UL << 5) | 2UL, bits[0]);
        Assert.Equal("bits", Assert.Throws<ShapeMismatchException>(() => Kernels.MarkHigh(new float[65], 0f, false, new ulong[1])).Field);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ScanBracket_counts_above_collects_inside_in_order_and_finds_the_minimum(int n)
    {
        var values = PathCases.Values(n, n + 3);
        var inside = new float[n];
        var (above, count, minimum) = Kernels.ScanBracket(values, -0.5f, 1f, inside);
        Assert.Equal(values.Count(v => v > 1f), above);
        var expectedInside = values.Where(v => v >= -0.5f && v <= 1f).ToArray();
        Assert.Equal(expectedInside, inside[..count]);
        var expectedMinimum = values.Aggregate(float.PositiveInfinity, Math.Min);
        Assert.Equal(BitConverter.SingleToInt32Bits(expectedMinimum), BitConverter.SingleToInt32Bits(minimum));
    }

    [Fact]
    public void ScanBracket_needs_room_for_every_value()
    {
        Assert.Equal("inside", Assert.Throws<ShapeMismatchException>(() => Kernels.ScanBracket(new float[4], 0f, 1f, new float[3])).Field);
    }
}
