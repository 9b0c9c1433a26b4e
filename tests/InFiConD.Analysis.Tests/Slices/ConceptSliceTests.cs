using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis.Tests;

public sealed class ConceptSliceTests
{
    /// <summary>
    /// Ten images, concepts water and road, classes boat and car. The student's logits are the scores themselves (boat = water,
    /// car = road), so it says boat when water ≥ road. The teacher says car on images 0 and 1 (high water) and boat on 7.
    /// </summary>
    private static (StudentEnsemble Students, ConceptScores Scores, TeacherOutputs Teacher) Harbour()
    {
        float[][] rows = [[0.9f, 0.1f], [0.8f, 0.2f], [0.7f, 0.1f], [0.2f, 0.6f], [0.1f, 0.5f], [0.3f, 0.2f], [0f, 0.4f], [0.2f, 0.3f], [0.1f, 0.3f], [0f, 0.8f]];
        var ids = Enumerable.Range(0, rows.Length).Select(i => $"i{i}").ToArray();
        string[] concepts = ["water", "road"];
        string[] classes = ["boat", "car"];
        var students = StudentEnsemble.Create(classes, concepts, [0f, 0f], [1f, 1f], FloatMatrix.FromRows([[1f, 0f], [0f, 1f]]), [0f, 0f]);
        var teacher = TeacherOutputs.FromLabels([1, 1, 0, 1, 1, 0, 1, 0, 1, 1], classes, ids);
        return (students, ConceptScores.Create(FloatMatrix.FromRows(rows), ids, concepts), teacher);
    }

    [Fact]
    public void HandExample_RatesLiftPValueAndSentence()
    {
        var (students, scores, teacher) = Harbour();
        var report = MisalignmentReport.Build(students, scores, teacher, options: new MisalignmentOptions { Presence = PresenceRule.TopFraction, HighFraction = 0.3, MinimumSupport = 1 });

        // Water is high on images 0, 1, 2 (top 3 of 10). Student-only boat happens on 0 and 1 only.
        var slice = Assert.Single(report.ForClass("boat").StudentOnlySlices, s => s.ConceptName == "water");
        Assert.Equal((SubsetKind.StudentOnly, 0.7f, 3, 2, 7, 0), (slice.Kind, slice.Threshold, slice.HighCount, slice.HighHits, slice.RestCount, slice.RestHits));
        Assert.Equal(2.0 / 3, slice.HighRate, 15);
        Assert.Equal(0.0, slice.RestRate);
        Assert.Equal(10.0 / 3, slice.Lift, 14); // (2/3) / (2/10)
        Assert.Equal(1.0 / 15, slice.PValue, 14); // C(2,2)·C(8,1) / C(10,3) = 8/120
        Assert.Equal(Math.Min(1, slice.PValue * report.SliceTests), slice.AdjustedPValue, 15);
        Assert.Equal("When water is present, the student says boat where the teacher does not in 2 of 3 images (none otherwise).", slice.Sentence);
        Assert.Equal("When *water* is present, the student says *boat* where the teacher does not in 2 of 3 images (none otherwise).", slice.SentenceMarkdown);

        // The same images are teacher-only for car; it ranks after boat's student-only slice (same lift, p and hits; class order).
        var car = Assert.Single(report.ForClass("car").TeacherOnlySlices, s => s.ConceptName == "water");
        Assert.Equal("When water is present, the teacher says car where the student does not in 2 of 3 images (none otherwise).", car.Sentence);
        Assert.Equal(slice, report.TopSlices[0]);
        Assert.Equal(car, report.TopSlices[1]);
    }

    [Fact]
    public void MinimumSupport_FiltersSmallSlices()
    {
        var (students, scores, teacher) = Harbour();
        var report = MisalignmentReport.Build(students, scores, teacher, options: new MisalignmentOptions { Presence = PresenceRule.TopFraction, HighFraction = 0.3, MinimumSupport = 3 });

        Assert.Empty(report.TopSlices);
        Assert.True(report.SliceTests > 0);
    }

    [Theory]
    [InlineData(0.2, 240)]
    [InlineData(0.1, 240)]
    [InlineData(0.5, 240)]
    [InlineData(0.2, 5000)] // long enough for the sampled threshold search
    public void Slices_MatchBruteForceRecount(double fraction, int images)
    {
        var p = AnalysisProblem.Create(n: images, c: 9, k: 4);
        var options = new MisalignmentOptions { Presence = PresenceRule.TopFraction, HighFraction = fraction, MinimumSupport = 1, TopSlices = 100_000 };
        var report = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: options);
        var teacherTop = p.Teacher.PredictedLabels;
        var studentTop = p.Students.PredictLabels(p.Scores);
        var n = p.N;
        var m = (int)Math.Round(fraction * 10) * n / 10; // ⌈fraction·N⌉, exact: these fractions are tenths and N is a multiple of 10

