using InFiConD.Editing;

namespace InFiConD.Interactive.Tests.Views;

public sealed class ShortcutDiagnosisViewTests
{
    [Fact]
    public void The_headline_comes_first_under_a_title_naming_split_and_version()
    {
        var diagnosis = ViewData.Diagnosis();
        var html = HtmlFragment.Parse(ShortcutDiagnosisView.ToHtml(diagnosis));
        var view = html.Root.Elements("div").Single();
        var first = view.Elements().ToList();
        Assert.Equal("Diagnosis (shifted split, version v2)", first[0].Value);
        Assert.Equal("headline", (string?)first[1].Attribute("class"));
        Assert.Equal(diagnosis.Headline, first[1].Value);
    }

    [Fact]
    public void Each_measured_fix_shows_before_and_after_on_every_split_with_the_proposal_highlighted()
    {
        var html = HtmlFragment.Parse(ShortcutDiagnosisView.ToHtml(ViewData.Diagnosis()));
        Assert.Equal(["fix", "proposed", "estimated (no refit)", "train (measured)", "shifted (measured)", "refit"], html.Headers("measured-fixes"));
        Assert.Equal([
            [$"remove {ViewData.Water} from boat", "proposed", "accuracy 60.0% → 75.0% (+15.0 pts)",
                "accuracy 100.0% → 98.0% (−2.0 pts); agreement 90.0% → 92.0% (+2.0 pts)",
                "accuracy 60.0% → 76.0% (+16.0 pts); agreement 90.0% → 92.0% (+2.0 pts)", "converged in 14 iterations"],
            [$"remove {ViewData.Water} from every class that uses it (2: boat, {ViewData.Car})", "", "accuracy 60.0% → 70.0% (+10.0 pts)",
                "accuracy 100.0% → 98.0% (−2.0 pts); agreement 90.0% → 92.0% (+2.0 pts)",
                "accuracy 60.0% → 70.0% (+10.0 pts); agreement 90.0% → 92.0% (+2.0 pts)", "converged in 14 iterations"],
        ], html.Rows("measured-fixes"));
        var rows = html.Tables("measured-fixes")[0].Element("tbody")!.Elements("tr").ToList();
        Assert.Equal(["proposed", null], rows.Select(r => (string?)r.Attribute("class")));
        Assert.Contains($"Proposed: remove {ViewData.Water} from boat.", html.Text, StringComparison.Ordinal);
        // The report's suspect follows: its numbers and its sentence.
        Assert.Equal(2, html.Rows("suspects").Count);
    }

    [Fact]
    public void The_edit_to_apply_is_written_as_csharp()
    {
        var html = HtmlFragment.Parse(ShortcutDiagnosisView.ToHtml(ViewData.Diagnosis()));
        var code = html.All("code").Select(c => c.Value).Single(c => c.Contains("EditAsync", StringComparison.Ordinal));
        Assert.Equal(
            $"// remove boat/{ViewData.Water}\n"
            + "await session.EditAsync(diagnosis.Confirmed[0].ProposedFix.Edits);\n"
            + "// the same, written out:\n"
            + "// await session.EditAsync([ConceptEdit.Remove(\"boat\", \"<water & \\\"sky\\\">\")]);",
            code);
        Assert.Contains("To apply the proposal:", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fix_that_does_not_help_is_not_presented_as_the_answer()
    {
        var diagnosis = ViewData.Diagnosis(significant: false, shiftedAfter: 0.58);
        Assert.False(diagnosis.Confirmed[0].FixHelps);
        var html = HtmlFragment.Parse(ShortcutDiagnosisView.ToHtml(diagnosis));
        Assert.Contains("No fix measurably helps on shifted: look at the images before editing.", html.Text, StringComparison.Ordinal);
        Assert.Contains("No suspected shortcut is significant after correction for 12 tests", html.Text, StringComparison.Ordinal);
        Assert.Contains("(not significant, adjusted p = 0.31)", html.Text, StringComparison.Ordinal);
        var rows = html.Tables("measured-fixes")[0].Element("tbody")!.Elements("tr").ToList();
        Assert.All(rows, r => Assert.Null(r.Attribute("class")));
        Assert.Equal("best, does not help", html.Rows("measured-fixes")[0][1]);

        var none = HtmlFragment.Parse(ShortcutDiagnosisView.ToHtml(diagnosis with { Confirmed = [] }));
        Assert.Contains("No suspect's fix was measured", none.Text, StringComparison.Ordinal);
        Assert.Empty(none.Tables("measured-fixes"));
    }

    [Fact]
    public void Every_name_is_escaped_and_the_view_is_self_contained()
    {
        var diagnosis = ViewData.Diagnosis();
        var raw = ShortcutDiagnosisView.ToHtml(diagnosis with { Headline = "<b>boat</b> & " + ViewData.Water, Split = "<i>s</i>" });
        Assert.DoesNotContain("<water", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", raw, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;boat&lt;/b&gt; &amp; &lt;water", raw, StringComparison.Ordinal);
        ViewAssert.SelfContained(raw);
        Assert.Throws<ArgumentNullException>(() => ShortcutDiagnosisView.ToHtml(null!));
    }

    [Fact]
    public void Other_edit_kinds_are_written_with_their_factories()
    {
        var diagnosis = ViewData.Diagnosis();
        var confirmed = diagnosis.Confirmed[0];
        var edits = new[] { ConceptEdit.Downtune(ConceptEdit.AllClasses, "a\\b", 4), ConceptEdit.Lock("boat", "x\ny") };
        var code = ShortcutDiagnosisView.Code(confirmed with { ProposedFix = confirmed.ProposedFix with { Edits = edits } }, 2);
        Assert.Contains("diagnosis.Confirmed[2].ProposedFix.Edits", code, StringComparison.Ordinal);
        Assert.Contains("[ConceptEdit.Downtune(ConceptEdit.AllClasses, \"a\\\\b\", 4), ConceptEdit.Lock(\"boat\", \"x\\ny\")]", code, StringComparison.Ordinal);
        // A name with a line break cannot end the comment line early.
        Assert.Equal(4, code.Split('\n').Length);
    }

    [Fact]
    public void A_combined_fix_is_shown_with_every_split_and_its_code()
    {
        var single = ViewData.Diagnosis();
        var together = new CombinedFix([ConceptEdit.Remove("boat", ViewData.Water), ConceptEdit.Remove("car <i>", "road")], "converged in 20 iterations",
            [new SplitOutcome("train", new EditMetrics(100, 0.9, 1.0, []), new EditMetrics(100, 0.9, 0.97, []), []),
             new SplitOutcome("shifted", new EditMetrics(100, 0.9, 0.60, []), new EditMetrics(100, 0.9, 0.81, []), [])],
            "shifted", "All 2 fixes together (remove water from boat; remove road from car <i>), measured with one refit: …");
        var html = ShortcutDiagnosisView.ToHtml(single with { CombinedFix = together });

        Assert.Contains("All findings together", html, StringComparison.Ordinal);
        Assert.Contains("remove road from car &lt;i&gt;", html, StringComparison.Ordinal);
        Assert.Contains("await session.EditAsync(diagnosis.CombinedFix.Edits);", html, StringComparison.Ordinal);
        Assert.Contains("ConceptEdit.Remove(&quot;car &lt;i&gt;&quot;, &quot;road&quot;)", html, StringComparison.Ordinal);
        Assert.Contains("converged in 20 iterations", html, StringComparison.Ordinal);
        Assert.DoesNotContain("All findings together", ShortcutDiagnosisView.ToHtml(single), StringComparison.Ordinal);
    }
}
