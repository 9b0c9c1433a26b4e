namespace InFiConD.Datasets.Tests;

public class PixelNoiseTests
{
    [Fact]
    public void Noise_is_in_range_centred_and_a_function_of_its_inputs()
    {
        double sum = 0;
        const int side = 200;
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var v = PixelNoise.Signed(x, y, 5);
                Assert.InRange(v, -1f, 1f);
                Assert.Equal(v, PixelNoise.Signed(x, y, 5));
                sum += v;
            }
        }
        // Uniform on [−1, 1): variance 1/3, so the mean of 40 000 has σ ≈ 0.0029; 6σ ≈ 0.017.
        Assert.InRange(sum / (side * side), -0.017, 0.017);
        Assert.NotEqual(PixelNoise.Signed(3, 4, 5), PixelNoise.Signed(3, 4, 6));
    }
}
