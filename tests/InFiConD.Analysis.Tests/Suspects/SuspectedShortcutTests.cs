using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis.Tests;

public sealed class SuspectedShortcutTests
{
    private static readonly string[] Classes = ["tshirt", "sandal", "sneaker"];
    private static readonly string[] Concepts = ["strap", "sole", "mark", "sleeve"];

    /// <summary>
    /// 300 images, 100 per class; a mark on every third image of every class (the shifted split of a planted shortcut). The
    /// sneaker student reads sole and, when <paramref name="planted"/>, the mark; the teacher is always right.
    /// </summary>
    private static (StudentEnsemble Students, ConceptScores Scores, TeacherOutputs Teacher, int[] Truth) Shoes(bool planted, int seed = 3)
    {
        var random = new Random(seed);
        const int n = 300;
        var values = new FloatMatrix(n, Concepts.Length);
        var truth = new int[n];
        for (var i = 0; i < n; i++)
        {
            var cls = truth[i] = i % 3;
            float Noise() => 0.05f * (float)random.NextDouble();
            values[i, 0] = (cls == 1 ? 0.6f : 0.1f) + Noise();
            values[i, 1] = (cls != 0 ? 0.6f : 0.1f) + Noise();
            values[i, 2] = ((i / 3) % 3 == 0 ? 0.7f : 0.05f) + Noise();
            values[i, 3] = (cls == 0 ? 0.5f : 0.1f) + Noise();
        }
        var ids = Enumerable.Range(0, n).Select(i => $"img{i:D3}").ToArray();
        var scores = ConceptScores.Create(values, ids, Concepts);
        var (mean, deviation) = (new float[4], new float[4]);
        Kernels.ColumnMeanAndDeviation(values, mean, deviation);
        // With the mark, the sneaker student's intercept makes up for the mark's absence on most images (as a fit would).
        var weights = FloatMatrix.FromRows([
            [-1f, -1f, 0f, 1f],
            [2f, 0.5f, 0f, -0.5f],
            [-1f, 1f, planted ? 5f : 0f, -1f]]);
        var students = StudentEnsemble.Create(Classes, Concepts, mean, deviation, weights, [0f, 0f, planted ? 2.5f : 0f]);
        return (students, scores, TeacherOutputs.FromLabels(truth, Classes, ids), truth);
    }

