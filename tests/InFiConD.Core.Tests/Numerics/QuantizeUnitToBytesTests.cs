using InFiConD.Core;

namespace InFiConD.Core.Tests.Numerics;

public sealed class QuantizeUnitToBytesTests
{
    [Fact]
    public void Every_length_gives_the_scalar_formulas_bytes()
    {
        var random = new Random(12);
        for (var length = 0; length <= 300; length += 7)
        {
            // Values around and outside [0, 1], and exact halves, which the formula rounds up.
            var values = Enumerable.Range(0, length).Select(i => i % 11 == 0 ? (i % 255 + 0.5f) / 255f : (float)((random.NextDouble() * 1.4) - 0.2)).ToArray();
            var bytes = new byte[length];
            Kernels.QuantizeUnitToBytes(values, bytes);
            for (var i = 0; i < length; i++)
            {
                var expected = (byte)Math.Floor((Math.Min(Math.Max(values[i], 0f), 1f) * 255f) + 0.5f);
                Assert.True(expected == bytes[i], $"length {length}, value {i} = {values[i]:R}: expected {expected}, got {bytes[i]}");
            }
        }
    }

    [Fact]
    public void A_destination_of_another_length_is_refused()
    {
        var error = Assert.Throws<ShapeMismatchException>(() => Kernels.QuantizeUnitToBytes(new float[4], new byte[3]));
        Assert.Contains("QuantizeUnitToBytes", error.Message, StringComparison.Ordinal);
    }
}
