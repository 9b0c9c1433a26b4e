using System.Text.RegularExpressions;
using InFiConD.Students;

namespace InFiConD.Quickstart.Tests;

[Collection(QuickstartRunCollection.Name)]
public sealed partial class QuickstartJobTests(QuickstartRunFixture run)
{
    [Fact]
    public void TeacherOnnxIsTheTeacherTheRunUsed()
    {
        // The run's teacher read the encoder's whole-image features; teacher.onnx runs its own pass through OnnxTeacher.
        var check = run.Cold.TeacherFile;
        Assert.Equal(12, check.Images);
        Assert.InRange(check.MaxDifference, 0, 1e-5);
        Assert.True(File.Exists(run.Cold.Files["teacher"]));
    }

    [Fact]
    public void ReportNamesAPlantedCueAmongTheTopThreeSlices()
    {
        var result = run.Cold;
        var planted = result.World.Classes.Select(c => (c.Name, c.CueBackground)).ToHashSet();
        var rank = result.CueSliceRank;
        Assert.NotNull(rank);
        Assert.InRange(rank.Value, 1, 3);
        var slice = result.ReportBefore.TopSlices[rank.Value - 1];
        Assert.Contains((slice.ClassName, slice.ConceptName), planted);
        // The rank is the first planted pair: nothing above it is one.
        Assert.DoesNotContain(result.ReportBefore.TopSlices.Take(rank.Value - 1), s => planted.Contains((s.ClassName, s.ConceptName)));
        Assert.Contains(slice.ConceptName, File.ReadAllText(result.Files["markdown"]), StringComparison.Ordinal);
    }

    [Fact]
    public void DiagnosisLeadsWithAPlantedCue_SignificantAndConfirmedByARefit()
    {
        var result = run.Cold;
        var planted = result.World.Classes.Select(c => (c.Name, c.CueBackground)).ToHashSet();
        var diagnosis = result.Diagnosis;
        Assert.Equal("shifted", diagnosis.Split);
        var top = diagnosis.Report.Suspects[0];
        Assert.Contains((top.ClassName, top.ConceptName), planted);
        Assert.True(top.IsSignificant, top.Sentence);
        Assert.Equal(1, result.CueSuspectRank);
        // A poorly detected part a student leans on can be a finding too (at this size, stem fires on non-flowers and the
        // flower student reads it), so only the top is required to be a planted cue.
        var confirmed = diagnosis.Confirmed[0];
        Assert.True(confirmed.FixHelps, confirmed.Sentence);
        Assert.StartsWith($"Suspected shortcut on shifted: {top.Sentence}", diagnosis.Headline, StringComparison.Ordinal);
        Assert.Contains(diagnosis.Headline, File.ReadAllText(result.Files["markdown"]), StringComparison.Ordinal);
    }

    [Fact]
    public void DowntuningThePlantedBackgroundsRaisesShiftedAccuracy()
    {
        var result = run.Cold;
        Assert.True(result.Shifted.StudentAccuracyAfter > result.Shifted.StudentAccuracyBefore,
            $"shifted accuracy {result.Shifted.StudentAccuracyBefore:P1} → {result.Shifted.StudentAccuracyAfter:P1}");
        // Every planted (class, background) weight shrank in magnitude, within its interval.
        var before = result.StudentsBefore;
        var after = result.Session.Students;
        foreach (var c in result.World.Classes)
        {
            var k = after.ClassNames.ToList().IndexOf(c.Name);
            var j = after.ConceptNames.ToList().IndexOf(c.CueBackground);
            Assert.True(Math.Abs(after.StandardizedWeights(k)[j]) <= Math.Abs(before.StandardizedWeights(k)[j]) + 1e-6f, $"{c.Name}/{c.CueBackground}");
        }
        Assert.Equal(2, result.Session.History.Entries.Count);
    }

