using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis.Tests;

public sealed class ConceptContrastTests
{
    /// <summary>
    /// Six images, two concepts, two classes; μ = 0 and s = 1 so z = x. Class 0: w = (2, −1); class 1: w = (0, 1); no bias.
    /// Student top classes 0, 0 (tie 1 = 1, first wins), 1, 1, 0, 1; teacher labels 0, 1, 0, 1, 0, 0.
    /// </summary>
    private static (StudentEnsemble Students, ConceptScores Scores, TeacherOutputs Teacher) Tiny()
    {
        float[][] rows = [[1, 0], [1, 1], [0, 1], [0, 2], [2, 0], [0.5f, 3]];
        string[] ids = ["a", "b", "c", "d", "e", "f"];
        string[] concepts = ["water", "sail"];
        string[] classes = ["boat", "car"];
        var scores = ConceptScores.Create(FloatMatrix.FromRows(rows), ids, concepts);
        var students = StudentEnsemble.Create(classes, concepts, [0f, 0f], [1f, 1f], FloatMatrix.FromRows([[2f, -1f], [0f, 1f]]), [0f, 0f]);
        var teacher = TeacherOutputs.FromLabels([0, 1, 0, 1, 0, 0], classes, ids);
        return (students, scores, teacher);
    }

    [Fact]
    public void TinyExample_MatchesHandComputation()
    {
        var (students, scores, teacher) = Tiny();
        var report = MisalignmentReport.Build(students, scores, teacher);

        var boat = report.ForClass("boat");
        Assert.Equal(["a", "e"], boat.AgreePositive.ImageIds);
        Assert.Equal(["c", "f"], boat.TeacherOnly.ImageIds);
        Assert.Equal(["b"], boat.StudentOnly.ImageIds);
        Assert.Equal(["d"], boat.AgreeNegative.ImageIds);
        // Teacher-only {c, f} against agree-positive {a, e}:
        // water: mean(2·0, 2·0.5) = 0.5 against mean(2·1, 2·2) = 3 → −2.5; sail: mean(−1, −3) = −2 against 0 → −2.
        Assert.Collection(boat.TeacherOnlyConcepts,
            c => Assert.Equal((0, "water", 2f, 0.5, 3.0, -2.5), (c.ConceptIndex, c.ConceptName, c.Weight, c.SubsetMean, c.CounterpartMean, c.Difference)),
            c => Assert.Equal((1, "sail", -1f, -2.0, 0.0, -2.0), (c.ConceptIndex, c.ConceptName, c.Weight, c.SubsetMean, c.CounterpartMean, c.Difference)));
        // Student-only {b} against agree-negative {d}: water 2 against 0 → +2; sail −1 against −2 → +1.
        Assert.Collection(boat.StudentOnlyConcepts,
            c => Assert.Equal((0, 2.0, 0.0, 2.0), (c.ConceptIndex, c.SubsetMean, c.CounterpartMean, c.Difference)),
            c => Assert.Equal((1, -1.0, -2.0, 1.0), (c.ConceptIndex, c.SubsetMean, c.CounterpartMean, c.Difference)));

        var car = report.ForClass("car");
        Assert.Equal(["d"], car.AgreePositive.ImageIds);
        Assert.Equal(["b"], car.TeacherOnly.ImageIds);
        Assert.Equal(["c", "f"], car.StudentOnly.ImageIds);
        Assert.Equal(["a", "e"], car.AgreeNegative.ImageIds);
        // water has weight 0 for car: never ranked. sail: teacher-only 1 against 2 → −1; student-only mean(1, 3) = 2 against 0 → +2.
        Assert.Equal([(1, -1.0)], car.TeacherOnlyConcepts.Select(c => (c.ConceptIndex, c.Difference)));
        Assert.Equal([(1, 2.0)], car.StudentOnlyConcepts.Select(c => (c.ConceptIndex, c.Difference)));

        var top1 = MisalignmentReport.Build(students, scores, teacher, options: new MisalignmentOptions { TopConcepts = 1 });
        Assert.Equal([0], top1.ForClass("boat").TeacherOnlyConcepts.Select(c => c.ConceptIndex));
        var none = MisalignmentReport.Build(students, scores, teacher, options: new MisalignmentOptions { TopConcepts = 0 });
        Assert.Empty(none.ForClass("boat").TeacherOnlyConcepts);
    }

