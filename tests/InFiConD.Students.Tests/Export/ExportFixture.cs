using InFiConD.Concepts;
using InFiConD.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace InFiConD.Students.Tests;

/// <summary>Ensembles to export, random scores, a direct ONNX Runtime run, and a scratch folder.</summary>
internal static class ExportFixture
{
    /// <summary>Largest |ONNX − library| accepted for logits and probabilities.</summary>
    public const float Tolerance = 1e-5f;

    private static readonly Lazy<StudentEnsemble> FittedEnsemble = new(FitEnsemble);

    /// <summary>K = 2, C = 3; concept 1 is constant (s = 0); 1/s is exact for the others.</summary>
    public static StudentEnsemble HandBuilt(float bias0 = 0.25f) => StudentEnsemble.Create(
        ["cat", "dog \"fluffy\""],
        ["stripes", "constant", "café ☕"],
        [1f, -2f, 0.5f],
        [2f, 0f, 0.5f],
        FloatMatrix.FromRows([[1f, 5f, -1f], [0.5f, -3f, 2f]]),
        [bias0, -0.5f]);

    /// <summary>Hand computation of <see cref="HandBuilt"/>'s logits in float64.</summary>
    public static double[] HandLogits(float[] x, float bias0 = 0.25f)
    {
        var z = new[] { (x[0] - 1.0) / 2.0, 0.0, (x[2] - 0.5) / 0.5 };
        return [1 * z[0] - 1 * z[2] + bias0, 0.5 * z[0] + 2 * z[2] - 0.5];
    }

    /// <summary>An ensemble fitted to a synthetic teacher: N = 240, C = 7 (one constant concept), K = 3.</summary>
    public static StudentEnsemble Fitted => FittedEnsemble.Value;

    public static FloatMatrix RandomScores(int n, int c, int seed)
    {
        var random = new Random(seed);
        var x = new FloatMatrix(n, c);
        foreach (ref var v in x.AsSpan()) v = (float)(random.NextDouble() * 0.6 - 0.1);
        return x;
    }

    /// <summary>Runs a session on <paramref name="x"/> and copies the three outputs out.</summary>
    public static (float[] Logits, float[] Probabilities, long[] Labels) Run(InferenceSession session, FloatMatrix x)
    {
        using var input = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, [x.Rows, x.Columns]);
        x.AsSpan().CopyTo(input.GetTensorMutableDataAsSpan<float>());
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [StudentOnnxExporter.InputName], [input],
            [StudentOnnxExporter.LogitsName, StudentOnnxExporter.ProbabilitiesName, StudentOnnxExporter.LabelName]);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[1].GetTensorDataAsSpan<float>().ToArray(), outputs[2].GetTensorDataAsSpan<long>().ToArray());
    }

    public static float MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0f;
        for (var i = 0; i < a.Length; i++) max = MathF.Max(max, MathF.Abs(a[i] - b[i]));
        return max;
    }

    private static StudentEnsemble FitEnsemble()
    {
        const int n = 240, c = 7, k = 3;
        var x = RandomScores(n, c, seed: 11);
        for (var i = 0; i < n; i++) x[i, 4] = 0.3f;
        var random = new Random(12);
        var teacher = new FloatMatrix(n, k);
        for (var i = 0; i < n; i++)
            for (var kk = 0; kk < k; kk++)
                teacher[i, kk] = 12f * (x[i, kk] - x[i, 6 - kk]) + (float)(random.NextDouble() - 0.5);
        var ids = Enumerable.Range(0, n).Select(i => $"img{i:D3}").ToArray();
        var concepts = Enumerable.Range(0, c).Select(j => $"concept {j}").ToArray();
        var scores = ConceptScores.Create(x, ids, concepts);
        var outputs = TeacherOutputs.FromLogits(teacher, ["alpha", "beta", "gamma"], ids);
        var (ensemble, _) = StudentEnsemble.Fit(scores, outputs);
        return ensemble;
    }

    /// <summary>A fresh folder under the temp path, deleted with its content on dispose.</summary>
    public sealed class Scratch : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "infid-onnx-" + Guid.NewGuid().ToString("N"));

        public Scratch() => Directory.CreateDirectory(Path);

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public string[] ListFiles() => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { }
        }
    }
}