    [Fact]
    public void SplitNumbersMatchARecount()
    {
        var result = run.Cold;
        Assert.Equal(["test", "shifted"], result.Splits.Select(s => s.Split));
        Assert.All(result.Splits, s => Assert.Equal(16 * result.World.ClassNames.Count, s.Images));
        Assert.All(result.Splits, s => Assert.Equal(3, s.StudentAccuracy.Count));
        // The teacher learned the planted cue: it does worse where the cue is gone.
        Assert.True(result.Splits[0].TeacherAccuracy > result.Shifted.TeacherAccuracy);
        // Agreement with the teacher, recounted from the reports' student-vs-teacher matrices on the same images.
        Assert.Equal(result.Shifted.Images, result.ReportBefore.ImageCount);
        Assert.Equal(result.Shifted.FidelityBefore, Trace(result.ReportBefore.Confusion) / (double)result.Shifted.Images, 12);
        Assert.Equal(result.Shifted.FidelityAfter, Trace(result.ReportAfter.Confusion) / (double)result.Shifted.Images, 12);
    }

    private static int Trace(IReadOnlyList<IReadOnlyList<int>> matrix) => Enumerable.Range(0, matrix.Count).Sum(k => matrix[k][k]);


    [Fact]
    public async Task SavedSessionAndStudentOnnxAreTheFinalStudents()
    {
        var result = run.Cold;
        using var loaded = await DistillationSession.LoadAsync(result.Files["session"]);
        Assert.Equal(result.Session.Current.Id, loaded.Current.Id);
        Assert.Equal(result.Session.Students.CopyStandardizedWeights().AsSpan().ToArray(), loaded.Students.CopyStandardizedWeights().AsSpan().ToArray());
        var check = StudentOnnxExporter.Verify(result.Session.Students, result.Files["students"], result.Session.Scores.Values);
        Assert.True(check.Passed, check.ToString());
        Assert.True(new FileInfo(result.Files["teacher"]).Length > 40_000_000, "the teacher ONNX holds ResNet-18's weights");
    }

    [Fact]
    public void HtmlReportIsSelfContained()
    {
        var html = File.ReadAllText(run.Cold.Files["html"]);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.True(Regex.Count(html, "<svg ") >= 5, "charts: accuracy, agreement, misalignment matrix, slices, weights");
        // No script, no external resource: the only URL is the SVG namespace.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(UrlPattern().Matches(html), m => m.Value != "http://www.w3.org/2000/svg");
        Assert.Contains("Edit history", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WarmRunReusesTheCacheAndGivesTheSameBits()
    {
        Assert.False(run.Cold.CacheWasWarm);
        Assert.True(run.Warm.CacheWasWarm);
        Assert.Equal(run.Cold.Session.Scores.Values.AsSpan().ToArray(), run.Warm.Session.Scores.Values.AsSpan().ToArray());
        Assert.Equal(run.Cold.Session.Students.CopyStandardizedWeights().AsSpan().ToArray(), run.Warm.Session.Students.CopyStandardizedWeights().AsSpan().ToArray());
        Assert.Equal(run.Cold.Splits.Select(s => s.StudentAccuracy.ToArray()), run.Warm.Splits.Select(s => s.StudentAccuracy.ToArray()));
    }

    [Fact]
    public void ProgressNamesEveryStep()
    {
        var steps = run.ColdProgress.Select(p => p.Step).Distinct().ToList();
        Assert.Equal("Drawing ConceptWorld", steps[0]);
        Assert.Contains("Encoding train (whole + 2×2)", steps);
        Assert.Contains("Concept bank from exemplars", steps);
        Assert.Contains("Fitting students", steps);
        Assert.Contains(steps, s => s.StartsWith("Downtuning water for boat", StringComparison.Ordinal));
        Assert.Equal("Writing the session, the student ONNX and the reports", steps[^1]);
    }

    [GeneratedRegex("https?://[^\"'\\s<>]+")]
    private static partial Regex UrlPattern();
}