        var expected = new List<Expected>();
        var tests = 0;
        var sawTiedThreshold = false;
        for (var j = 0; j < p.C; j++)
        {
            var column = Enumerable.Range(0, n).Select(i => p.Scores[i, j]).ToArray();
            var descending = column.OrderDescending().ToArray();
            var t = descending[m - 1];
            var strict = t == descending[^1];
            var high = column.Select(x => strict ? x > t : x >= t).ToArray();
            var h = high.Count(b => b);
            sawTiedThreshold |= h > m;
            if (h == 0 || h == n)
            {
                continue;
            }
            for (var k = 0; k < p.K; k++)
            {
                foreach (var kind in new[] { SubsetKind.TeacherOnly, SubsetKind.StudentOnly })
                {
                    var hit = Enumerable.Range(0, n).Select(i => kind == SubsetKind.TeacherOnly
                        ? teacherTop[i] == k && studentTop[i] != k
                        : studentTop[i] == k && teacherTop[i] != k).ToArray();
                    var total = hit.Count(b => b);
                    if (total == 0)
                    {
                        continue;
                    }
                    tests++;
                    var a = Enumerable.Range(0, n).Count(i => hit[i] && high[i]);
                    if (a >= 1 && (long)a * n > (long)total * h)
                    {
                        var threshold = column.Where((x, i) => high[i]).Min();
                        expected.Add(new Expected(j, k, kind, a, h, total, threshold, FisherExactTestTests.BruteForce(n, total, h, a)));
                    }
                }
            }
        }
        expected.Sort((x, y) =>
        {
            // Most significant first; p-values equal to rounding come from the same counts and fall through to lift.
            var byP = x.P.CompareTo(y.P);
            if (byP != 0 && Math.Abs(x.P - y.P) > 1e-9 * Math.Max(x.P, y.P))
            {
                return byP;
            }
            var byLift = ((long)y.A * x.H * x.Total).CompareTo((long)x.A * y.H * y.Total); // exact rational comparison of lifts, descending
            if (byLift != 0)
            {
                return byLift;
            }
            var order = y.A.CompareTo(x.A);
            order = order != 0 ? order : (2 * x.K + (int)x.Kind - 2).CompareTo(2 * y.K + (int)y.Kind - 2);
            return order != 0 ? order : x.J.CompareTo(y.J);
        });

