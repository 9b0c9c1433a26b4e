using InFiConD.Analysis;

namespace InFiConD.Interactive;

/// <summary>
/// HTML for a <see cref="ReportComparison"/>: on which split and between which versions, agreement overall and per class
/// before → after, and the suspected shortcuts the change resolved or brought.
/// </summary>
public static class ReportComparisonView
{
    /// <summary>Renders the comparison.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="options">Limits; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <returns>A self-contained HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is null.</exception>
    public static string ToHtml(ReportComparison comparison, HtmlViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        options = (options ?? HtmlViewOptions.Default).Validate();
        var (before, after) = (comparison.Before, comparison.After);
        var versions = $"{before.VersionId ?? "before"} → {after.VersionId ?? "after"}";
        var where = comparison.Split is null ? "" : $" on the {comparison.Split} split";
        var sb = Html.Open("infcd-comparison", Html.Invariant($"{versions}{where}: agreement {Html.Change(before.Agreement, after.Agreement)} over {Html.Images(after.ImageCount)}"));
        var table = new HtmlTable("comparison-classes", "class", "agreement", "teacher only", "student only");
        foreach (var c in comparison.Classes)
        {
            table.Row().Text(c.ClassName).Number(Html.Change(c.AgreementBefore, c.AgreementAfter))
                .Number(Html.Invariant($"{c.TeacherOnlyBefore} → {c.TeacherOnlyAfter}")).Number(Html.Invariant($"{c.StudentOnlyBefore} → {c.StudentOnlyAfter}"));
        }
        sb.Append(table.Build());
        if (options.Charts)
        {
            sb.Append(SvgChart.FractionBars("Agreement per class", versions.Split(" → ")[0], versions.Split(" → ")[1],
                [.. comparison.Classes.Select(c => (c.ClassName, c.AgreementBefore, (double?)c.AgreementAfter))]));
        }
        sb.Append(Suspects("Resolved: significant before, not after", comparison.Resolved, options));
        sb.Append(Suspects("Appeared: significant after, not before", comparison.Appeared, options));
        return Html.Close(sb);
    }

    private static string Suspects(string title, IReadOnlyList<SuspectedShortcut> suspects, HtmlViewOptions options)
    {
        if (suspects.Count == 0)
        {
            return Html.Note(Html.Escape(title.Split(':')[0]) + ": none.");
        }
        var table = new HtmlTable("comparison-suspects", "class", "concept", "adjusted p", "sentence");
        foreach (var s in suspects.Take(options.MaxRows))
        {
            table.Row().Text(s.ClassName).Text(s.ConceptName).Number(Html.PValue(s.AdjustedPValue)).Text(s.Sentence);
        }
        return "<h4>" + Html.Escape(title) + "</h4>" + table.Build();
    }
}
