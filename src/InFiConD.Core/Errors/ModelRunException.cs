namespace InFiConD.Core;

/// <summary>
/// A model loaded without error failed while it ran (ONNX Runtime rejected an input's shape, or a node failed on the
/// values it was given). Names the model file, every input fed with its shape, and the runtime's own message; the
/// runtime's exception is kept as <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class ModelRunException : InFiConDException
{
    /// <summary>Creates the error.</summary>
    /// <param name="modelPath">The model file that was running.</param>
    /// <param name="inputs">The tensors fed, in order (at least one: the image or token input comes first).</param>
    /// <param name="runtimeMessage">The runtime's message, unchanged.</param>
    /// <param name="innerException">The runtime's exception.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="innerException"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> is empty.</exception>
    public ModelRunException(string modelPath, IReadOnlyList<ModelInput> inputs, string runtimeMessage, Exception? innerException)
        : base(Describe(modelPath, inputs, runtimeMessage), innerException)
    {
        ModelPath = modelPath;
        Inputs = inputs.ToArray();
        RuntimeMessage = runtimeMessage;
    }

    /// <summary>The model file that was running.</summary>
    public string ModelPath { get; }

    /// <summary>Every tensor fed to the run, in order; the first is the image (or token) input.</summary>
    public IReadOnlyList<ModelInput> Inputs { get; }

    /// <summary>The name of the first input fed (the image or token input).</summary>
    public string InputName => Inputs[0].Name;

    /// <summary>The shape of the first input fed.</summary>
    public IReadOnlyList<long> InputShape => Inputs[0].Shape;

    /// <summary>The runtime's message, unchanged.</summary>
    public string RuntimeMessage { get; }

    private static string Describe(string modelPath, IReadOnlyList<ModelInput> inputs, string runtimeMessage)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(runtimeMessage);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("A model run feeds at least one input.", nameof(inputs));
        }
        var fed = inputs.Count == 1 ? $"input {inputs[0]}" : $"inputs {string.Join(", ", inputs)}";
        return $"{modelPath}: the model failed to run on {fed}: {runtimeMessage}";
    }
}
