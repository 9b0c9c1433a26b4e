namespace InFiConD.Cli.Tests;

/// <summary>
/// <c>--encoder resnet18-map</c>: one pass per image, segments pooled from the map, on the provider asked for. This machine
/// has the CPU build of ONNX Runtime, so CUDA falls back with a message naming the GPU package (the same bits as the CPU),
/// or exits 6 with <c>--require-provider</c>; the crop encoders refuse a GPU provider (exit 2).
/// </summary>
public sealed class PooledEncoderTests
{
    private static readonly string[] Encode = ["encode", "--images-per-class", "2", "--encoder", "resnet18-map", "--segmentation", "grid:2"];

    [Fact]
    public async Task The_map_encodes_on_the_cpu_and_cuda_falls_back_to_the_same_bits_or_fails_when_required()
    {
        using var temp = new TempFolder();
        var cpu = (await ToolProcess.RunAsync(temp.Path, [.. Encode, "--cache", "cpu"])).Succeeded().Done();
        Assert.Equal((12, 60), (cpu.GetProperty("images").GetInt32(), cpu.GetProperty("segments").GetInt32()));
        var cuda = (await ToolProcess.RunAsync(temp.Path, [.. Encode, "--cache", "cuda", "--provider", "cuda"])).Succeeded();
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", cuda.Output + cuda.Error, StringComparison.Ordinal);
        var expected = await File.ReadAllBytesAsync(Path.Combine(temp["cpu"], "segments", "segments.bin"));
        var actual = await File.ReadAllBytesAsync(Path.Combine(temp["cuda"], "segments", "segments.bin"));
        Assert.True(expected.AsSpan().SequenceEqual(actual), "the CPU fallback's cache differs from the CPU's");

        (await ToolProcess.RunAsync(temp.Path, [.. Encode, "--cache", "strict", "--provider", "cuda:1", "--require-provider"]))
            .FailedWith(ExitCodes.ProviderUnavailable, "ProviderUnavailable");
        (await ToolProcess.RunAsync(temp.Path, "encode", "--cache", "crops", "--provider", "cuda")).FailedWith(ExitCodes.Usage, "UsageError");
    }
}
