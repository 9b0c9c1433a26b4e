namespace InFiConD.Embedding.Tests;

public sealed class PreprocessingArithmeticTests
{
    private const double Tolerance = 1e-5;

    private static readonly double[] ClipMean = [0.48145466, 0.4578275, 0.40821073];
    private static readonly double[] ClipStd = [0.26862954, 0.26130258, 0.27577711];

    // 2 × 2, row-major: (0,0) (1,0) / (0,1) (1,1).
    private static readonly DecodedImage Image = new(2, 2,
    [
        0, 128, 255,    255, 0, 200,
        10, 20, 30,     100, 150, 250,
    ]);

    /// <summary>CLIP without resizing or cropping, so every output value can be computed by hand.</summary>
    private static readonly Preprocessing ClipNoGeometry = Preprocessing.Clip with { ResizeShortestSide = 0, CropWidth = 0, CropHeight = 0 };

    private static double R(int v) => ((v / 255.0) - ClipMean[0]) / ClipStd[0];

    private static double G(int v) => ((v / 255.0) - ClipMean[1]) / ClipStd[1];

    private static double B(int v) => ((v / 255.0) - ClipMean[2]) / ClipStd[2];

    private static void AssertTensor(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"value {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void Clip_rgb_chw_matches_the_hand_computed_tensor()
    {
        var tensor = ClipNoGeometry.Apply(Image);
        AssertTensor([R(0), R(255), R(10), R(100), G(128), G(0), G(20), G(150), B(255), B(200), B(30), B(250)], tensor);
        // Spot values computed independently: (0/255 − 0.48145466) / 0.26862954, and so on.
        Assert.Equal(-1.7922625, tensor[0], 1e-6);
        Assert.Equal(1.9303363, tensor[1], 1e-6);
        Assert.Equal(0.1688972, tensor[4], 1e-6);
        Assert.Equal(2.1458970, tensor[8], 1e-6);
        Assert.Equal(1.3637934, tensor[9], 1e-6);
    }

    [Fact]
    public void Clip_rgb_hwc_matches_the_hand_computed_tensor() =>
        AssertTensor(
            [R(0), G(128), B(255), R(255), G(0), B(200), R(10), G(20), B(30), R(100), G(150), B(250)],
            (ClipNoGeometry with { Layout = TensorLayout.Hwc }).Apply(Image));

    [Fact]
    public void Clip_bgr_chw_matches_the_hand_computed_tensor() =>
        AssertTensor(
            [B(255), B(200), B(30), B(250), G(128), G(0), G(20), G(150), R(0), R(255), R(10), R(100)],
            (ClipNoGeometry with { ChannelOrder = ChannelOrder.Bgr }).Apply(Image));

    [Fact]
    public void Clip_bgr_hwc_matches_the_hand_computed_tensor() =>
        AssertTensor(
            [B(255), G(128), R(0), B(200), G(0), R(255), B(30), G(20), R(10), B(250), G(150), R(100)],
            (ClipNoGeometry with { ChannelOrder = ChannelOrder.Bgr, Layout = TensorLayout.Hwc }).Apply(Image));

    [Fact]
    public void The_default_writes_raw_bytes_as_floats()
    {
        var tensor = new Preprocessing().Apply(Image);
        Assert.Equal([0f, 255f, 10f, 100f, 128f, 0f, 20f, 150f, 255f, 200f, 30f, 250f], tensor);
    }

    [Fact]
    public void Apply_writes_into_a_span_of_exactly_the_tensor_length()
    {
        var destination = new float[12];
        ClipNoGeometry.Apply(Image, destination);
        Assert.Equal(ClipNoGeometry.Apply(Image), destination);
        var ex = Assert.Throws<InFiConD.Core.ShapeMismatchException>(() => ClipNoGeometry.Apply(Image, new float[13]));
        Assert.Contains("12 floats", ex.Message);
        Assert.Throws<InFiConD.Core.ShapeMismatchException>(() => ClipNoGeometry.Apply(Image, new float[11]));
    }

    [Fact]
    public void Resnet18_package_preset_feeds_raw_planar_rgb_at_224()
    {
        var p = Preprocessing.ResNet18Package;
        Assert.Equal((224, 224, 224), (p.ResizeShortestSide, p.CropWidth, p.CropHeight));
        Assert.Equal((1f, ChannelValues.Zero, ChannelValues.One), (p.Scale, p.Mean, p.Std));
        Assert.Equal((ChannelOrder.Rgb, TensorLayout.Chw, ResizeResampler.Bilinear), (p.ChannelOrder, p.Layout, p.Resampler));
        var image = DecodedImage.Filled(224, 224, 12, 34, 56);
        var tensor = p.Apply(image);
        Assert.Equal(3 * 224 * 224, tensor.Length);
        Assert.Equal(12f, tensor[0]);
        Assert.Equal(34f, tensor[224 * 224]);
        Assert.Equal(56f, tensor[^1]);
    }
}
