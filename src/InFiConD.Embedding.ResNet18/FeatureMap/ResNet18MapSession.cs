using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Embedding;

/// <summary>
/// The ONNX Runtime session on <see cref="ResNet18DenseGraph"/>'s graph, with the names snapshotted at load and the
/// options it runs with. Sessions are safe to run from several threads at once, so the pipeline's workers share it.
/// </summary>
internal sealed class ResNet18MapSession : IDisposable
{
    private ResNet18MapSession(InferenceSession session, string name, ResNet18FeatureMapOptions options, ExecutionProviderChoice provider)
    {
        Provider = provider;
        Session = session;
        Name = name;
        Options = options;
        InputName = session.InputMetadata.Keys.Single();
        OutputName = session.OutputMetadata.Keys.Single();
    }

    internal InferenceSession Session { get; }

    /// <summary>How errors name the model: the network file, cut.</summary>
    internal string Name { get; }

    /// <summary>The provider the session runs on, and why when it is not the one asked for.</summary>
    internal ExecutionProviderChoice Provider { get; }

    internal ResNet18FeatureMapOptions Options { get; }

    internal string InputName { get; }

    internal string OutputName { get; }

    /// <exception cref="Core.InvalidFileException">A model file is not the expected packaged graph, or the runtime cannot load the built one.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">The provider asked for cannot be used and the options say to throw.</exception>
    internal static ResNet18MapSession Open(ResNet18ModelFiles files, ResNet18FeatureMapOptions options)
    {
        var name = $"{files.NetworkPath} (with {Path.GetFileName(files.PreprocessPath)} in front, cut before its global pooling)";
        using var sessionOptions = OnnxRun.SessionOptions(options.ResolvedIntraOpThreads, options.LogLevel);
        sessionOptions.InterOpNumThreads = 1;
        sessionOptions.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
        sessionOptions.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        var provider = ExecutionProviderSelection.Apply(sessionOptions, options.ExecutionProvider, options.ProviderFallback);
        return new ResNet18MapSession(OnnxRun.Open(ResNet18DenseGraph.Build(files), name, sessionOptions), name, options, provider);
    }

    public void Dispose() => Session.Dispose();
}
