namespace InFiConD.Embedding.Tests;

/// <summary>The fused resize-crop-tensor kernel against <see cref="ResamplingReference"/> (double precision, direct 2-D sums).</summary>
public sealed class SeparableResamplerTests
{
    /// <summary>Float kernel vs double reference: |got − expected| ≤ this · max(1, |expected|).</summary>
    private const double RelativeTolerance = 1e-4;

    private static readonly Preprocessing Raw = new();

    /// <summary>Source width, height, shortest side, crop width, crop height (0 × 0 = no crop), resampler.</summary>
    public static TheoryData<int, int, int, int, int, ResizeResampler> Geometries => new()
    {
        { 97, 61, 37, 31, 29, ResizeResampler.Bicubic },   // shrink, odd sizes, crop inside the image
        { 97, 61, 37, 31, 29, ResizeResampler.Bilinear },
        { 61, 97, 23, 0, 0, ResizeResampler.Bicubic },     // shrink, portrait, no crop
        { 13, 9, 40, 35, 44, ResizeResampler.Bicubic },    // enlarge; crop taller than the resized image (padding rows)
        { 13, 9, 40, 35, 44, ResizeResampler.Bilinear },
        { 50, 50, 50, 21, 20, ResizeResampler.Bicubic },   // no resize, crop only
        { 33, 20, 27, 50, 45, ResizeResampler.Bicubic },   // crop larger than the resized image both ways
        { 1, 1, 5, 0, 0, ResizeResampler.Bicubic },        // 1 × 1 enlarged
        { 1, 1, 0, 3, 3, ResizeResampler.Bilinear },       // 1 × 1 padded
        { 1, 9, 3, 0, 0, ResizeResampler.Bicubic },        // 1 × N
        { 9, 1, 4, 0, 0, ResizeResampler.Bilinear },       // N × 1
        { 7, 2, 1, 0, 0, ResizeResampler.Bicubic },        // down to a single row
        { 200, 3, 2, 0, 0, ResizeResampler.Bicubic },      // strong shrink (wide filter support)
    };

    private static Preprocessing Make(int side, int cropWidth, int cropHeight, ResizeResampler resampler, Preprocessing? basis = null) =>
        (basis ?? Raw) with { ResizeShortestSide = side, CropWidth = cropWidth, CropHeight = cropHeight, Resampler = resampler };

    private static void AssertClose(double[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = RelativeTolerance * Math.Max(1, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}, value {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Raw_values_match_the_double_precision_reference(int width, int height, int side, int cropWidth, int cropHeight, ResizeResampler resampler)
    {
        var p = Make(side, cropWidth, cropHeight, resampler);
        foreach (var image in new[] { ResamplingReference.Noise(width, height, 1), ResamplingReference.Photo(width, height, 2) })
        {
            AssertClose(ResamplingReference.Tensor(image, p), p.Apply(image), $"{width}×{height} → {side}, crop {cropWidth}×{cropHeight}, {resampler}");
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Clip_arithmetic_matches_the_double_precision_reference(int width, int height, int side, int cropWidth, int cropHeight, ResizeResampler resampler)
    {
        var p = Make(side, cropWidth, cropHeight, resampler, Preprocessing.Clip);
        var image = ResamplingReference.Photo(width, height, 3);
        AssertClose(ResamplingReference.Tensor(image, p), p.Apply(image), $"{width}×{height} → {side}, {resampler}");
    }

    [Theory]
    [InlineData(TensorLayout.Chw, ChannelOrder.Bgr)]
    [InlineData(TensorLayout.Hwc, ChannelOrder.Rgb)]
    [InlineData(TensorLayout.Hwc, ChannelOrder.Bgr)]
    public void Layout_and_channel_order_match_the_reference_and_permute_the_rgb_chw_tensor_exactly(TensorLayout layout, ChannelOrder order)
    {
        var image = ResamplingReference.Photo(41, 29, 4);
        var chw = Make(19, 17, 23, ResizeResampler.Bicubic, Preprocessing.Clip);
        var p = chw with { Layout = layout, ChannelOrder = order };
        var tensor = p.Apply(image);
        AssertClose(ResamplingReference.Tensor(image, p), tensor, $"{layout} {order}");
        var reference = chw.Apply(image);
        var (w, h) = p.OutputSize(41, 29);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var k = 0; k < 3; k++)
                {
                    var c = order == ChannelOrder.Rgb ? k : 2 - k;
                    var at = layout == TensorLayout.Chw ? (k * w * h) + (y * w) + x : (3 * ((y * w) + x)) + k;
                    Assert.Equal(reference[(c * w * h) + (y * w) + x], tensor[at]);
                }
            }
        }
    }

    [Fact]
    public void Without_resizing_the_values_are_the_float_formula_bit_for_bit()
    {
        var image = ResamplingReference.Noise(37, 23, 5);
        var p = Preprocessing.Clip with { ResizeShortestSide = 0, CropWidth = 31, CropHeight = 21 };
        var tensor = p.Apply(image);
        // Crop start round((37 − 31) / 2) = 3, round((23 − 21) / 2) = 1.
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < 21; y++)
            {
                for (var x = 0; x < 31; x++)
                {
                    float v = image.Rgb[(3 * (((y + 1) * 37) + x + 3)) + c];
                    Assert.Equal(((v * p.Scale) - p.Mean[c]) / p.Std[c], tensor[(c * 31 * 21) + (y * 31) + x]);
                }
            }
        }
    }

