using System.Globalization;
using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Embedding;

/// <summary>
/// The two ONNX Runtime sessions (preprocessing model, network) and the names snapshotted from their
/// metadata at load. Sessions are safe to run from several threads at once, so workers share them.
/// </summary>
internal sealed class ResNet18Sessions : IDisposable
{
    private ResNet18Sessions(ResNet18ModelFiles files, OnnxLogLevel logLevel, InferenceSession preprocess, string preprocessInput, string preprocessOutput,
        InferenceSession network, string networkInput, string networkOutput)
    {
        Files = files;
        LogLevel = logLevel;
        Preprocess = preprocess;
        PreprocessInput = preprocessInput;
        PreprocessOutput = preprocessOutput;
        Network = network;
        NetworkInput = networkInput;
        NetworkOutput = networkOutput;
    }

    /// <summary>The two model files, named by errors.</summary>
    internal ResNet18ModelFiles Files { get; }

    /// <summary>The ONNX Runtime log level of both sessions and their runs.</summary>
    internal OnnxLogLevel LogLevel { get; }

    internal InferenceSession Preprocess { get; }

    internal string PreprocessInput { get; }

    internal string PreprocessOutput { get; }

    internal InferenceSession Network { get; }

    internal string NetworkInput { get; }

    internal string NetworkOutput { get; }

    /// <summary>Opens both models and checks that they take and give what the backbone writes and reads.</summary>
    /// <exception cref="InvalidFileException">A model cannot be loaded, or its input/output is not the expected single float tensor; names expected and actual.</exception>
    internal static ResNet18Sessions Open(ResNet18ModelFiles files, int intraOpThreads, OnnxLogLevel logLevel)
    {
        int[] image = [1, 3, ResNet18Backbone.ImageSide, ResNet18Backbone.ImageSide];
        int[] features = [1, ResNet18Backbone.FeatureDimension, 1, 1];
        var preprocess = OpenSession(files.PreprocessPath, intraOpThreads, logLevel);
        try
        {
            var (prepIn, prepOut) = CheckSignature(preprocess, files.PreprocessPath, image, image);
            var network = OpenSession(files.NetworkPath, intraOpThreads, logLevel);
            try
            {
                var (netIn, netOut) = CheckSignature(network, files.NetworkPath, image, features);
                return new ResNet18Sessions(files, logLevel, preprocess, prepIn, prepOut, network, netIn, netOut);
            }
            catch
            {
                network.Dispose();
                throw;
            }
        }
        catch
        {
            preprocess.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Preprocess.Dispose();
        Network.Dispose();
    }

    private static InferenceSession OpenSession(string path, int intraOpThreads, OnnxLogLevel logLevel)
    {
        // One thread pool per session, sized by the caller: parallel images times intra-op threads should
        // not exceed the processors, and inter-op parallelism buys nothing on these linear graphs.
        using var options = OnnxRun.SessionOptions(intraOpThreads, logLevel);
        options.InterOpNumThreads = 1;
        options.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
        options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        return OnnxRun.Open(path, options);
    }

    private static (string Input, string Output) CheckSignature(InferenceSession session, string path, int[] input, int[] output)
    {
        if (session.InputMetadata.Count != 1 || !Fits(session.InputMetadata.Single().Value, input))
        {
            throw new InvalidFileException(path, "inputs", null, $"Expected one float input [{Describe(input)}]; the model has {List(session.InputMetadata)}.");
        }
        if (session.OutputMetadata.Count != 1 || !Fits(session.OutputMetadata.Single().Value, output))
        {
            throw new InvalidFileException(path, "outputs", null, $"Expected one float output [{Describe(output)}]; the model has {List(session.OutputMetadata)}.");
        }
        return (session.InputMetadata.Single().Key, session.OutputMetadata.Single().Key);
    }

    /// <summary>Whether a tensor's metadata matches a shape; a symbolic (−1) dimension matches anything.</summary>
    private static bool Fits(NodeMetadata metadata, int[] shape) =>
        metadata.IsTensor && metadata.ElementType == typeof(float) && metadata.Dimensions.Length == shape.Length
        && metadata.Dimensions.Zip(shape).All(p => p.First < 0 || p.First == p.Second);

    private static string List(IReadOnlyDictionary<string, NodeMetadata> values) =>
        values.Count == 0 ? "none" : string.Join(", ", values.Select(p => $"'{p.Key}' {(p.Value.IsTensor ? p.Value.ElementType.Name : p.Value.OnnxValueType.ToString())} [{Describe(p.Value.Dimensions)}]"));

    private static string Describe(int[] dimensions) =>
        string.Join(" × ", dimensions.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)));
}
