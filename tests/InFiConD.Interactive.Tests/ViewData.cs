using InFiConD.Analysis;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Interactive.Tests;

/// <summary>
/// Inputs for the views. <see cref="Hand"/> is small enough to check by hand: concept means 0 and deviations 1, so a
/// standardised score is the raw score and a contribution is <c>w · x</c>. Names carry HTML metacharacters to test escaping.
/// </summary>
internal static class ViewData
{
    public const string Water = "<water & \"sky\">";
    public const string Car = "car <b>'s";

    public static readonly string[] Concepts = [Water, "wheel", "sail"];
    public static readonly string[] Classes = ["boat", Car];
    public static readonly string[] Ids = ["img-0", "img-1", "img-2", "img-3"];

    /// <summary>4 images × 3 concepts.</summary>
    public static ConceptScores Scores() => ConceptScores.Create(FloatMatrix.FromValues(
        [
            0.50f, 0.10f, 0.40f,
            0.45f, 0.30f, 0.00f,
            0.05f, 0.00f, 0.20f,
            0.00f, 0.20f, 0.00f,
        ], 4, 3), Ids, Concepts);

    /// <summary>boat: +2·water − 0.5·sail + 0.1; car: +1·wheel − 0.2.</summary>
    public static StudentEnsemble Students() => StudentEnsemble.Create(Classes, Concepts, [0f, 0f, 0f], [1f, 1f, 1f],
        FloatMatrix.FromValues([2f, 0f, -0.5f, 0f, 1f, 0f], 2, 3), [0.1f, -0.2f]);

    /// <summary>The teacher says boat, car, car, car.</summary>
    public static TeacherOutputs Teacher() => TeacherOutputs.FromLogits(FloatMatrix.FromValues([2f, -1f, -1f, 1f, -1f, 1f, -1f, 1f], 4, 2), Classes, Ids);

    /// <summary>Random scores and a noisy teacher built from sparse random students, as the Analysis tests do.</summary>
    public static (ConceptScores Scores, TeacherOutputs Teacher, StudentEnsemble Students, int[] Truth) Random(int n = 160, int c = 6, int k = 3, int seed = 5)
    {
        var random = new Random(seed);
        var values = new FloatMatrix(n, c);
        foreach (ref var v in values.AsSpan())
        {
            v = MathF.Round(Math.Clamp(0.15f + 0.2f * (float)Gaussian(random), 0f, 0.5f) * 20f) / 20f;
        }
        var ids = Enumerable.Range(0, n).Select(i => $"img-{i:D4}").ToArray();
        var concepts = Enumerable.Range(0, c).Select(j => j == 0 ? Water : $"concept {j}").ToArray();
        var classes = Enumerable.Range(0, k).Select(i => i == 1 ? Car : $"class{i}").ToArray();
        var scores = ConceptScores.Create(values, ids, concepts);
        var mean = new float[c];
        var deviation = new float[c];
        Kernels.ColumnMeanAndDeviation(values, mean, deviation);
        var weights = new FloatMatrix(k, c);
        for (var cls = 0; cls < k; cls++)
        {
            for (var j = 0; j < c; j++)
            {
                weights[cls, j] = random.Next(3) == 0 ? 0f : (float)(1.5 * Gaussian(random));
            }
        }
        var students = StudentEnsemble.Create(classes, concepts, mean, deviation, weights, [.. Enumerable.Range(0, k).Select(_ => (float)(0.3 * Gaussian(random)))]);
        var logits = students.Logits(values);
        foreach (ref var v in logits.AsSpan())
        {
            v += (float)(1.5 * Gaussian(random));
        }
        var teacher = TeacherOutputs.FromLogits(logits, classes, ids);
        var truth = Enumerable.Range(0, n).Select(i => random.Next(4) == 0 ? random.Next(k) : teacher.PredictedLabels[i]).ToArray();
        return (scores, teacher, students, truth);
    }

    /// <summary>A report over the random problem, with a low support so slices are found.</summary>
    public static (MisalignmentReport Report, ConceptScores Scores, TeacherOutputs Teacher, StudentEnsemble Students, int[] Truth) RandomReport(bool groundTruth = true)
    {
        var (scores, teacher, students, truth) = Random();
        var report = MisalignmentReport.Build(students, scores, teacher, groundTruth ? truth : null, MisalignmentOptions.Default with { MinimumSupport = 3 });
        return (report, scores, teacher, students, truth);
    }

    /// <summary>
    /// A hand-made suspect: the student of boat leans on <see cref="Water"/>; 18 of 40 images with water are errors against
    /// 3 of 60 without; removing water from boat alone would lift accuracy 60 % → 75 %, from boat and car 60 % → 70 %.
    /// </summary>
    public static SuspectedShortcut Suspect(bool significant = true, int rank = 1)
    {
        var thisClass = new SuspectFix(FixScope.ThisClass, Water, ["boat"], 0.70, 0.78, 0.60, 0.75);
        var allClasses = new SuspectFix(FixScope.AllClasses, Water, ["boat", Car], 0.70, 0.74, 0.60, 0.70);
        return new SuspectedShortcut(rank, 0, "boat", 0, Water, 1.25, 1, 3, 0.9, SuspectEvidence.Errors, 40, 18, 60, 3, 1e-5,
            significant ? 0.0042 : 0.31, 12, significant, [thisClass, allClasses], thisClass,
            $"The student relies on {Water} for boat (weight +1.25, its largest of 3).", $"The student relies on **{Water}** for **boat**.");
    }

