using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace InFiConD.Embedding.Tests;

/// <summary>
/// The fused kernel against the pipeline it replaced: ImageSharp 2.1's resize to bytes, then crop and per-byte
/// arithmetic. The only intended difference is the byte rounding the old pipeline did after resizing, so every value
/// must agree within half a byte step (plus float rounding), scaled by the arithmetic.
/// </summary>
public sealed class SeparableResamplerImageSharpTests
{
    /// <summary>Half a byte step (ImageSharp's rounding to bytes) plus float rounding, in byte units.</summary>
    private const double ByteTolerance = 0.5 + 1e-3;

    /// <summary>The old pipeline: ImageSharp resize (stretch to the resized size) to bytes, centre crop, then the float formula per byte.</summary>
    private static float[] ImageSharpPipeline(DecodedImage image, Preprocessing p)
    {
        var (rw, rh) = p.ResizedSize(image.Width, image.Height);
        using var sharp = Image.LoadPixelData<Rgb24>(image.Rgb, image.Width, image.Height);
        if ((rw, rh) != (image.Width, image.Height))
        {
            var sampler = p.Resampler == ResizeResampler.Bilinear ? KnownResamplers.Triangle : KnownResamplers.Bicubic;
            sharp.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(rw, rh), Mode = ResizeMode.Stretch, Sampler = sampler }));
        }
        var resized = new byte[3 * rw * rh];
        sharp.CopyPixelDataTo(resized);
        var (w, h) = p.OutputSize(image.Width, image.Height);
        var (sx, sy) = (ResamplingReference.CropStart(rw, w), ResamplingReference.CropStart(rh, h));
        var tensor = new float[3 * w * h];
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var (rx, ry) = (x + sx, y + sy);
                    float v = rx >= 0 && rx < rw && ry >= 0 && ry < rh ? resized[(3 * ((ry * rw) + rx)) + c] : 0;
                    tensor[(c * w * h) + (y * w) + x] = ((v * p.Scale) - p.Mean[c]) / p.Std[c];
                }
            }
        }
        return tensor;
    }

    public static TheoryData<string, int, int, int> Cases => new()
    {
        { "clip", 500, 375, 1 },      // the benchmark's photo size
        { "clip", 375, 500, 2 },
        { "resnet", 500, 375, 3 },
        { "resnet", 301, 257, 4 },
        { "clip", 120, 97, 5 },       // enlarged to 224
        { "resnet", 61, 200, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_value_is_within_half_a_byte_step_of_the_imagesharp_pipeline(string preset, int width, int height, int seed)
    {
        var p = preset == "clip" ? Preprocessing.Clip : Preprocessing.ResNet18Package;
        foreach (var image in new[] { ResamplingReference.Photo(width, height, seed), ResamplingReference.Noise(width, height, seed) })
        {
            var expected = ImageSharpPipeline(image, p);
            var actual = p.Apply(image);
            var plane = actual.Length / 3;
            for (var i = 0; i < actual.Length; i++)
            {
                var c = i / plane;
                var tolerance = ByteTolerance * p.Scale / p.Std[c];
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{preset} {width}×{height}, value {i}: ImageSharp {expected[i]}, fused {actual[i]}");
            }
        }
    }

    [Fact]
    public void Resize_and_crop_rounds_the_resampled_values_and_stays_within_one_of_imagesharp()
    {
        var image = ResamplingReference.Photo(211, 150, 8);
        foreach (var p in new[] { Preprocessing.Clip, Preprocessing.ResNet18Package, Preprocessing.Clip with { CropWidth = 260, CropHeight = 200 } })
        {
            var seen = p.ResizeAndCrop(image);
            var (w, h) = p.OutputSize(211, 150);
            Assert.Equal((w, h), (seen.Width, seen.Height));
            var raw = (p with { Scale = 1f, Mean = ChannelValues.Zero, Std = ChannelValues.One, Layout = TensorLayout.Hwc }).Apply(image);
            Assert.Equal(raw.Select(v => (byte)MathF.Round(v)).ToArray(), seen.Rgb);
            var old = ImageSharpPipeline(image, p with { Scale = 1f, Mean = ChannelValues.Zero, Std = ChannelValues.One });
            for (var c = 0; c < 3; c++)
            {
                for (var i = 0; i < w * h; i++)
                {
                    Assert.InRange(seen.Rgb[(3 * i) + c] - old[(c * w * h) + i], -1f, 1f);
                }
            }
        }
    }
}
