using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static InFiConD.Students.StudentOnnxExporter;

namespace InFiConD.Students;

/// <summary>Runs an exported student model in ONNX Runtime and compares it with the library's predictions.</summary>
internal static class StudentOnnxVerifier
{
    public static StudentOnnxCheck Check(StudentEnsemble students, string modelPath, FloatMatrix sample, float tolerance)
    {
        var (n, c, k) = (sample.Rows, students.ConceptCount, students.ClassCount);
        using var session = Open(modelPath);
        RequireSignature(session, modelPath, c, k);

        using var input = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, [n, c]);
        sample.AsSpan().CopyTo(input.GetTensorMutableDataAsSpan<float>());
        using var runOptions = new RunOptions();
        using var outputs = Run(session, modelPath, runOptions, input, [n, c]);
        var (logits, probabilities, labels) = (outputs[0], outputs[1], outputs[2]);
        RequireShape(logits, LogitsName, [n, k]);
        RequireShape(probabilities, ProbabilitiesName, [n, k]);
        RequireShape(labels, LabelName, [n]);

        var logitDifference = MaxAbsDifference(logits.GetTensorDataAsSpan<float>(), students.Logits(sample).AsSpan());
        var probabilityDifference = MaxAbsDifference(probabilities.GetTensorDataAsSpan<float>(), students.PredictProbabilities(sample).AsSpan());
        var expected = students.PredictLabels(sample);
        var actual = labels.GetTensorDataAsSpan<long>();
        var matching = 0;
        for (var i = 0; i < n; i++)
        {
            matching += actual[i] == expected[i] ? 1 : 0;
        }
        return new StudentOnnxCheck(n, logitDifference, probabilityDifference, matching, tolerance);
    }

    /// <summary>Opens the file; one ONNX Runtime cannot load is an <see cref="InvalidFileException"/> naming it.</summary>
    private static InferenceSession Open(string modelPath)
    {
        try
        {
            return new InferenceSession(modelPath);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidFileException(modelPath, null, null, $"ONNX Runtime cannot load the model: {e.Message}", e);
        }
    }

    /// <summary>Runs the model on the sample; a runtime failure is a <see cref="ModelRunException"/> naming the file and the input.</summary>
    private static IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, string modelPath, RunOptions runOptions, OrtValue input, long[] shape)
    {
        try
        {
            return session.Run(runOptions, [InputName], [input], [LogitsName, ProbabilitiesName, LabelName]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelRunException(modelPath, [new ModelInput(InputName, shape)], e.Message, e);
        }
    }

    /// <summary>max |a − b|; NaN as soon as one difference is NaN.</summary>
    private static float MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var max = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            var d = MathF.Abs(a[i] - b[i]);
            if (float.IsNaN(d))
            {
                return float.NaN;
            }
            max = MathF.Max(max, d);
        }
        return max;
    }

    private static void RequireSignature(InferenceSession session, string modelPath, int c, int k)
    {
        var input = Find(session.InputMetadata, InputName, modelPath);
        var logits = Find(session.OutputMetadata, LogitsName, modelPath);
        _ = Find(session.OutputMetadata, ProbabilitiesName, modelPath);
        _ = Find(session.OutputMetadata, LabelName, modelPath);
        if (input.Dimensions is not [_, var columns] || columns != c)
        {
            throw new ShapeMismatchException($"{modelPath}: {InputName}", $"N × {c}", Describe(input.Dimensions));
        }
        if (logits.Dimensions is not [_, var classes] || classes != k)
        {
            throw new ShapeMismatchException($"{modelPath}: {LogitsName}", $"N × {k}", Describe(logits.Dimensions));
        }
    }

    private static NodeMetadata Find(IReadOnlyDictionary<string, NodeMetadata> values, string name, string modelPath) =>
        values.TryGetValue(name, out var metadata) && metadata.IsTensor
            ? metadata
            : throw new InvalidFileException(modelPath, name, null, $"The model has no tensor '{name}'; expected a model written by {nameof(StudentOnnxExporter)} (has: {string.Join(", ", values.Keys)}).");

    private static void RequireShape(OrtValue value, string name, long[] expected)
    {
        var actual = value.GetTensorTypeAndShape().Shape;
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            throw new ShapeMismatchException(name, string.Join(" × ", expected), string.Join(" × ", actual));
        }
    }

    private static string Describe(int[] dimensions) => string.Join(" × ", dimensions.Select(d => d < 0 ? "N" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