    /// <summary>
    /// A diagnosis of the shifted split at v2 over <see cref="Suspect"/>: both fixes measured on train and shifted, the narrow
    /// one proposed (shifted accuracy 60 % → <paramref name="shiftedAfter"/>).
    /// </summary>
    public static ShortcutDiagnosis Diagnosis(bool significant = true, double shiftedAfter = 0.76)
    {
        var suspect = Suspect(significant);
        var report = RandomReport().Report with { Suspects = [suspect], SuspectTests = 12, Split = "shifted", VersionId = "v2" };
        static SplitOutcome Outcome(string split, double before, double after) =>
            new(split, new EditMetrics(100, 0.9, before, []), new EditMetrics(100, 0.92, after, []), []);
        MeasuredFix Measured(SuspectFix estimate, double after) => new(estimate.Scope, Water, estimate.ClassNames,
            [ConceptEdit.Remove(estimate.Scope == FixScope.AllClasses ? ConceptEdit.AllClasses : "boat", Water)], "converged in 14 iterations",
            [Outcome("train", 1.0, 0.98), Outcome("shifted", 0.60, after)], "shifted", estimate);
        var narrow = Measured(suspect.Fixes[0], shiftedAfter);
        var wide = Measured(suspect.Fixes[1], shiftedAfter - 0.06);
        var sentence = shiftedAfter > 0.60 ? $"Proposed: remove {Water} from boat." : "No fix helps.";
        return new ShortcutDiagnosis("shifted", "v2", report, [new ConfirmedSuspect(suspect, [narrow, wide], narrow, sentence)], $"Suspected shortcut on shifted: {suspect.Sentence}");
    }

    /// <summary>A three-concept exemplar bank: "sail" reliable, "water <b>" flagged (AUC 0.55), "sky" not measured.</summary>
    /// <summary>v1 → v2 on "shifted": boat's water weight halved, one image fixed and one broken.</summary>
    public static VersionDiff Diff() => new("v1", "v2",
        [new WeightDelta(0, "boat", 0, Water, 0.8f, 0.4f), new WeightDelta(1, Car, 2, "sail", -0.25f, 0f)],
        [new BiasDelta(0, "boat", -1f, -0.9f)], 0.05, 0.1,
        [new ClassMetricsDelta("boat", 0.05, -1, 0), new ClassMetricsDelta(Car, 0, 0, 0)])
    {
        Split = "shifted",
        Changed = [new PredictionChange("img-1", "boat", Car, Car, Car), new PredictionChange("img-2", Car, "boat", Car, Car)],
    };

    /// <summary>Three λ on train and shifted; the second is within one point of the best shifted accuracy.</summary>
    public static RegularizationPath Path()
    {
        var fidelity = Fidelity.Measure(Students(), Scores(), Teacher(), [0, 1, 1, 0]);
        RegularizationPathPoint Point(double lambda, int weights, double shifted) => new(lambda, weights, new Dictionary<string, Fidelity>
        {
            ["train"] = fidelity with { GroundTruthAccuracy = 0.9 },
            ["shifted"] = fidelity with { GroundTruthAccuracy = shifted },
        });
        return new RegularizationPath([Point(0.5, 0, 0.4), Point(0.05, 3, 0.795), Point(0.005, 6, 0.8)], 0.001, "shifted", 1);
    }

    /// <summary>The random report against itself with boat's first weight removed: a real before/after of one split.</summary>
    public static ReportComparison Comparison()
    {
        var (_, scores, teacher, students, truth) = RandomReport();
        var weights = students.CopyStandardizedWeights();
        weights[0, 0] = 0f;
        var edited = StudentEnsemble.Create(students.ClassNames, students.ConceptNames, students.ConceptMean, students.ConceptDeviation, weights, students.Biases);
        var before = MisalignmentReport.Build(students, scores, teacher, truth) with { VersionId = "v0", Split = "shifted" };
        var after = MisalignmentReport.Build(edited, scores, teacher, truth) with { VersionId = "v1", Split = "shifted" };
        return ReportComparison.Of(before, after);
    }

    public static ConceptBank Bank() => ConceptBank.Create(["sail", "water <b>", "sky"], FloatMatrix.FromValues([1f, 0f, 0f, 1f, 1f, 1f], 3, 2), new ConceptBankOrigin(ConceptBankKind.Exemplar))
        .WithQuality([new ConceptQuality(0.91, 8, 8, 5, "cav"), new ConceptQuality(0.55, 8, 8, 5, "cav"), null])
        .WithPresenceThresholds([0.25f, 0.4f, 0.1f]);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
