using System.Text;
using InFiConD.Analysis;

namespace InFiConD.Interactive;

/// <summary>
/// The suspected shortcuts of a <see cref="MisalignmentReport"/> as the views lead with them: a verdict line (what is
/// significant after Holm's correction, or a plain statement that nothing is), then per suspect a row with the numbers
/// and, under it, a full-width row with its sentence. Shared by <see cref="MisalignmentReportView"/> and <see cref="ShortcutDiagnosisView"/>.
/// </summary>
internal static class SuspectTable
{
    /// <summary>The verdict and the table (escaped), capped at <see cref="HtmlViewOptions.MaxRows"/> rows.</summary>
    public static string ToHtml(MisalignmentReport report, HtmlViewOptions options)
    {
        var sb = new StringBuilder("<h4>Suspected shortcuts</h4>");
        sb.Append("<p class=\"verdict\">").Append(Html.Escape(Verdict(report))).Append("</p>");
        var suspects = report.Suspects;
        if (suspects.Count == 0)
        {
            return sb.ToString();
        }
        var shown = suspects.Take(options.MaxRows).ToList();
        string[] headers = ["#", "class", "concept", "weight", "where present", "otherwise", "adjusted p", "significant", "proposed fix", "estimated effect"];
        var table = new HtmlTable("suspects", headers);
        foreach (var s in shown)
        {
            // The numbers on one row, the sentence that reads them on a full-width row below it.
            table.Row(s.IsSignificant ? "significant" : null).Number(Html.Count(s.Rank)).Text(s.ClassName).Text(s.ConceptName)
                .Number(Html.Invariant($"{Html.Signed(s.Weight)} (#{s.WeightRank} of {s.Weights})"))
                .Number(Html.Invariant($"{s.PresentHits}/{s.PresentCount} ({Html.Percent(s.PresentRate)})"))
                .Number(Html.Invariant($"{s.AbsentHits}/{s.AbsentCount} ({Html.Percent(s.AbsentRate)})"))
                .Number(Html.PValue(s.AdjustedPValue))
                .Text(s.IsSignificant ? "significant" : "not significant", s.IsSignificant ? "good" : "muted")
                .Text(Describe(s.ProposedFix, s.ClassName))
                .Number(Effect(s.ProposedFix));
            table.Row("sentence").Spanning(s.Sentence, headers.Length);
        }
        sb.Append(table.Build());
        if (suspects.Count > shown.Count)
        {
            sb.Append(Html.Note(Html.Invariant($"{suspects.Count - shown.Count} more suspects not shown.")));
        }
        sb.Append(Html.Note(Html.Invariant($"Counted: {(suspects[0].Evidence == SuspectEvidence.Errors ? "the student's errors against the ground truth" : "disagreements with the teacher")}. ")
            + "Effects are estimated without refitting; a diagnosis (<code>await session.DiagnoseAsync()</code>) measures them with real refits."));
        return sb.ToString();
    }

    /// <summary>What the suspects amount to, in one sentence: a finding only when one is significant.</summary>
    public static string Verdict(MisalignmentReport report)
    {
        var significant = report.Suspects.Count(s => s.IsSignificant);
        if (report.Suspects.Count == 0)
        {
            return Html.Invariant($"No suspected shortcut: among the {report.SuspectTests} (class, concept) weights tested, none goes with the student's errors.");
        }
        return significant == 0
            ? Html.Invariant($"No suspected shortcut is significant after correction for {report.SuspectTests} tests; the list below is for a closer look, not a finding.")
            : Html.Invariant($"{significant} of {report.Suspects.Count} suspects {(significant == 1 ? "is" : "are")} significant after Holm's correction for {report.SuspectTests} tests. The first: {report.Suspects.First(s => s.IsSignificant).Sentence}");
    }

    /// <summary>A fix in words: "remove water from boat" or "remove water from every class that uses it (3: boat, car, fish)".</summary>
    public static string Describe(SuspectFix fix, string className) => fix.Scope == FixScope.AllClasses
        ? Html.Invariant($"remove {fix.ConceptName} from every class that uses it ({fix.ClassNames.Count}: {string.Join(", ", fix.ClassNames)})")
        : $"remove {fix.ConceptName} from {className}";

    /// <summary>The estimated change: accuracy when the images have ground truth, else agreement with the teacher.</summary>
    public static string Effect(SuspectFix fix) => fix.AccuracyBefore is { } before && fix.AccuracyAfter is { } after
        ? "accuracy " + Html.Change(before, after)
        : "agreement " + Html.Change(fix.AgreementBefore, fix.AgreementAfter);
}
