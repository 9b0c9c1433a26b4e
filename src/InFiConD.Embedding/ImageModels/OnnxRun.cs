using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;

namespace InFiConD.Embedding;

/// <summary>
/// The one place the library's image and text models open ONNX Runtime sessions and run them: session and run options
/// with the chosen <see cref="OnnxLogLevel"/>, and runs whose <see cref="OnnxRuntimeException"/> becomes a
/// <see cref="ModelRunException"/> naming the model file and every input fed with its shape. Public so that an encoder
/// in a package of its own (the packaged ResNet-18's, or yours) opens and runs its sessions the same way.
/// </summary>
public static class OnnxRun
{
    /// <summary>ONNX Runtime's level for <paramref name="level"/>.</summary>
    /// <param name="level">The library's level.</param>
    /// <returns>ONNX Runtime's.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is undefined.</exception>
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
    /// <param name="intraOpThreads">Threads per call; 0 for ONNX Runtime's default.</param>
    /// <param name="level">What ONNX Runtime writes to stderr.</param>
    /// <returns>The options.</returns>
    public static SessionOptions SessionOptions(int intraOpThreads, OnnxLogLevel level) => new()
    {
        IntraOpNumThreads = intraOpThreads,
        LogSeverityLevel = ToOrt(level),
    };

    /// <summary>Run options with the log level (a run's messages follow the run's level, not the session's); the caller disposes them.</summary>
    /// <param name="level">What ONNX Runtime writes to stderr during the run.</param>
    /// <returns>The options.</returns>
    public static RunOptions RunOptions(OnnxLogLevel level) => new() { LogSeverityLevel = ToOrt(level) };

    /// <summary>Opens a session on <paramref name="path"/>; a file the runtime cannot load is an <see cref="InvalidFileException"/> naming it.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="options">The session options.</param>
    /// <returns>The session; the caller disposes it.</returns>
    /// <exception cref="InvalidFileException">ONNX Runtime cannot load the file (its exception is the inner exception).</exception>
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
    /// <param name="model">The serialised model.</param>
    /// <param name="name">What to call it in messages.</param>
    /// <param name="options">The session options.</param>
    /// <returns>The session; the caller disposes it.</returns>
    /// <exception cref="InvalidFileException">ONNX Runtime cannot load the model (its exception is the inner exception).</exception>
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
    /// <param name="session">The session.</param>
    /// <param name="modelPath">The model file (or name), for messages.</param>
    /// <param name="options">The run options.</param>
    /// <param name="inputNames">The inputs' names.</param>
    /// <param name="inputs">The inputs, in the same order.</param>
    /// <param name="outputNames">The outputs wanted.</param>
    /// <returns>The outputs, in the order asked; the caller disposes them.</returns>
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
    /// <param name="session">The session.</param>
    /// <param name="modelPath">The model file (or name), for messages.</param>
    /// <param name="options">The run options.</param>
    /// <param name="inputNames">The inputs' names.</param>
    /// <param name="inputs">The inputs, in the same order.</param>
    /// <param name="outputNames">The outputs' names.</param>
    /// <param name="outputs">Tensors of the outputs' shapes, written in place.</param>
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
