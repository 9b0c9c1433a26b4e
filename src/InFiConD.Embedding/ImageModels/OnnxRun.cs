using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Embedding;

/// <summary>
/// The one place the library's image and text models open ONNX Runtime sessions and run them: session and run options
/// with the chosen <see cref="OnnxLogLevel"/>, and runs whose <see cref="OnnxRuntimeException"/> becomes a
/// <see cref="ModelRunException"/> naming the model file and every input fed with its shape.
/// </summary>
internal static class OnnxRun
{
    /// <summary>ONNX Runtime's level for <paramref name="level"/>.</summary>
    public static OrtLoggingLevel ToOrt(OnnxLogLevel level) => level switch
    {
        OnnxLogLevel.Verbose => OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE,
        OnnxLogLevel.Info => OrtLoggingLevel.ORT_LOGGING_LEVEL_INFO,
        OnnxLogLevel.Warning => OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
        OnnxLogLevel.Error => OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        OnnxLogLevel.Fatal => OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not an OnnxLogLevel."),
    };

    /// <summary>Session options with <paramref name="intraOpThreads"/> threads per call (0: ONNX Runtime's default) and the log level; the caller disposes them.</summary>
    public static SessionOptions SessionOptions(int intraOpThreads, OnnxLogLevel level) => new()
    {
        IntraOpNumThreads = intraOpThreads,
        LogSeverityLevel = ToOrt(level),
    };

    /// <summary>Run options with the log level (a run's messages follow the run's level, not the session's); the caller disposes them.</summary>
    public static RunOptions RunOptions(OnnxLogLevel level) => new() { LogSeverityLevel = ToOrt(level) };

    /// <summary>Opens a session on <paramref name="path"/>; a file the runtime cannot load is an <see cref="InvalidFileException"/> naming it.</summary>
    public static InferenceSession Open(string path, SessionOptions options)
    {
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidFileException(path, null, null, $"ONNX Runtime cannot load the model: {e.Message}", e);
        }
    }

    /// <summary>Opens a session on a model built in memory; one the runtime cannot load is an <see cref="InvalidFileException"/> naming <paramref name="name"/>.</summary>
    public static InferenceSession Open(byte[] model, string name, SessionOptions options)
    {
        try
        {
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidFileException(name, null, null, $"ONNX Runtime cannot load the model: {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="session"/> and returns the outputs asked for.</summary>
    /// <exception cref="ModelRunException">The runtime failed; names <paramref name="modelPath"/> and the inputs with their shapes.</exception>
    public static IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, string modelPath, RunOptions options,
        IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs, IReadOnlyList<string> outputNames)
    {
        try
        {
            return session.Run(options, inputNames, inputs, outputNames);
        }
        catch (OnnxRuntimeException e)
        {
            throw Failure(modelPath, inputNames, inputs, e);
        }
    }

    /// <summary>Runs <paramref name="session"/> into outputs bound beforehand.</summary>
    /// <exception cref="ModelRunException">The runtime failed; names <paramref name="modelPath"/> and the inputs with their shapes.</exception>
    public static void Run(InferenceSession session, string modelPath, RunOptions options,
        IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs, IReadOnlyList<string> outputNames, IReadOnlyList<OrtValue> outputs)
    {
        try
        {
            session.Run(options, inputNames, inputs, outputNames, outputs);
        }
        catch (OnnxRuntimeException e)
        {
            throw Failure(modelPath, inputNames, inputs, e);
        }
    }

    private static ModelRunException Failure(string modelPath, IReadOnlyList<string> names, IReadOnlyList<OrtValue> inputs, OnnxRuntimeException error)
    {
        var fed = new ModelInput[names.Count];
        for (var i = 0; i < fed.Length; i++)
        {
            fed[i] = new ModelInput(names[i], inputs[i].GetTensorTypeAndShape().Shape);
        }
        return new ModelRunException(modelPath, fed, error.Message, error);
    }
}
