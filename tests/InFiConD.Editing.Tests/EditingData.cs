using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing.Tests;

/// <summary>
/// A small distillation problem with readable names: three classes, ten concepts (two pure noise), scores in [0, 0.4],
/// a planted sparse linear teacher (boat ← water, sail, hull; car ← road, wheel; house ← roof, window, grass) and
/// students fitted to it once, with λ large enough that some weights are exactly zero.
/// </summary>
internal sealed class EditingData
{
    internal static readonly string[] Concepts = ["water", "sail", "hull", "wheel", "road", "window", "roof", "grass", "noise a", "noise b"];
    internal static readonly string[] Classes = ["boat", "car", "house"];

    private static readonly Lazy<EditingData> Shared = new(() => new EditingData(360, seed: 5));

    private EditingData(int n, int seed)
    {
        (Scores, Teacher, GroundTruth) = Generate(n, seed, "img");
        Students = StudentEnsemble.Fit(Scores, Teacher, Options.Students).Ensemble;
    }

    /// <summary>Images drawn like the training images (another seed, another id prefix), labelled by the same planted teacher.</summary>
    internal static DataSplit HeldOut(string name, int n, int seed) => HeldOut(name, n, seed, metadata: null);

    internal static DataSplit HeldOut(string name, int n, int seed, ImageMetadata? metadata)
    {
        var (scores, teacher, truth) = Generate(n, seed, name);
        return DataSplit.Create(name, scores, teacher, truth, metadata);
    }

    private static (ConceptScores Scores, TeacherOutputs Teacher, int[] GroundTruth) Generate(int n, int seed, string prefix)
    {
        var random = new Random(seed);
        var values = new FloatMatrix(n, Concepts.Length);
        foreach (ref var v in values.AsSpan())
        {
            v = 0.4f * random.NextSingle();
        }
        var planted = new float[,]
        {
            { 9f, 6f, 5f, 0f, -4f, 0f, 0f, 0f, 0f, 0f },
            { -3f, 0f, 0f, 8f, 7f, 0f, 0f, 0f, 0f, 0f },
            { 0f, 0f, 0f, 0f, 0f, 6f, 7f, 4f, 0f, 0f },
        };
        var logits = new FloatMatrix(n, Classes.Length);
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < Classes.Length; k++)
            {
                double sum = -2.0 * (k == 0 ? 1 : 0);
                for (var j = 0; j < Concepts.Length; j++)
                {
                    sum += planted[k, j] * (values[i, j] - 0.2);
                }
                logits[i, k] = (float)(sum + 0.3 * (random.NextDouble() - 0.5));
            }
        }
        var ids = Enumerable.Range(0, n).Select(i => $"{prefix}-{i:D4}").ToArray();
        var teacher = TeacherOutputs.FromLogits(logits, Classes, ids);
        var truth = Enumerable.Range(0, n).Select(i => (teacher.PredictedLabels[i] + (i % 7 == 0 ? 1 : 0)) % Classes.Length).ToArray();
        return (ConceptScores.Create(values, ids, Concepts), teacher, truth);
    }

    internal static EditingData Default => Shared.Value;

    /// <summary>λ = 0.01 so that the noise concepts get exactly zero weights; two threads.</summary>
    internal static EditSessionOptions Options { get; } = new()
    {
        Students = new StudentOptions { Solver = new SolverOptions { L1 = 0.01, MaxIterations = 400, MaxDegreeOfParallelism = 2 }, Seed = 11 },
    };

    internal ConceptScores Scores { get; }

    internal TeacherOutputs Teacher { get; }

    internal int[] GroundTruth { get; }

    internal StudentEnsemble Students { get; }

    internal EditSession NewSession(ProvenanceLog? log = null) => EditSession.Create(Students, Scores, Teacher, GroundTruth, Options, log);

    internal static int ClassOf(string name) => Array.IndexOf(Classes, name);

    internal static int ConceptOf(string name) => Array.IndexOf(Concepts, name);

    internal static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }
        return bits;
    }

    internal static int[] Bits(IReadOnlyList<float> values) => Bits(values.ToArray().AsSpan());
}
