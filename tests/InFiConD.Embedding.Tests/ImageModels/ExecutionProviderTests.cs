using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Embedding.Tests;

/// <summary>
/// Execution-provider selection, on the CPU build of ONNX Runtime these tests reference: CUDA is missing here, so a
/// CUDA request falls back to the CPU with a message naming the package to install, or throws when asked to. (No GPU
/// was available where these were written; the CUDA-present path is exercised only through its failure handling.)
/// </summary>
public sealed class ExecutionProviderTests : IDisposable
{
    private static readonly Preprocessing Raw = new();
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("cpu", ExecutionProviderKind.Cpu, 0)]
    [InlineData("CPU", ExecutionProviderKind.Cpu, 0)]
    [InlineData("cuda", ExecutionProviderKind.Cuda, 0)]
    [InlineData("cuda:3", ExecutionProviderKind.Cuda, 3)]
    public void Parse_reads_the_provider_and_device(string text, ExecutionProviderKind kind, int device)
    {
        var provider = ExecutionProvider.Parse(text);
        Assert.Equal((kind, device), (provider.Kind, provider.DeviceId));
        Assert.Equal(provider, ExecutionProvider.Parse(provider.ToString()));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void Parse_refuses_anything_else(string text) => Assert.Throws<FormatException>(() => ExecutionProvider.Parse(text));

    [Fact]
    public void Batch_size_is_chosen_for_the_device_unless_given()
    {
        Assert.Equal(16, OnnxImageModelOptions.Default.BatchSize);
        Assert.Equal(64, new OnnxImageModelOptions { ExecutionProvider = ExecutionProvider.Cuda() }.BatchSize);
        Assert.Equal(64, (OnnxImageModelOptions.Default with { ExecutionProvider = ExecutionProvider.Cuda(1) }).BatchSize);
        Assert.Equal(8, new OnnxImageModelOptions { BatchSize = 8, ExecutionProvider = ExecutionProvider.Cuda() }.BatchSize);
        Assert.Equal(8, (new OnnxImageModelOptions { BatchSize = 8 } with { ExecutionProvider = ExecutionProvider.Cuda() }).BatchSize);
    }

    [Fact]
    public void Validate_checks_the_provider()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxImageModelOptions { ExecutionProvider = new ExecutionProvider(ExecutionProviderKind.Cuda, -1) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxImageModelOptions { ExecutionProvider = new ExecutionProvider(ExecutionProviderKind.Cpu, 2) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxImageModelOptions { ProviderFallback = (ProviderFallback)7 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => ExecutionProvider.Cuda(-1));
    }

    [Fact]
    public void The_cpu_is_used_as_asked()
    {
        using var options = new SessionOptions();
        var choice = ExecutionProviderSelection.Apply(options, ExecutionProvider.Cpu, ProviderFallback.Throw);
        Assert.Equal(ExecutionProviderChoice.Cpu, choice);
        Assert.False(choice.FellBack);
        Assert.Null(choice.Message);
    }

    [Fact]
    public void Cuda_missing_from_the_build_falls_back_to_the_cpu_naming_the_package()
    {
        Assert.DoesNotContain(ExecutionProviderSelection.CudaName, OrtEnv.Instance().GetAvailableProviders());
        using var options = new SessionOptions();
        var choice = ExecutionProviderSelection.Apply(options, ExecutionProvider.Cuda(1), ProviderFallback.Cpu);
        Assert.True(choice.FellBack);
        Assert.Equal(ExecutionProvider.Cuda(1), choice.Requested);
        Assert.Equal(ExecutionProvider.Cpu, choice.Effective);
        Assert.Contains("(cuda:1) is not in this ONNX Runtime build", choice.Message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", choice.Message, StringComparison.Ordinal);
        Assert.EndsWith("Running on the CPU instead.", choice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_missing_throws_when_asked_to()
    {
        using var options = new SessionOptions();
        var error = Assert.Throws<ExecutionProviderUnavailableException>(() => ExecutionProviderSelection.Apply(options, ExecutionProvider.Cuda(), ProviderFallback.Throw));
        Assert.Equal(ExecutionProvider.Cuda(), error.Requested);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<Core.InFiConDException>(error);
    }

    [Fact]
    public void Cuda_listed_but_failing_to_start_falls_back_with_the_runtime_message()
    {
        // A build that lists CUDA but cannot start it (CUDA or cuDNN missing, no such device): the append itself fails.
        using var options = new SessionOptions();
        var choice = ExecutionProviderSelection.Apply(options, ExecutionProvider.Cuda(), ProviderFallback.Cpu, ["CUDAExecutionProvider", "CPUExecutionProvider"]);
        Assert.True(choice.FellBack);
        Assert.Contains("could not start", choice.Message, StringComparison.Ordinal);
        Assert.Throws<ExecutionProviderUnavailableException>(() =>
            ExecutionProviderSelection.Apply(options, ExecutionProvider.Cuda(), ProviderFallback.Throw, ["CUDAExecutionProvider", "CPUExecutionProvider"]));
    }

    [Fact]
    public async Task A_model_asked_for_cuda_runs_on_the_cpu_with_the_same_outputs_or_refuses_to_load()
    {
        var path = Path.Combine(_folder.Path, "reshape.onnx");
        FaultyModels.WriteReshape(path, 12);
        var images = ImageSource.FromImages([("a", DecodedImage.Filled(2, 2, 1, 2, 3)), ("b", DecodedImage.Filled(2, 2, 4, 5, 6))]);
        using var cpu = OnnxImageModel.Load(path, Raw, new OnnxImageModelOptions { BatchSize = 1, LogLevel = OnnxLogLevel.Fatal });
        using var cuda = OnnxImageModel.Load(path, Raw, new OnnxImageModelOptions { BatchSize = 1, LogLevel = OnnxLogLevel.Fatal, ExecutionProvider = ExecutionProvider.Cuda() });
        Assert.Equal(ExecutionProviderChoice.Cpu, cpu.ExecutionProvider);
        Assert.True(cuda.ExecutionProvider.FellBack);
        Assert.Equal(ExecutionProvider.Cpu, cuda.ExecutionProvider.Effective);
        var expected = await cpu.RunAsync(images);
        var actual = await cuda.RunAsync(images);
        Assert.Equal(expected.Outputs.AsSpan().ToArray(), actual.Outputs.AsSpan().ToArray());

        Assert.Throws<ExecutionProviderUnavailableException>(() => OnnxImageModel.Load(path, Raw,
            new OnnxImageModelOptions { LogLevel = OnnxLogLevel.Fatal, ExecutionProvider = ExecutionProvider.Cuda(), ProviderFallback = ProviderFallback.Throw }));
    }
}
