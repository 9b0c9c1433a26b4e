using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.CrashChild;

/// <summary>
/// A small distillation problem (120 images, 8 concepts, 3 classes) and its students, built the same way, bit for bit,
/// in every process: a log written by one child continues in the next, and the test checks files against it.
/// </summary>
public sealed class CrashData
{
    private static readonly string[] Concepts = ["water", "sail", "hull", "wheel", "road", "window", "roof", "grass"];
    private static readonly string[] Classes = ["boat", "car", "house"];

    private CrashData()
    {
        const int n = 120;
        var random = new Random(7);
        var values = new FloatMatrix(n, Concepts.Length);
        foreach (ref var v in values.AsSpan())
        {
            v = 0.4f * random.NextSingle();
        }
        var logits = new FloatMatrix(n, Classes.Length);
        for (var i = 0; i < n; i++)
        {
            logits[i, 0] = 9f * values[i, 0] + 6f * values[i, 1] + 5f * values[i, 2] - 4f * values[i, 4] - 2f;
            logits[i, 1] = 8f * values[i, 3] + 7f * values[i, 4] - 3f * values[i, 0] - 1.5f;
            logits[i, 2] = 6f * values[i, 5] + 7f * values[i, 6] + 4f * values[i, 7] - 2.5f;
        }
        var ids = Enumerable.Range(0, n).Select(i => $"img-{i:D4}").ToArray();
        Scores = ConceptScores.Create(values, ids, Concepts);
        Teacher = TeacherOutputs.FromLogits(logits, Classes, ids);
        Students = StudentEnsemble.Fit(Scores, Teacher, Options.Students).Ensemble;
    }

    /// <summary>One solver thread: the same bits whatever the machine.</summary>
    public static EditSessionOptions Options { get; } = new()
    {
        Students = new StudentOptions { Solver = new SolverOptions { L1 = 0.01, MaxIterations = 200, MaxDegreeOfParallelism = 1 }, Seed = 3 },
    };

    /// <summary>The data; built once per process (after <see cref="Options"/>, which it uses).</summary>
    public static CrashData Instance { get; } = new();

    /// <summary>The concept scores.</summary>
    public ConceptScores Scores { get; }

    /// <summary>The teacher's outputs.</summary>
    public TeacherOutputs Teacher { get; }

    /// <summary>The base students.</summary>
    public StudentEnsemble Students { get; }

    /// <summary>A session over the data, appending to <paramref name="log"/> when given.</summary>
    public EditSession NewSession(ProvenanceLog? log = null) => EditSession.Create(Students, Scores, Teacher, options: Options, log: log);

    /// <summary>The <paramref name="index"/>-th edit of an endless, always valid sequence (downtunes cycling over weights).</summary>
    public static ConceptEdit Edit(int index) =>
        ConceptEdit.Downtune(Classes[index % Classes.Length], Concepts[index / Classes.Length % Concepts.Length], 1.25);
}