        Assert.True(sawTiedThreshold || fraction != 0.2, "the rounded scores should tie at some threshold");
        Assert.Equal(tests, report.SliceTests);
        Assert.Equal(expected.Count, report.TopSlices.Count);
        Assert.True(expected.Count > 10, $"only {expected.Count} slices");
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, s) = (expected[i], report.TopSlices[i]);
            Assert.Equal((e.J, e.K, e.Kind, e.A, e.H, n - e.H, e.Total - e.A, e.Threshold), (s.ConceptIndex, s.ClassIndex, s.Kind, s.HighHits, s.HighCount, s.RestCount, s.RestHits, s.Threshold));
            Assert.Equal((double)e.A / e.H, s.HighRate, 14);
            Assert.Equal((double)(e.Total - e.A) / (n - e.H), s.RestRate, 14);
            Assert.Equal((double)e.A / e.H / ((double)e.Total / n), s.Lift, 12);
            Assert.True(Math.Abs(s.PValue - e.P) <= 1e-10 * e.P, $"p {s.PValue:R} vs {e.P:R}");
            Assert.Equal(Math.Min(1, s.PValue * tests), s.AdjustedPValue);
            Assert.Equal(ConceptSlice.Describe(s.ConceptName, s.ClassName, s.Kind, e.A, e.H, e.Total - e.A, n - e.H), s.Sentence);
        }
        // Per class and kind: the same slices, in the same order.
        foreach (var entry in report.Classes)
        {
            Assert.Equal(report.TopSlices.Where(s => s.ClassIndex == entry.ClassIndex && s.Kind == SubsetKind.TeacherOnly), entry.TeacherOnlySlices);
            Assert.Equal(report.TopSlices.Where(s => s.ClassIndex == entry.ClassIndex && s.Kind == SubsetKind.StudentOnly), entry.StudentOnlySlices);
        }
    }

    [Fact]
    public void TopSlices_KeepsTheBestPerClassAndOverall()
    {
        var p = AnalysisProblem.Create(n: 240, c: 9, k: 4);
        var all = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: new MisalignmentOptions { MinimumSupport = 1, TopSlices = 100_000 });
        var three = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: new MisalignmentOptions { MinimumSupport = 1, TopSlices = 3 });

        Assert.Equal(all.TopSlices.Take(3), three.TopSlices);
        var none = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: new MisalignmentOptions { MinimumSupport = 1, TopSlices = 0 });
        Assert.Empty(none.TopSlices);
        Assert.All(none.Classes, c => Assert.Empty(c.TeacherOnlySlices.Concat(c.StudentOnlySlices)));
        Assert.Equal(all.SliceTests, none.SliceTests);
        for (var k = 0; k < p.K; k++)
        {
            Assert.Equal(all.Classes[k].TeacherOnlySlices.Take(3), three.Classes[k].TeacherOnlySlices);
            Assert.Equal(all.Classes[k].StudentOnlySlices.Take(3), three.Classes[k].StudentOnlySlices);
        }
    }

    [Fact]
    public void MostlyZeroConcept_UsesImagesAboveZero()
    {
        // 90 % of the images score 0 on "sail": the top-20 % threshold is 0, so "present" means a score above 0.
        var (students, _, _) = Harbour();
        var n = 100;
        var values = new FloatMatrix(n, 2);
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            values[i, 0] = i < 10 ? 0.5f : 0f;
            values[i, 1] = 0.25f + (i % 7) / 100f;
            labels[i] = i < 6 ? 1 : (values[i, 0] >= values[i, 1] ? 0 : 1); // the teacher says car on 6 of the 10 high images
        }
        var ids = Enumerable.Range(0, n).Select(i => $"x{i}").ToArray();
        var scores = ConceptScores.Create(values, ids, ["water", "road"]);
        var teacher = TeacherOutputs.FromLabels(labels, students.ClassNames, ids);

        var report = MisalignmentReport.Build(students, scores, teacher, options: new MisalignmentOptions { MinimumSupport = 1 });

        var slice = Assert.Single(report.ForClass("boat").StudentOnlySlices, s => s.ConceptName == "water");
        Assert.Equal((10, 6, 0.5f), (slice.HighCount, slice.HighHits, slice.Threshold));
        Assert.Equal("When water is present, the student says boat where the teacher does not in 6 of 10 images (none otherwise).", slice.Sentence);
    }

    [Theory]
    [InlineData(SubsetKind.StudentOnly, 31, 100, 4, 100, "When water is present, the student says boat where the teacher does not in 31% of images (4% otherwise).")]
    [InlineData(SubsetKind.TeacherOnly, 31, 100, 4, 100, "When water is present, the teacher says boat where the student does not in 31% of images (4% otherwise).")]
    [InlineData(SubsetKind.StudentOnly, 25, 25, 0, 75, "When water is present, the student says boat where the teacher does not in all 25 images (none otherwise).")]
    [InlineData(SubsetKind.StudentOnly, 0, 25, 75, 75, "When water is present, the student says boat where the teacher does not in none of the images (all otherwise).")]
    [InlineData(SubsetKind.StudentOnly, 3, 7, 2, 9, "When water is present, the student says boat where the teacher does not in 3 of 7 images (2 of 9 otherwise).")]
    [InlineData(SubsetKind.StudentOnly, 1, 1, 0, 1, "When water is present, the student says boat where the teacher does not in the one such image (none otherwise).")]
    [InlineData(SubsetKind.StudentOnly, 1, 200, 199, 200, "When water is present, the student says boat where the teacher does not in under 1% of images (over 99% otherwise).")]
    [InlineData(SubsetKind.StudentOnly, 1, 40, 1, 200, "When water is present, the student says boat where the teacher does not in 3% of images (under 1% otherwise).")]
    [InlineData(SubsetKind.StudentOnly, 199, 200, 0, 0, "When water is present, the student says boat where the teacher does not in over 99% of images (every image has it).")]
    [InlineData(SubsetKind.StudentOnly, 0, 0, 2, 30, "When water is present, the student says boat where the teacher does not in no images (7% otherwise).")]
    public void Sentence_EdgeCases(SubsetKind kind, int highHits, int highCount, int restHits, int restCount, string expected)
    {
        Assert.Equal(expected, ConceptSlice.Describe("water", "boat", kind, highHits, highCount, restHits, restCount));
    }

    [Fact]
    public void Sentence_MarkdownEscapesAndBadArguments()
    {
        Assert.Equal("When *a\\*b* is present, the teacher says *boat* where the student does not in 50% of images (10% otherwise).",
            ConceptSlice.Describe("a*b", "boat", SubsetKind.TeacherOnly, 20, 40, 6, 60, markdown: true));
        Assert.Throws<ArgumentException>(() => ConceptSlice.Describe("water", "boat", SubsetKind.AgreePositive, 1, 2, 1, 2));
        Assert.Throws<ArgumentException>(() => ConceptSlice.Describe("water", "boat", SubsetKind.StudentOnly, 3, 2, 1, 2));
        Assert.Throws<ArgumentException>(() => ConceptSlice.Describe("water", "boat", SubsetKind.StudentOnly, 1, 2, -1, 2));
    }

    private sealed record Expected(int J, int K, SubsetKind Kind, int A, int H, int Total, float Threshold, double P);
}