    [Fact]
    public void Padding_is_the_value_of_a_black_pixel_exactly()
    {
        var p = Preprocessing.Clip with { ResizeShortestSide = 10, CropWidth = 16, CropHeight = 12 };
        var tensor = p.Apply(DecodedImage.Filled(20, 10, 200, 100, 50));
        // Resized 20 × 10; padding 1 row above and below, none left or right: rows 0 and 11 are black.
        for (var c = 0; c < 3; c++)
        {
            var black = ((0f * p.Scale) - p.Mean[c]) / p.Std[c];
            Assert.Equal(black, tensor[c * 16 * 12]);
            Assert.Equal(black, tensor[(c * 16 * 12) + (11 * 16) + 15]);
            Assert.NotEqual(black, tensor[(c * 16 * 12) + (1 * 16)]);
        }
    }

    [Fact]
    public void A_flat_colour_stays_flat_under_any_resize()
    {
        var image = DecodedImage.Filled(23, 17, 10, 128, 255);
        foreach (var resampler in new[] { ResizeResampler.Bicubic, ResizeResampler.Bilinear })
        {
            foreach (var side in new[] { 5, 17, 40 })
            {
                var tensor = Make(side, 0, 0, resampler).Apply(image);
                var plane = tensor.Length / 3;
                Assert.All(tensor[..plane], v => Assert.Equal(10f, v, 1e-4f));
                Assert.All(tensor[plane..(2 * plane)], v => Assert.Equal(128f, v, 1e-4f));
                Assert.All(tensor[(2 * plane)..], v => Assert.Equal(255f, v, 1e-4f));
            }
        }
    }

    [Fact]
    public void Bicubic_overshoot_is_clamped_to_the_byte_range()
    {
        var tensor = Make(45, 0, 0, ResizeResampler.Bicubic).Apply(ResamplingReference.Noise(15, 15, 6));
        Assert.All(tensor, v => Assert.InRange(v, 0f, 255f));
        Assert.Contains(0f, tensor);
        Assert.Contains(255f, tensor);
    }

    [Fact]
    public void Results_do_not_depend_on_threads_or_on_what_ran_before()
    {
        // Different sizes interleaved on many threads, so the per-thread weight tables are rebuilt and reused in every order.
        var images = Enumerable.Range(0, 6).Select(i => ResamplingReference.Photo(60 + (7 * i), 45 + (3 * i), i)).ToArray();
        var p = Preprocessing.Clip with { ResizeShortestSide = 32, CropWidth = 30, CropHeight = 30 };
        var sequential = images.Select(p.Apply).ToArray();
        var parallel = new float[48][];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = p.Apply(images[i % images.Length]));
        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(sequential[i % images.Length], parallel[i]);
        }
    }

    [Theory]
    [InlineData(500, 224, 0, 224, ResizeResampler.Bicubic)]
    [InlineData(375, 224, 10, 200, ResizeResampler.Bilinear)]
    [InlineData(9, 40, 0, 40, ResizeResampler.Bicubic)]
    [InlineData(1, 3, 0, 3, ResizeResampler.Bicubic)]
    [InlineData(300, 2, 0, 2, ResizeResampler.Bilinear)]
    public void Weight_tables_match_the_reference_weights(int source, int resized, int first, int count, ResizeResampler resampler)
    {
        var table = ResamplingWeights.Create(resampler, source, resized, first, count);
        Assert.Equal(count, table.Count);
        for (var o = 0; o < count; o++)
        {
            var expected = ResamplingReference.AxisWeights(resampler, source, resized, first + o);
            Assert.InRange(table.Start(o), 0, source - table.Taps);
            var values = table.Values(o);
            Assert.Equal(1.0, values.ToArray().Sum(v => (double)v), 1e-6);
            for (var i = 0; i < source; i++)
            {
                var k = i - table.Start(o);
                var actual = k >= 0 && k < table.Taps ? values[k] : 0f;
                Assert.Equal(expected[i], actual, 1e-6);
            }
        }
    }
}
