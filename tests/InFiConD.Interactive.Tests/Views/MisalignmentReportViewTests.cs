using InFiConD.Analysis;

namespace InFiConD.Interactive.Tests.Views;

public sealed class MisalignmentReportViewTests
{
    [Fact]
    public void Confusion_cells_match_a_recount_of_teacher_and_student_top_classes()
    {
        var (report, scores, teacher, students, _) = ViewData.RandomReport();
        var rows = HtmlFragment.Parse(MisalignmentReportView.ToHtml(report)).Rows("confusion");
        var studentTop = students.PredictLabels(scores);
        for (var r = 0; r < report.ClassNames.Count; r++)
        {
            Assert.Equal(report.ClassNames[r], rows[r][0]);
            for (var c = 0; c < report.ClassNames.Count; c++)
            {
                var count = Enumerable.Range(0, scores.ImageCount).Count(i => teacher.PredictedLabels[i] == r && studentTop[i] == c);
                Assert.Equal(Html.Count(count), rows[r][c + 1]);
            }
        }
    }

    [Fact]
    public void The_title_names_the_split_and_version_a_session_report_describes()
    {
        var (report, _, _, _, _) = ViewData.RandomReport();
        Assert.DoesNotContain("split", HtmlFragment.Parse(MisalignmentReportView.ToHtml(report)).Text, StringComparison.Ordinal);
        var text = HtmlFragment.Parse(MisalignmentReportView.ToHtml(report with { Split = "shifted", VersionId = "v3" })).Text;
        Assert.Contains("Misalignment (shifted split, version v3): students agree", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Subset_counts_match_a_recount_with_the_teacher_right_split()
    {
        var (report, scores, teacher, students, truth) = ViewData.RandomReport();
        var html = HtmlFragment.Parse(MisalignmentReportView.ToHtml(report));
        Assert.Equal(8, html.Headers("subsets").Count);
        var rows = html.Rows("subsets");
        var s = students.PredictLabels(scores);
        var t = teacher.PredictedLabels;
        var n = scores.ImageCount;
        for (var k = 0; k < report.ClassNames.Count; k++)
        {
            var teacherOnly = Enumerable.Range(0, n).Where(i => t[i] == k && s[i] != k).ToList();
            var studentOnly = Enumerable.Range(0, n).Where(i => t[i] != k && s[i] == k).ToList();
            // The teacher's decision about k is right when it says k exactly when the truth is k.
            bool TeacherRight(int i) => (t[i] == k) == (truth[i] == k);
            Assert.Equal([
                report.ClassNames[k],
                Html.Percent(report.Classes[k].Agreement),
                Html.Count(Enumerable.Range(0, n).Count(i => t[i] == k && s[i] == k)),
                Html.Count(Enumerable.Range(0, n).Count(i => t[i] != k && s[i] != k)),
                Html.Count(teacherOnly.Count),
                Html.Count(teacherOnly.Count(TeacherRight)),
                Html.Count(studentOnly.Count),
                Html.Count(studentOnly.Count(TeacherRight)),
            ], rows[k]);
        }
    }

    [Fact]
    public void Top_slices_show_sentence_counts_lift_and_p()
    {
        var (report, _, _, _, _) = ViewData.RandomReport();
        Assert.NotEmpty(report.TopSlices);
        var html = HtmlFragment.Parse(MisalignmentReportView.ToHtml(report, new HtmlViewOptions { MaxSlices = 3 }));
        var rows = html.Rows("top-slices");
        Assert.Equal(Math.Min(3, report.TopSlices.Count), rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var s = report.TopSlices[i];
            Assert.Equal([
                Html.Count(i + 1), s.Sentence, s.ClassName, s.ConceptName, MisalignmentReportView.Describe(s.Kind),
                $"{s.HighHits}/{s.HighCount} ({Html.Percent((double)s.HighHits / s.HighCount)})",
                $"{s.RestHits}/{s.RestCount} ({Html.Percent(s.RestCount == 0 ? 0 : (double)s.RestHits / s.RestCount)})",
                Html.Number(s.Lift, 2), Html.PValue(s.AdjustedPValue),
            ], rows[i]);
        }
        if (report.TopSlices.Count > 3)
        {
            Assert.Contains($"{report.TopSlices.Count - 3} more slices not shown.", html.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Class_sections_fold_contrasts_sentences_and_image_ids()
    {
        var (report, _, _, _, _) = ViewData.RandomReport(groundTruth: false);
        var html = HtmlFragment.Parse(MisalignmentReportView.ToHtml(report, new HtmlViewOptions { MaxImageIds = 2 }));
        Assert.Equal(6, html.Headers("subsets").Count);
        var details = html.Root.Descendants("details").ToList();
        var misaligned = report.Classes.Where(c => c.TeacherOnly.Count + c.StudentOnly.Count > 0).ToList();
        Assert.Equal(misaligned.Count, details.Count);
        for (var i = 0; i < details.Count; i++)
        {
            var c = misaligned[i];
            Assert.Equal($"{c.ClassName}: {c.TeacherOnly.Count} teacher only, {c.StudentOnly.Count} student only", details[i].Element("summary")!.Value);
            var ids = details[i].Descendants("p").Where(p => (string?)p.Attribute("class") == "image-ids").ToList();
            var subsets = new[] { c.TeacherOnly, c.StudentOnly }.Where(s => s.Count > 0).ToList();
            Assert.Equal(subsets.Count, ids.Count);
            for (var j = 0; j < ids.Count; j++)
            {
                Assert.Equal(subsets[j].ImageIds.Take(2), ids[j].Elements("code").Select(e => e.Value));
            }
            var contrasts = details[i].Descendants("table").Where(t => (string?)t.Attribute("class") == "contrasts").ToList();
            Assert.Equal(subsets.Count(s => c.Concepts(s.Kind).Count > 0), contrasts.Count);
        }
    }

    [Fact]
    public void Names_are_escaped_everywhere()
    {
        var (report, _, _, _, _) = ViewData.RandomReport();
        var html = MisalignmentReportView.ToHtml(report);
        Assert.DoesNotContain("<water", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("car &lt;b&gt;&#39;s", html, StringComparison.Ordinal);
        ViewAssert.SelfContained(html);
    }

    [Fact]
    public void Empty_reports_say_so()
    {
        var noSlices = new MisalignmentReport(4, 3, ["a"], false, 1, [[4]],
            [new ClassMisalignment(0, "a", Subset(SubsetKind.AgreePositive, 4), Subset(SubsetKind.AgreeNegative, 0), Subset(SubsetKind.TeacherOnly, 0), Subset(SubsetKind.StudentOnly, 0), 1, [], [], [], [])],
            [], 0, false, MisalignmentOptions.Default);
        var html = HtmlFragment.Parse(MisalignmentReportView.ToHtml(noSlices));
        Assert.Contains("No concept slice reached the minimum support.", html.Text, StringComparison.Ordinal);
        Assert.Empty(html.Root.Descendants("details"));
        Assert.Equal([["a", "4"]], html.Rows("confusion"));

        var noImages = noSlices with { ImageCount = 0, Confusion = [[0]] };
        var empty = HtmlFragment.Parse(MisalignmentReportView.ToHtml(noImages));
        Assert.Contains("No images.", empty.Text, StringComparison.Ordinal);
        Assert.Equal(0, empty.Count("table"));
    }

    private static ImageSubset Subset(SubsetKind kind, int count) =>
        new(kind, count, [.. Enumerable.Range(0, count).Select(i => $"i{i}")], null);
}