    [Fact]
    public void EmptyCounterpart_GivesEmptyRanking()
    {
        var (students, scores, _) = Tiny();
        // The teacher says "boat" everywhere; the student says it on a, b, e: no agree-negative images for boat.
        var teacher = TeacherOutputs.FromLabels([0, 0, 0, 0, 0, 0], students.ClassNames, scores.ImageIds);
        var report = MisalignmentReport.Build(students, scores, teacher);

        var boat = report.ForClass("boat");
        Assert.Equal(0, boat.AgreeNegative.Count);
        Assert.Equal(0, boat.StudentOnly.Count);
        Assert.Empty(boat.StudentOnlyConcepts);
        Assert.NotEmpty(boat.TeacherOnlyConcepts);
        // Car: the teacher never says it, so there are no teacher-only or agree-positive images.
        var car = report.ForClass("car");
        Assert.Equal(0, car.AgreePositive.Count);
        Assert.Empty(car.TeacherOnlyConcepts);
        Assert.All(report.Classes.SelectMany(c => c.TeacherOnlyConcepts.Concat(c.StudentOnlyConcepts)), c => Assert.True(double.IsFinite(c.Difference)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rankings_MatchBruteForceMeansOfContributions(bool multiLabel)
    {
        var p = AnalysisProblem.Create(n: 400, c: 15, k: 5, multiLabel: multiLabel);
        var options = new MisalignmentOptions { TopConcepts = 6 };
        var report = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: options);
        var mean = p.Students.ConceptMean.ToArray();
        var deviation = p.Students.ConceptDeviation.ToArray();

        var checkedRankings = 0;
        foreach (var entry in report.Classes)
        {
            var k = entry.ClassIndex;
            var w = p.Students.StandardizedWeights(k).ToArray();
            foreach (var (kind, counterpart, sign) in new[] { (SubsetKind.TeacherOnly, SubsetKind.AgreePositive, -1), (SubsetKind.StudentOnly, SubsetKind.AgreeNegative, 1) })
            {
                var rows = entry.Subset(kind).ImageIds.Select(p.Scores.IndexOfImage).ToArray();
                var other = entry.Subset(counterpart).ImageIds.Select(p.Scores.IndexOfImage).ToArray();
                if (rows.Length == 0 || other.Length == 0)
                {
                    Assert.Empty(entry.Concepts(kind));
                    continue;
                }
                var expected = new List<(int J, double Subset, double Counterpart, double Difference)>();
                for (var j = 0; j < p.C; j++)
                {
                    double MeanContribution(int[] set)
                    {
                        double sum = 0;
                        foreach (var n in set)
                        {
                            var z = deviation[j] == 0 ? 0 : (p.Scores[n, j] - (double)mean[j]) / deviation[j];
                            sum += w[j] * z;
                        }
                        return sum / set.Length;
                    }
                    var (a, b) = (MeanContribution(rows), MeanContribution(other));
                    if (Math.Sign(a - b) == sign && w[j] != 0)
                    {
                        expected.Add((j, a, b, a - b));
                    }
                }
                var top = expected.OrderByDescending(e => Math.Abs(e.Difference)).ThenBy(e => e.J).Take(options.TopConcepts).ToArray();
                var actual = entry.Concepts(kind);
                Assert.Equal(top.Select(e => e.J), actual.Select(c => c.ConceptIndex));
                for (var i = 0; i < top.Length; i++)
                {
                    Assert.Equal(top[i].Subset, actual[i].SubsetMean, 1e-9);
                    Assert.Equal(top[i].Counterpart, actual[i].CounterpartMean, 1e-9);
                    Assert.Equal(top[i].Difference, actual[i].Difference, 1e-9);
                    Assert.Equal(w[top[i].J], actual[i].Weight);
                }
                checkedRankings += top.Length > 0 ? 1 : 0;
            }
        }
        Assert.True(checkedRankings >= 4, $"only {checkedRankings} non-empty rankings were checked");
    }
}
