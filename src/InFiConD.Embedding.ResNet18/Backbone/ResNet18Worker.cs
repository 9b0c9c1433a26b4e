using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Embedding;

/// <summary>
/// One image in flight: its own input, intermediate and output buffers with ONNX Runtime values bound to
/// them once, so a run allocates nothing per image beyond decoding. Not thread-safe; one per worker.
/// </summary>
internal sealed class ResNet18Worker : IDisposable
{
    private readonly float[] _input = new float[ResNet18Backbone.TensorLength];
    private readonly float[] _preprocessed = new float[ResNet18Backbone.TensorLength];
    private readonly float[] _features = new float[ResNet18Backbone.FeatureDimension];
    private readonly OrtValue _inputValue;
    private readonly OrtValue _preprocessedValue;
    private readonly OrtValue _featuresValue;
    private readonly RunOptions _runOptions;

    internal ResNet18Worker(OnnxLogLevel logLevel)
    {
        _runOptions = OnnxRun.RunOptions(logLevel);
        long[] image = [1, 3, ResNet18Backbone.ImageSide, ResNet18Backbone.ImageSide];
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, image);
        _preprocessedValue = OrtValue.CreateTensorValueFromMemory(_preprocessed, image);
        _featuresValue = OrtValue.CreateTensorValueFromMemory(_features, [1, ResNet18Backbone.FeatureDimension, 1, 1]);
    }

    /// <summary>Where the caller writes the 1 × 3 × 224 × 224 RGB tensor before <see cref="Run"/>.</summary>
    internal Span<float> Input => _input;

    /// <summary>Runs the preprocessing model, then the network on its output, and returns a copy of the 512 features.</summary>
    /// <exception cref="Core.ModelRunException">ONNX Runtime failed; names the model file and its input.</exception>
    internal float[] Run(ResNet18Sessions sessions)
    {
        OnnxRun.Run(sessions.Preprocess, sessions.Files.PreprocessPath, _runOptions, [sessions.PreprocessInput], [_inputValue], [sessions.PreprocessOutput], [_preprocessedValue]);
        OnnxRun.Run(sessions.Network, sessions.Files.NetworkPath, _runOptions, [sessions.NetworkInput], [_preprocessedValue], [sessions.NetworkOutput], [_featuresValue]);
        return (float[])_features.Clone();
    }

    public void Dispose()
    {
        _inputValue.Dispose();
        _preprocessedValue.Dispose();
        _featuresValue.Dispose();
        _runOptions.Dispose();
    }
}
