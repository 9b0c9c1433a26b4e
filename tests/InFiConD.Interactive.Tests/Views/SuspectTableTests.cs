using InFiConD.Analysis;

namespace InFiConD.Interactive.Tests.Views;

/// <summary>The suspects a misalignment report leads with.</summary>
public sealed class SuspectTableTests
{
    private static readonly string[] Headers =
        ["#", "class", "concept", "weight", "where present", "otherwise", "adjusted p", "significant", "proposed fix", "estimated effect"];

    [Fact]
    public void A_significant_suspect_leads_the_report_with_its_numbers_fix_and_sentence()
    {
        var (report, _, _, _, _) = ViewData.RandomReport();
        report = report with { Suspects = [ViewData.Suspect()], SuspectTests = 12, Split = "shifted", VersionId = "v2" };
        var raw = MisalignmentReportView.ToHtml(report);
        var html = HtmlFragment.Parse(raw);
        Assert.Equal(Headers, html.Headers("suspects"));
        var s = ViewData.Suspect();
        // The numbers on one row, the sentence on a full-width row under it.
        Assert.Equal([
            ["1", "boat", ViewData.Water, "+1.250 (#1 of 3)", "18/40 (45.0%)", "3/60 (5.0%)", "0.0042", "significant",
                $"remove {ViewData.Water} from boat", "accuracy 60.0% → 75.0% (+15.0 pts)"],
            [s.Sentence],
        ], html.Rows("suspects"));
        var sentence = html.Tables("suspects")[0].Element("tbody")!.Elements("tr").ElementAt(1);
        Assert.Equal("sentence", (string?)sentence.Attribute("class"));
        Assert.Equal(Headers.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)sentence.Element("td")!.Attribute("colspan"));
        Assert.Contains($"1 of 1 suspects is significant after Holm's correction for 12 tests. The first: {s.Sentence}", html.Text, StringComparison.Ordinal);
        Assert.StartsWith("Misalignment (shifted split, version v2)", html.Root.Descendants("h3").First().Value, StringComparison.Ordinal);
        // The suspects come before the slices, the confusion matrix and the subsets.
        Assert.True(raw.IndexOf("class=\"suspects\"", StringComparison.Ordinal) < raw.IndexOf("class=\"top-slices\"", StringComparison.Ordinal));
        Assert.True(raw.IndexOf("class=\"suspects\"", StringComparison.Ordinal) < raw.IndexOf("class=\"confusion\"", StringComparison.Ordinal));
        Assert.Equal("significant", (string?)html.Tables("suspects")[0].Element("tbody")!.Element("tr")!.Attribute("class"));
    }

    [Fact]
    public void Without_a_significant_suspect_the_view_says_so_plainly()
    {
        var (report, _, _, _, _) = ViewData.RandomReport();
        var html = HtmlFragment.Parse(MisalignmentReportView.ToHtml(report with { Suspects = [ViewData.Suspect(significant: false)], SuspectTests = 12 }));
        Assert.Contains("No suspected shortcut is significant after correction for 12 tests; the list below is for a closer look, not a finding.", html.Text, StringComparison.Ordinal);
        Assert.Equal("not significant", html.Rows("suspects")[0][7]);
        Assert.Equal("0.31", html.Rows("suspects")[0][6]);

        var none = HtmlFragment.Parse(MisalignmentReportView.ToHtml(report with { Suspects = [], SuspectTests = 9 }));
        Assert.Contains("No suspected shortcut: among the 9 (class, concept) weights tested, none goes with the student's errors.", none.Text, StringComparison.Ordinal);
        Assert.Empty(none.Tables("suspects"));
    }

    [Fact]
    public void The_wide_fix_names_every_class_and_agreement_stands_in_without_ground_truth()
    {
        var s = ViewData.Suspect();
        var wide = s.Fixes[1] with { AccuracyBefore = null, AccuracyAfter = null };
        var (report, _, _, _, _) = ViewData.RandomReport();
        var html = HtmlFragment.Parse(MisalignmentReportView.ToHtml(report with { Suspects = [s with { ProposedFix = wide, Evidence = SuspectEvidence.Disagreements }], SuspectTests = 3 }));
        var row = html.Rows("suspects")[0];
        Assert.Equal($"remove {ViewData.Water} from every class that uses it (2: boat, {ViewData.Car})", row[8]);
        Assert.Equal("agreement 70.0% → 74.0% (+4.0 pts)", row[9]);
        Assert.Contains("Counted: disagreements with the teacher.", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_library_s_own_suspects_are_shown_in_rank_order_up_to_the_row_limit()
    {
        var (report, _, _, _, _) = ViewData.RandomReport();
        Assert.NotEmpty(report.Suspects);
        var html = HtmlFragment.Parse(MisalignmentReportView.ToHtml(report, new HtmlViewOptions { MaxRows = 2 }));
        var rows = html.Rows("suspects");
        Assert.Equal(2 * Math.Min(2, report.Suspects.Count), rows.Count);
        for (var i = 0; i < rows.Count / 2; i++)
        {
            var (s, numbers, sentence) = (report.Suspects[i], rows[2 * i], rows[(2 * i) + 1]);
            Assert.Equal([Html.Count(s.Rank), s.ClassName, s.ConceptName, Html.PValue(s.AdjustedPValue), s.Sentence], new[] { numbers[0], numbers[1], numbers[2], numbers[6], sentence.Single() });
        }
        if (report.Suspects.Count > 2)
        {
            Assert.Contains($"{report.Suspects.Count - 2} more suspects not shown.", html.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Suspect_names_and_sentences_are_escaped()
    {
        var (report, _, _, _, _) = ViewData.RandomReport();
        var raw = MisalignmentReportView.ToHtml(report with { Suspects = [ViewData.Suspect()], SuspectTests = 12 });
        Assert.DoesNotContain("<water", raw, StringComparison.Ordinal);
        Assert.Contains("&lt;water &amp; &quot;sky&quot;&gt;", raw, StringComparison.Ordinal);
        ViewAssert.SelfContained(raw);
    }
}
