using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis.Tests;

public sealed class MisalignmentReportTests
{
    /// <summary>What the teacher and the student say about (image, class), recomputed through the students' own public API.</summary>
    private static (bool[,] Teacher, bool[,] Student, int[] TeacherTop, int[] StudentTop) SayByHand(AnalysisProblem p, float threshold = 0.5f)
    {
        var teacherTop = p.Teacher.PredictedLabels.ToArray();
        var studentTop = p.Students.PredictLabels(p.Scores);
        var multi = p.Students.PredictMultiLabel(p.Scores.Values, threshold);
        var (teacher, student) = (new bool[p.N, p.K], new bool[p.N, p.K]);
        for (var n = 0; n < p.N; n++)
        {
            for (var k = 0; k < p.K; k++)
            {
                teacher[n, k] = p.Teacher.MultiLabel ? p.Teacher.Probabilities[n, k] >= threshold : teacherTop[n] == k;
                student[n, k] = p.Teacher.MultiLabel ? multi[n][k] : studentTop[n] == k;
            }
        }
        return (teacher, student, teacherTop, studentTop);
    }

    private static SubsetKind KindByHand(bool teacher, bool student) =>
        teacher ? (student ? SubsetKind.AgreePositive : SubsetKind.TeacherOnly) : (student ? SubsetKind.StudentOnly : SubsetKind.AgreeNegative);

    [Theory]
    [InlineData(false, 0.5f)]
    [InlineData(true, 0.5f)]
    [InlineData(true, 0.3f)]
    public void Subsets_MatchBruteForceRecount(bool multiLabel, float threshold)
    {
        var p = AnalysisProblem.Create(multiLabel: multiLabel);
        var report = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: new MisalignmentOptions { MultiLabelThreshold = threshold });
        var (teacher, student, _, _) = SayByHand(p, threshold);

