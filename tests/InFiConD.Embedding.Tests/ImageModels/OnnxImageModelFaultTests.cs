using InFiConD.Core;

namespace InFiConD.Embedding.Tests;

/// <summary>A run that fails inside ONNX Runtime is a <see cref="ModelRunException"/> naming the model file, the input and its shape.</summary>
public sealed class OnnxImageModelFaultTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly Preprocessing Raw = new();

    [Fact]
    public async Task A_run_that_fails_names_the_model_the_input_and_its_shape_and_keeps_the_runtime_error()
    {
        // Reshape([−1, 12]) fits a 2 × 2 image (12 values) but not a 3 × 3 one (27).
        var path = Path.Combine(_folder.Path, "reshape.onnx");
        FaultyModels.WriteReshape(path, 12);
        using var model = OnnxImageModel.Load(path, Raw, new OnnxImageModelOptions { BatchSize = 1, LogLevel = OnnxLogLevel.Fatal });
        var fits = await model.RunAsync(ImageSource.FromImages([("small", DecodedImage.Filled(2, 2, 1, 2, 3))]));
        Assert.Equal([1f, 1f, 1f, 1f, 2f, 2f, 2f, 2f, 3f, 3f, 3f, 3f], fits.Outputs.Row(0).ToArray());

        var error = await Assert.ThrowsAsync<ModelRunException>(() => model.RunAsync(ImageSource.FromImages([
            ("small", DecodedImage.Filled(2, 2, 1, 2, 3)), ("odd", DecodedImage.Filled(3, 3, 1, 2, 3))])));

        Assert.Equal(Path.GetFullPath(path), error.ModelPath);
        Assert.Equal("pixel_values", error.InputName);
        Assert.Equal([1L, 3, 3, 3], error.InputShape);
        Assert.Contains("cannot be reshaped", error.RuntimeMessage, StringComparison.Ordinal);
        var inner = Assert.IsType<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>(error.InnerException);
        Assert.Equal(inner.Message, error.RuntimeMessage);
        Assert.Equal($"{Path.GetFullPath(path)}: the model failed to run on input 'pixel_values' [1, 3, 3, 3]: {inner.Message}", error.Message);
        Assert.IsAssignableFrom<InFiConDException>(error);
    }

    [Theory]
    [InlineData(OnnxLogLevel.Verbose, Microsoft.ML.OnnxRuntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE)]
    [InlineData(OnnxLogLevel.Info, Microsoft.ML.OnnxRuntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_INFO)]
    [InlineData(OnnxLogLevel.Warning, Microsoft.ML.OnnxRuntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING)]
    [InlineData(OnnxLogLevel.Error, Microsoft.ML.OnnxRuntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR)]
    [InlineData(OnnxLogLevel.Fatal, Microsoft.ML.OnnxRuntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL)]
    public void Each_log_level_maps_to_its_onnx_runtime_level_on_sessions_and_runs(OnnxLogLevel level, Microsoft.ML.OnnxRuntime.OrtLoggingLevel expected)
    {
        using var session = OnnxRun.SessionOptions(0, level);
        using var run = OnnxRun.RunOptions(level);

        Assert.Equal(expected, session.LogSeverityLevel);
        Assert.Equal(expected, run.LogSeverityLevel);
    }

    [Fact]
    public void The_default_log_level_is_warning_and_an_undefined_one_is_refused()
    {
        Assert.Equal(OnnxLogLevel.Warning, OnnxImageModelOptions.Default.LogLevel);
        Assert.Equal(OnnxLogLevel.Warning, OnnxClipOptions.Default.LogLevel);
        Assert.Equal(OnnxLogLevel.Warning, ResNet18Options.Default.LogLevel);
        Assert.Equal("LogLevel", Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxImageModelOptions { LogLevel = (OnnxLogLevel)(-1) }.Validate()).ParamName);
        Assert.Equal("LogLevel", Assert.Throws<ArgumentOutOfRangeException>(() => new ResNet18Options { LogLevel = (OnnxLogLevel)5 }.Validate()).ParamName);
    }
}