    [Fact]
    public void PlantedShortcut_IsTheSignificantTopSuspect_WithFixesMatchingRealPredictions()
    {
        var (students, scores, teacher, truth) = Shoes(planted: true);
        var report = MisalignmentReport.Build(students, scores, teacher, truth);

        var top = report.Suspects[0];
        Assert.Equal((1, "sneaker", "mark", true, SuspectEvidence.Errors), (top.Rank, top.ClassName, top.ConceptName, top.IsSignificant, top.Evidence));
        Assert.True(report.HasSignificantSuspect);
        Assert.Equal(1, top.WeightRank);
        Assert.Equal(4, top.Weights);

        // Presence is calibrated: the mark is present on exactly the 102 marked images.
        var marked = Enumerable.Range(0, 300).Where(i => (i / 3) % 3 == 0).ToArray();
        Assert.Equal(marked.Length, top.PresentCount);
        var predicted = students.PredictLabels(scores);
        var errors = Enumerable.Range(0, 300).Where(i => predicted[i] == 2 && truth[i] != 2).ToHashSet();
        Assert.Equal(marked.Count(errors.Contains), top.PresentHits);
        Assert.Equal(errors.Count - top.PresentHits, top.AbsentHits);
        Assert.Equal(FisherExactTestTests.BruteForce(300, errors.Count, marked.Length, top.PresentHits), top.PValue, 12);

        // The mean contribution is the weight times the mean standardised score over the marked images.
        var z = students.Standardize(scores.Values);
        Assert.Equal(students.StandardizedWeights(2)[2] * marked.Average(i => (double)z[i, 2]), top.MeanContribution, 5);

        // Only sneaker uses the mark, so the one fix is this class's; its estimate equals predicting with the weight set to 0
        // and the intercept taking the mark's contribution where it is absent.
        var fix = Assert.Single(top.Fixes);
        Assert.Same(fix, top.ProposedFix);
        Assert.Equal((FixScope.ThisClass, "mark"), (fix.Scope, fix.ConceptName));
        Assert.Equal(["sneaker"], fix.ClassNames);
        var after = Remove(students, scores, 2, [2], top.PresentCount);
        Assert.Equal(Accuracy(predicted, truth), fix.AccuracyBefore);
        Assert.Equal(Accuracy(after, truth), fix.AccuracyAfter);
        Assert.Equal(Accuracy(after, teacher.PredictedLabels.ToArray()), fix.AgreementAfter);
        Assert.True(fix.Gain > 0.2, $"gain {fix.Gain}");
        Assert.StartsWith("The student relies on mark for sneaker (weight +", top.Sentence, StringComparison.Ordinal);
        Assert.Contains("the student wrongly says sneaker", top.Sentence, StringComparison.Ordinal);
        Assert.Contains("Removing it from sneaker would raise accuracy from", top.Sentence, StringComparison.Ordinal);
        Assert.Contains("*mark*", top.SentenceMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_WithoutAPlantedShortcut_HasNoSignificantSuspect()
    {
        var (students, scores, teacher, truth) = Shoes(planted: false);
        var report = MisalignmentReport.Build(students, scores, teacher, truth);

        Assert.False(report.HasSignificantSuspect, string.Join(" | ", report.Suspects.Select(s => s.Sentence)));
        Assert.DoesNotContain(report.Suspects, s => s.ConceptName == "mark");
    }

    [Fact]
    public void WithoutGroundTruth_DisagreementsAreTheEvidence()
    {
        var (students, scores, teacher, _) = Shoes(planted: true);
        var report = MisalignmentReport.Build(students, scores, teacher);

        var top = report.Suspects[0];
        Assert.Equal(("sneaker", "mark", SuspectEvidence.Disagreements, true), (top.ClassName, top.ConceptName, top.Evidence, top.IsSignificant));
        Assert.Null(top.ProposedFix.AccuracyAfter);
        Assert.Contains("the student says sneaker where the teacher does not", top.Sentence, StringComparison.Ordinal);
        Assert.Contains("agreement with the teacher", top.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void AConceptSeveralClassesUse_GetsAnAllClassesFix_MatchingRealPredictions()
    {
        var (planted, scores, teacher, truth) = Shoes(planted: true);
        // The sandal student reads the mark too.
        var weights = planted.CopyStandardizedWeights();
        weights[1, 2] = 1f;
        var students = StudentEnsemble.Create(Classes, Concepts, planted.ConceptMean, planted.ConceptDeviation, weights, planted.Biases);
        var report = MisalignmentReport.Build(students, scores, teacher, truth);
        var suspect = report.Suspects[0];
        Assert.Equal(("sneaker", "mark", 2), (suspect.ClassName, suspect.ConceptName, suspect.Fixes.Count));

        var all = suspect.Fixes[1];
        Assert.Equal(FixScope.AllClasses, all.Scope);
        var j = scores.IndexOfConcept(suspect.ConceptName);
        var users = Enumerable.Range(0, 3).Where(k => students.StandardizedWeights(k)[j] != 0f).ToArray();
        Assert.Equal(users.Select(k => Classes[k]), all.ClassNames);
        var after = Remove(students, scores, j, users, suspect.PresentCount);
        Assert.Equal(Accuracy(after, truth), all.AccuracyAfter);
        Assert.Same(all.Gain > suspect.Fixes[0].Gain ? all : suspect.Fixes[0], suspect.ProposedFix);
    }

    [Fact]
    public void Ranking_SignificantByGain_ThenTheRestByEvidence_AndAdjustedPValuesAreHolm()
    {
        var p = AnalysisProblem.Create(n: 400, c: 9, k: 4, seed: 11);
        var report = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, p.GroundTruth, new MisalignmentOptions { TopSuspects = 1000 });
        Assert.NotEmpty(report.Suspects);
        for (var i = 1; i < report.Suspects.Count; i++)
        {
            var (a, b) = (report.Suspects[i - 1], report.Suspects[i]);
            Assert.True(a.IsSignificant || !b.IsSignificant);
            // Findings by what fixing them gains; the rest by the strength of the evidence.
            Assert.True(a.IsSignificant != b.IsSignificant || (a.IsSignificant ? a.ProposedFix.Gain >= b.ProposedFix.Gain : a.AdjustedPValue <= b.AdjustedPValue));
            Assert.Equal(i + 1, b.Rank);
        }
        Assert.All(report.Suspects, s =>
        {
            Assert.True(s.PresentRate > s.AbsentRate);
            Assert.InRange(s.AdjustedPValue, s.PValue, 1.0);
            Assert.Equal(report.SuspectTests, s.Tests);
            Assert.Equal(s.AdjustedPValue <= 0.05 && Math.Round(s.ProposedFix.Gain * 400) >= 5, s.IsSignificant);
        });
    }

    [Fact]
    public void MetadataColumns_AreSliceCandidates_CountedByHand()
    {
        var (students, scores, teacher, truth) = Shoes(planted: true);
        var marked = Enumerable.Range(0, 300).Select(i => (i / 3) % 3 == 0).ToArray();
        var metadata = ImageMetadata.Create(300, [new("has_mark", marked.Select(m => (string?)(m ? "yes" : "no")).ToArray()), new("id", Enumerable.Range(0, 300).Select(i => (string?)$"{i}").ToArray())]);
        var split = DataSplit.Create("shifted", scores, teacher, truth, metadata);
        var report = MisalignmentAnalyzer.Create(split).Analyze(students);

        var top = report.AttributeSlices[0];
        Assert.Equal(("has_mark", "yes", "sneaker", SubsetKind.StudentOnly), (top.Attribute, top.Value, top.ClassName, top.Kind));
        var predicted = students.PredictLabels(scores);
        var hits = Enumerable.Range(0, 300).Where(i => predicted[i] == 2 && truth[i] != 2).ToArray();
        Assert.Equal((102, hits.Count(i => marked[i]), 198, hits.Count(i => !marked[i])), (top.GroupCount, top.GroupHits, top.RestCount, top.RestHits));
        Assert.Equal(FisherExactTestTests.BruteForce(300, hits.Length, 102, top.GroupHits), top.PValue, 12);
        // Tested: per value of has_mark (the id column has too many values to be an attribute), every class and kind with a disagreement.
        Assert.Equal(Math.Min(1, top.PValue * report.AttributeSliceTests), top.AdjustedPValue, 15);
        Assert.DoesNotContain(report.AttributeSlices, s => s.Attribute == "id");
        Assert.StartsWith("When has_mark is yes, the student says sneaker where the teacher does not in ", top.Sentence, StringComparison.Ordinal);

        // Without metadata there are none.
        Assert.Empty(MisalignmentReport.Build(students, scores, teacher, truth).AttributeSlices);
    }

    [Fact]
    public void Holm_MatchesAHandComputation()
    {
        // Sorted: 0.01·4 = 0.04, 0.03·3 = 0.09, 0.04·2 = 0.08 → 0.09 (monotone), 0.5·1 = 0.5.
        var adjusted = SuspectFinder.Holm([0.01, 0.04, 0.03, 0.5]);
        Assert.Equal([0.04, 0.09, 0.09, 0.5], adjusted.Select(v => Math.Round(v, 12)));
        Assert.Equal([1.0, 1.0], SuspectFinder.Holm([0.6, 0.7]));
    }

    [Fact]
    public void Suspects_RoundTripAsJson_AndTopSuspectsLimits()
    {
        var (students, scores, teacher, truth) = Shoes(planted: true);
        var report = MisalignmentReport.Build(students, scores, teacher, truth, new MisalignmentOptions { TopSuspects = 1 });
        Assert.Single(report.Suspects);
        var json = System.Text.Json.JsonSerializer.Serialize(report, AnalysisJsonContext.Default.MisalignmentReport);
        Assert.Contains("\"suspects\":[{\"rank\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"evidence\":\"Errors\"", json, StringComparison.Ordinal);
        Assert.Empty(MisalignmentReport.Build(students, scores, teacher, truth, new MisalignmentOptions { TopSuspects = 0 }).Suspects);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MisalignmentOptions { SignificanceLevel = 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MisalignmentOptions { TopSuspects = -1 }.Validate());
    }

    /// <summary>
    /// Predictions with concept j's weight zeroed for <paramref name="classes"/>, each intercept taking the weight times the
    /// mean standardised score of the images where j is absent (the <paramref name="present"/> highest-scoring are present).
    /// </summary>
    private static int[] Remove(StudentEnsemble students, ConceptScores scores, int j, int[] classes, int present)
    {
        var z = students.Standardize(scores.Values);
        var column = Enumerable.Range(0, scores.ImageCount).Select(i => (Score: scores[i, j], Z: (double)z[i, j])).OrderByDescending(p => p.Score).ToArray();
        var absent = column.Skip(present).Average(p => p.Z);
        var (weights, bias) = (students.CopyStandardizedWeights(), students.Biases.ToArray());
        foreach (var k in classes)
        {
            bias[k] += (float)(weights[k, j] * absent);
            weights[k, j] = 0f;
        }
        return StudentEnsemble.Create(Classes, Concepts, students.ConceptMean, students.ConceptDeviation, weights, bias).PredictLabels(scores);
    }

    private static double Accuracy(int[] predicted, int[] truth) => (double)predicted.Zip(truth).Count(p => p.First == p.Second) / truth.Length;
}
