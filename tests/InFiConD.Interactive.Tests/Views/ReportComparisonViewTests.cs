using InFiConD.Analysis;

namespace InFiConD.Interactive.Tests.Views;

public sealed class ReportComparisonViewTests
{
    [Fact]
    public void Names_versions_and_split_and_lists_every_class_before_and_after()
    {
        var comparison = ViewData.Comparison();
        var html = HtmlFragment.Parse(ReportComparisonView.ToHtml(comparison));

        Assert.Contains($"v0 → v1 on the shifted split: agreement {Html.Change(comparison.Before.Agreement, comparison.After.Agreement)}", html.Text, StringComparison.Ordinal);
        var rows = html.Rows("comparison-classes");
        Assert.Equal(comparison.Before.ClassNames.Count, rows.Count);
        for (var k = 0; k < rows.Count; k++)
        {
            var (b, a) = (comparison.Before.Classes[k], comparison.After.Classes[k]);
            Assert.Equal([b.ClassName, Html.Change(b.Agreement, a.Agreement), $"{b.TeacherOnly.Count} → {a.TeacherOnly.Count}", $"{b.StudentOnly.Count} → {a.StudentOnly.Count}"], rows[k]);
        }
        ViewAssert.SelfContained(ReportComparisonView.ToHtml(comparison));
    }

    [Fact]
    public void Resolved_and_appeared_suspects_follow_their_definition()
    {
        var (report, _, _, _, _) = ViewData.RandomReport();
        var significant = ViewData.Suspect(significant: true);
        var other = ViewData.Suspect(significant: true, rank: 2) with { ConceptName = "sail" };
        var before = report with { Suspects = [significant, ViewData.Suspect(significant: false, rank: 3) with { ConceptName = "wheel" }] };
        var after = report with { Suspects = [significant with { IsSignificant = false }, other] };

        var comparison = ReportComparison.Of(before, after);
        Assert.Equal([significant.ConceptName], comparison.Resolved.Select(s => s.ConceptName));
        Assert.Equal(["sail"], comparison.Appeared.Select(s => s.ConceptName));
        Assert.Equal(0, comparison.AgreementDelta);
        Assert.Throws<ArgumentException>(() => ReportComparison.Of(before with { Split = "train" }, after with { Split = "shifted" }));

        var html = HtmlFragment.Parse(ReportComparisonView.ToHtml(comparison));
        var tables = html.Tables("comparison-suspects");
        Assert.Equal(2, tables.Count);
        Assert.Equal(["class", "concept", "adjusted p", "sentence"], tables[0].Element("thead")!.Descendants("th").Select(th => th.Value));
        Assert.Equal(["boat", significant.ConceptName, Html.PValue(significant.AdjustedPValue), significant.Sentence],
            tables[0].Element("tbody")!.Element("tr")!.Elements("td").Select(td => td.Value));
        Assert.Equal("sail", tables[1].Element("tbody")!.Element("tr")!.Elements("td").ElementAt(1).Value);
    }
}
