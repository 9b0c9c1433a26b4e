namespace InFiConD.Embedding.Tests;

/// <summary>What <see cref="OnnxImageModelOptions.LogLevel"/> lets ONNX Runtime write to standard error when a run fails.</summary>
[Collection(nameof(StandardErrorCollection))]
public sealed class OnnxLogLevelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Run(OnnxLogLevel level)
    {
        var path = Path.Combine(_folder.Path, $"reshape-{level}.onnx");
        FaultyModels.WriteReshape(path, 12);
        using var model = OnnxImageModel.Load(path, new Preprocessing(), new OnnxImageModelOptions { LogLevel = level });
        return StandardErrorCapture.Run(() =>
            Assert.ThrowsAsync<Core.ModelRunException>(() => model.RunAsync(ImageSource.FromImages([("odd", DecodedImage.Filled(3, 3, 1, 2, 3))]))).GetAwaiter().GetResult());
    }

    [Fact]
    public void At_warning_the_runtime_writes_its_error_line_and_at_fatal_nothing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the capture redirects a Unix file descriptor; the packages are built for linux-x64
        }

        var warning = Run(OnnxLogLevel.Warning);
        var fatal = Run(OnnxLogLevel.Fatal);

        Assert.Contains("[E:onnxruntime:", warning, StringComparison.Ordinal);
        Assert.Contains("Reshape", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("onnxruntime", fatal, StringComparison.Ordinal);
    }
}
