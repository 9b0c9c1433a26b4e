namespace InFiConD.Embedding.Tests;

public sealed class PreprocessingValidationTests
{
    public static TheoryData<Preprocessing> Invalid => new()
    {
        new Preprocessing { ResizeShortestSide = -1 },
        new Preprocessing { ResizeShortestSide = 40_000 },
        new Preprocessing { CropWidth = 224 },
        new Preprocessing { CropHeight = 224 },
        new Preprocessing { CropWidth = -1, CropHeight = 3 },
        new Preprocessing { Scale = 0f },
        new Preprocessing { Scale = float.NaN },
        new Preprocessing { Scale = float.PositiveInfinity },
        new Preprocessing { Mean = new ChannelValues(0f, float.NaN, 0f) },
        new Preprocessing { Std = new ChannelValues(1f, 1f, 0f) },
        new Preprocessing { Std = new ChannelValues(-1f, 1f, 1f) },
        new Preprocessing { Std = new ChannelValues(1f, float.PositiveInfinity, 1f) },
        new Preprocessing { Resampler = (ResizeResampler)7 },
        new Preprocessing { ChannelOrder = (ChannelOrder)7 },
        new Preprocessing { Layout = (TensorLayout)7 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_settings_are_refused_by_Validate_and_by_Apply(Preprocessing p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Apply(DecodedImage.Filled(2, 2, 0, 0, 0)));
    }

    [Fact]
    public void The_presets_are_valid_and_have_distinct_stable_keys()
    {
        Assert.Same(Preprocessing.Clip, Preprocessing.Clip.Validate());
        Preprocessing.ResNet18Package.Validate();
        Assert.NotEqual(Preprocessing.Clip.Key, Preprocessing.ResNet18Package.Key);
        Assert.Equal("resize=224:bilinear-v2;crop=224x224;scale=1;mean=0,0,0;std=1,1,1;order=rgb;layout=chw", Preprocessing.ResNet18Package.Key);
        Assert.StartsWith("resize=224:bicubic-v2;crop=224x224;scale=0.003921569;mean=0.48145467,0.4578275,0.4082107", Preprocessing.Clip.Key);
        Assert.EndsWith(";order=rgb;layout=chw", Preprocessing.Clip.Key);
        Assert.NotEqual(Preprocessing.Clip.Key, (Preprocessing.Clip with { ChannelOrder = ChannelOrder.Bgr }).Key);
    }

    [Fact]
    public void Records_compare_by_value()
    {
        Assert.Equal(Preprocessing.Clip, Preprocessing.Clip with { });
        Assert.NotEqual(Preprocessing.Clip, Preprocessing.Clip with { CropWidth = 200, CropHeight = 200 });
    }

    [Fact]
    public void Sizes_below_one_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Preprocessing.Clip.OutputSize(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Preprocessing.Clip.TensorLength(10, -1));
    }

    [Fact]
    public void Channel_values_index_red_green_blue()
    {
        var v = new ChannelValues(1f, 2f, 3f);
        Assert.Equal((1f, 2f, 3f), (v[0], v[1], v[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => v[3]);
    }
}