        Assert.Equal(multiLabel, report.MultiLabel);
        Assert.Equal(p.N, report.ImageCount);
        Assert.Equal(p.K, report.Classes.Count);
        var sawDisagreement = false;
        for (var k = 0; k < p.K; k++)
        {
            var entry = report.Classes[k];
            Assert.Equal(k, entry.ClassIndex);
            Assert.Equal($"class{k}", entry.ClassName);
            var agree = 0;
            foreach (var kind in Enum.GetValues<SubsetKind>())
            {
                var expected = new List<string>();
                for (var n = 0; n < p.N; n++)
                {
                    if (KindByHand(teacher[n, k], student[n, k]) == kind)
                    {
                        expected.Add(p.Scores.ImageIds[n]);
                    }
                }
                var subset = entry.Subset(kind);
                Assert.Equal(kind, subset.Kind);
                Assert.Equal(expected.Count, subset.Count);
                Assert.Equal(expected, subset.ImageIds);
                Assert.Null(subset.GroundTruth);
                agree += kind is SubsetKind.AgreePositive or SubsetKind.AgreeNegative ? expected.Count : 0;
                sawDisagreement |= kind is SubsetKind.TeacherOnly or SubsetKind.StudentOnly && expected.Count > 0;
            }
            Assert.Equal((double)agree / p.N, entry.Agreement, 12);
        }
        Assert.True(sawDisagreement, "the problem should contain disagreements");
    }

    [Fact]
    public void Confusion_MatchesBruteForceAndSums()
    {
        var p = AnalysisProblem.Create(k: 5);
        var report = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher);
        var (_, _, teacherTop, studentTop) = SayByHand(p);

        var expected = new int[p.K, p.K];
        var agree = 0;
        for (var n = 0; n < p.N; n++)
        {
            expected[teacherTop[n], studentTop[n]]++;
            agree += teacherTop[n] == studentTop[n] ? 1 : 0;
        }
        var total = 0;
        for (var t = 0; t < p.K; t++)
        {
            for (var s = 0; s < p.K; s++)
            {
                Assert.Equal(expected[t, s], report.Confusion[t][s]);
                total += report.Confusion[t][s];
            }
            // Row t sums to the images the teacher calls t; column t to those the student calls t (single-label: AP + TO, AP + SO).
            var entry = report.Classes[t];
            Assert.Equal(entry.AgreePositive.Count + entry.TeacherOnly.Count, report.Confusion[t].Sum());
            Assert.Equal(entry.AgreePositive.Count + entry.StudentOnly.Count, Enumerable.Range(0, p.K).Sum(r => report.Confusion[r][t]));
            Assert.Equal(entry.AgreePositive.Count, report.Confusion[t][t]);
        }
        Assert.Equal(p.N, total);
        Assert.Equal((double)agree / p.N, report.Agreement, 12);
        Assert.Equal(Fidelity.Measure(p.Students, p.Scores, p.Teacher).Top1Agreement, report.Agreement, 12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GroundTruth_SplitsEverySubsetByTeacherCorrectness(bool multiLabel)
    {
        var p = AnalysisProblem.Create(multiLabel: multiLabel);
        var report = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, p.GroundTruth);
        var (teacher, student, _, _) = SayByHand(p);

        Assert.True(report.HasGroundTruth);
        for (var k = 0; k < p.K; k++)
        {
            foreach (var kind in Enum.GetValues<SubsetKind>())
            {
                var (right, wrong) = (new List<string>(), new List<string>());
                for (var n = 0; n < p.N; n++)
                {
                    if (KindByHand(teacher[n, k], student[n, k]) == kind)
                    {
                        (teacher[n, k] == (p.GroundTruth[n] == k) ? right : wrong).Add(p.Scores.ImageIds[n]);
                    }
                }
                var split = report.Classes[k].Subset(kind).GroundTruth;
                Assert.NotNull(split);
                Assert.Equal(right.Count, split.TeacherRightCount);
                Assert.Equal(wrong.Count, split.TeacherWrongCount);
                Assert.Equal(right, split.TeacherRightIds);
                Assert.Equal(wrong, split.TeacherWrongIds);
                Assert.Equal(report.Classes[k].Subset(kind).Count, split.TeacherRightCount + split.TeacherWrongCount);
            }
        }
    }

    [Fact]
    public void GroundTruth_ByNameEqualsByIndex()
    {
        var p = AnalysisProblem.Create();
        var byIndex = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, p.GroundTruth);
        var byName = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, p.GroundTruth.Select(k => $"class{k}").ToArray());

        Assert.Equal(Json.Serialize(byIndex), Json.Serialize(byName));
    }

    [Fact]
    public void AllAgree_GivesEmptyMisalignedSubsetsRankingsAndSlices()
    {
        var p = AnalysisProblem.Create();
        // A hard teacher that says exactly what the students say.
        var teacher = TeacherOutputs.FromLabels(p.Students.PredictLabels(p.Scores), p.Students.ClassNames, p.Scores.ImageIds);
        var report = MisalignmentReport.Build(p.Students, p.Scores, teacher, options: new MisalignmentOptions { MinimumSupport = 1 });

        Assert.Equal(1.0, report.Agreement);
        Assert.Empty(report.TopSlices);
        Assert.Equal(0, report.SliceTests);
        foreach (var entry in report.Classes)
        {
            Assert.Equal(0, entry.TeacherOnly.Count);
            Assert.Equal(0, entry.StudentOnly.Count);
            Assert.Empty(entry.TeacherOnly.ImageIds);
            Assert.Empty(entry.TeacherOnlyConcepts);
            Assert.Empty(entry.StudentOnlyConcepts);
            Assert.Empty(entry.TeacherOnlySlices);
            Assert.Empty(entry.StudentOnlySlices);
            Assert.Equal(1.0, entry.Agreement);
        }
        for (var t = 0; t < p.K; t++)
        {
            for (var s = 0; s < p.K; s++)
            {
                Assert.True(t == s || report.Confusion[t][s] == 0);
            }
        }
        Assert.DoesNotContain("NaN", Json.Serialize(report), StringComparison.Ordinal);
    }

    [Fact]
    public void SingleImage_Works()
    {
        var p = AnalysisProblem.Create();
        var one = p.Scores.SelectImages([p.Scores.ImageIds[3]]);
        var report = MisalignmentReport.Build(p.Students, one, p.Teacher);

        Assert.Equal(1, report.ImageCount);
        Assert.Equal(1, report.Classes.Sum(c => c.AgreePositive.Count + c.TeacherOnly.Count));
        Assert.Empty(report.TopSlices);
    }

    [Fact]
    public void TeacherWithMoreImagesInAnotherOrder_IsAligned()
    {
        var p = AnalysisProblem.Create();
        var subset = p.Scores.SelectImages(p.Scores.ImageIds.Skip(10).Take(100).Reverse());
        var report = MisalignmentReport.Build(p.Students, subset, p.Teacher);
        var teacherTop = p.Teacher.PredictedLabels;
        var studentTop = p.Students.PredictLabels(subset);

        for (var i = 0; i < subset.ImageCount; i++)
        {
            var row = p.Scores.IndexOfImage(subset.ImageIds[i]);
            var k = teacherTop[row];
            var kind = studentTop[i] == k ? SubsetKind.AgreePositive : SubsetKind.TeacherOnly;
            Assert.Contains(subset.ImageIds[i], report.Classes[k].Subset(kind).ImageIds);
        }
    }

    [Fact]
    public void Report_IsIdenticalForAnyThreadCount()
    {
        var p = AnalysisProblem.Create(n: 500, c: 20, k: 6);
        var one = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, p.GroundTruth, new MisalignmentOptions { MaxDegreeOfParallelism = 1, MinimumSupport = 1 });
        var four = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, p.GroundTruth, new MisalignmentOptions { MaxDegreeOfParallelism = 4, MinimumSupport = 1 });

        Assert.Equal(Json.Serialize(one with { Options = four.Options }), Json.Serialize(four));
    }

    [Fact]
    public void ForClass_FindsByNameAndRejectsUnknown()
    {
        var p = AnalysisProblem.Create();
        var report = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher);

        Assert.Same(report.Classes[2], report.ForClass("class2"));
        Assert.Throws<KeyNotFoundException>(() => report.ForClass("boat"));
        Assert.Throws<ArgumentOutOfRangeException>(() => report.Classes[0].Concepts(SubsetKind.AgreePositive));
        Assert.Throws<ArgumentOutOfRangeException>(() => report.Classes[0].Slices(SubsetKind.AgreeNegative));
    }

    [Fact]
    public void BadInputs_GiveClearErrors()
    {
        var p = AnalysisProblem.Create();
        var renamed = ConceptScores.Create(p.Scores.Values, p.Scores.ImageIds, p.Scores.ConceptNames.Select((c, j) => j == 4 ? "water" : c).ToArray());
        var concepts = Assert.Throws<ArgumentException>(() => MisalignmentReport.Build(p.Students, renamed, p.Teacher));
        Assert.Contains("position 4", concepts.Message, StringComparison.Ordinal);
        Assert.Contains("'water'", concepts.Message, StringComparison.Ordinal);

        var otherClasses = TeacherOutputs.FromProbabilities(p.Teacher.Probabilities, ["class0", "class1", "boat", "class3"], p.Teacher.ImageIds);
        var classes = Assert.Throws<ArgumentException>(() => MisalignmentReport.Build(p.Students, p.Scores, otherClasses));
        Assert.Contains("position 2", classes.Message, StringComparison.Ordinal);

        var fewer = p.Scores.SelectImages(p.Scores.ImageIds.Take(20));
        var fewerTeacher = p.Teacher.AlignTo(fewer.ImageIds);
        var missing = Assert.Throws<ArgumentException>(() => MisalignmentReport.Build(p.Students, p.Scores, fewerTeacher));
        Assert.Contains("img-0020", missing.Message, StringComparison.Ordinal);

        Assert.Throws<ShapeMismatchException>(() => MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, new int[p.N - 1]));
        var badLabel = (int[])p.GroundTruth.Clone();
        badLabel[17] = p.K;
        var label = Assert.Throws<ArgumentOutOfRangeException>(() => MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, badLabel));
        Assert.Contains("row 17", label.Message, StringComparison.Ordinal);
        var names = p.GroundTruth.Select(k => $"class{k}").ToArray();
        names[5] = "boat";
        var name = Assert.Throws<ArgumentException>(() => MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, names));
        Assert.Contains("row 5", name.Message, StringComparison.Ordinal);
        Assert.Contains("'boat'", name.Message, StringComparison.Ordinal);

        var empty = p.Scores.SelectImages([]);
        Assert.Throws<ArgumentException>(() => MisalignmentReport.Build(p.Students, empty, p.Teacher));

        Assert.Throws<ArgumentOutOfRangeException>(() => MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: new MisalignmentOptions { HighFraction = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: new MisalignmentOptions { MultiLabelThreshold = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: new MisalignmentOptions { MinimumSupport = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: new MisalignmentOptions { TopConcepts = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: new MisalignmentOptions { TopSlices = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: new MisalignmentOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Throws<ArgumentNullException>(() => MisalignmentReport.Build(null!, p.Scores, p.Teacher));
    }

    [Fact]
    public void Cancellation_IsObserved()
    {
        var p = AnalysisProblem.Create();
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, cancellationToken: source.Token));
    }

    [Fact]
    public void FittedStudents_ReportIsConsistentWithFidelity()
    {
        var p = AnalysisProblem.Create(n: 300);
        var (students, _) = StudentEnsemble.Fit(p.Scores, p.Teacher);
        var report = MisalignmentReport.Build(students, p.Scores, p.Teacher);
        var fidelity = Fidelity.Measure(students, p.Scores, p.Teacher);

        Assert.Equal(fidelity.Top1Agreement, report.Agreement, 12);
        for (var k = 0; k < p.K; k++)
        {
            var entry = report.Classes[k];
            Assert.Equal(fidelity.PerClass[k].Support, entry.AgreePositive.Count + entry.TeacherOnly.Count);
            Assert.Equal(fidelity.PerClass[k].StudentCount, entry.AgreePositive.Count + entry.StudentOnly.Count);
        }
    }
}
