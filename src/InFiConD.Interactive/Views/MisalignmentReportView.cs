using System.Text;
using InFiConD.Analysis;

namespace InFiConD.Interactive;

/// <summary>
/// HTML for a <see cref="MisalignmentReport"/>, titled with the split and version it describes: first the suspected
/// shortcuts (rank, class, concept, weight, rates where the concept is present and otherwise, Holm-adjusted p, whether
/// significant, the proposed fix and its estimated effect, the sentence; or a plain statement that none is significant),
/// then the top concept slices in plain sentences (with and without the
/// concept, lift, adjusted p, a paired bar chart), the teacher × student confusion matrix, the four subsets per
/// class (with the teacher's right/wrong split when ground truth is known) and, per class, a folded section with the
/// concepts that separate each misaligned subset, its slices and example image ids.
/// </summary>
public static class MisalignmentReportView
{
    /// <summary>Renders the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="options">Limits; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <returns>A self-contained HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToHtml(MisalignmentReport report, HtmlViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options = (options ?? HtmlViewOptions.Default).Validate();
        var where = report.Split is null ? "" : $" ({report.Split} split{(report.VersionId is null ? "" : $", version {report.VersionId}")})";
        var sb = Html.Open("infcd-misalignment", Html.Invariant($"Misalignment{where}: students agree with the teacher on {Html.Percent(report.Agreement)} of {Html.Images(report.ImageCount)}"));
        sb.Append(Html.Note(Html.Invariant($"{report.ClassNames.Count} classes, {report.ConceptCount} concepts, {report.SliceTests} slices tested")
            + (report.HasGroundTruth ? "; ground truth known" : "; no ground truth") + (report.MultiLabel ? "; multi-label teacher" : "") + "."));
        if (report.ImageCount == 0 || report.ClassNames.Count == 0)
        {
            sb.Append(Html.Note(report.ImageCount == 0 ? "No images." : "No classes."));
            return Html.Close(sb);
        }
        // Suspects lead: they are the report's answer; slices, confusion and subsets are the detail behind it.
        sb.Append(SuspectTable.ToHtml(report, options));
        sb.Append(Slices(report.TopSlices, options, "top-slices", "Where they disagree: concept slices"));
        sb.Append(Confusion(report));
        sb.Append(Subsets(report));
        foreach (var c in report.Classes)
        {
            sb.Append(ClassDetails(c, options, report.Split));
        }
        return Html.Close(sb);
    }

    /// <summary>Who says the class in each subset, in words.</summary>
    internal static string Describe(SubsetKind kind) => kind switch
    {
        SubsetKind.TeacherOnly => "teacher only",
        SubsetKind.StudentOnly => "student only",
        SubsetKind.AgreePositive => "both",
        _ => "neither",
    };

    private static string Slices(IReadOnlyList<ConceptSlice> slices, HtmlViewOptions options, string cssClass, string heading)
    {
        var sb = new StringBuilder("<h4>").Append(Html.Escape(heading)).Append("</h4>");
        if (slices.Count == 0)
        {
            return sb.Append(Html.Note("No concept slice reached the minimum support.")).ToString();
        }
        var shown = slices.Take(options.MaxSlices).ToList();
        var table = new HtmlTable(cssClass, "#", "slice", "class", "concept", "says the class", "with the concept", "without", "lift", "adjusted p");
        for (var i = 0; i < shown.Count; i++)
        {
            var s = shown[i];
            table.Row().Number(Html.Count(i + 1)).Text(s.Sentence).Text(s.ClassName).Text(s.ConceptName).Text(Describe(s.Kind))
                .Number(Html.Invariant($"{s.HighHits}/{s.HighCount} ({Html.Percent(s.HighRate)})"))
                .Number(Html.Invariant($"{s.RestHits}/{s.RestCount} ({Html.Percent(s.RestRate)})"))
                .Number(Html.Number(s.Lift, 2)).Number(Html.PValue(s.AdjustedPValue));
        }
        sb.Append(table.Build());
        if (slices.Count > shown.Count)
        {
            sb.Append(Html.Note(Html.Invariant($"{slices.Count - shown.Count} more slices not shown.")));
        }
        if (options.Charts)
        {
            sb.Append(SvgChart.FractionBars("Disagreement rate", "without the concept", "with the concept",
                [.. shown.Select((s, i) => (Html.Invariant($"{i + 1}. {s.ConceptName} → {s.ClassName}"), s.RestRate, (double?)s.HighRate))]));
        }
        return sb.ToString();
    }

    private static string Confusion(MisalignmentReport report)
    {
        var names = report.ClassNames;
        var max = report.Confusion.SelectMany(r => r).DefaultIfEmpty(0).Max();
        var table = new HtmlTable("confusion", ["teacher ↓ / student →", .. names]);
        for (var r = 0; r < report.Confusion.Count; r++)
        {
            table.Row().Header(names[r]);
            for (var c = 0; c < report.Confusion[r].Count; c++)
            {
                var value = report.Confusion[r][c];
                table.Shaded(Html.Count(value), SvgChart.HeatColour(value, max, r == c));
            }
        }
        return "<h4>Top classes: teacher (rows) against students (columns)</h4>" + table.Build();
    }

    private static string Subsets(MisalignmentReport report)
    {
        string[] headers = report.HasGroundTruth
            ? ["class", "agreement", "both say it", "neither", "teacher only", "teacher only: teacher right", "student only", "student only: teacher right"]
            : ["class", "agreement", "both say it", "neither", "teacher only", "student only"];
        var table = new HtmlTable("subsets", headers);
        foreach (var c in report.Classes)
        {
            table.Row().Text(c.ClassName).Number(Html.Percent(c.Agreement)).Number(Html.Count(c.AgreePositive.Count)).Number(Html.Count(c.AgreeNegative.Count))
                .Number(Html.Count(c.TeacherOnly.Count));
            if (report.HasGroundTruth)
            {
                table.Number(c.TeacherOnly.GroundTruth is { } t ? Html.Count(t.TeacherRightCount) : "–");
            }
            table.Number(Html.Count(c.StudentOnly.Count));
            if (report.HasGroundTruth)
            {
                table.Number(c.StudentOnly.GroundTruth is { } s ? Html.Count(s.TeacherRightCount) : "–");
            }
        }
        return "<h4>Subsets per class</h4>" + table.Build();
    }

    private static string ClassDetails(ClassMisalignment c, HtmlViewOptions options, string? split)
    {
        if (c.TeacherOnly.Count == 0 && c.StudentOnly.Count == 0)
        {
            return "";
        }
        var sb = new StringBuilder("<details class=\"class-details\"><summary>");
        sb.Append(Html.Escape(c.ClassName)).Append(Html.Invariant($": {c.TeacherOnly.Count} teacher only, {c.StudentOnly.Count} student only")).Append("</summary>");
        foreach (var kind in new[] { SubsetKind.TeacherOnly, SubsetKind.StudentOnly })
        {
            var subset = c.Subset(kind);
            if (subset.Count == 0)
            {
                continue;
            }
            var who = kind == SubsetKind.TeacherOnly ? "the teacher says it, the student does not" : "the student says it, the teacher does not";
            sb.Append("<h4>").Append(Html.Escape(Html.Invariant($"{c.ClassName}: {Html.Images(subset.Count)} where {who}"))).Append("</h4>");
            var concepts = c.Concepts(kind).Take(options.ConceptsPerClass).ToList();
            if (concepts.Count > 0)
            {
                var table = new HtmlTable("contrasts", "concept", "weight", "mean contribution here", "where they agree", "difference");
                foreach (var x in concepts)
                {
                    table.Row().Text(x.ConceptName).Number(Html.Signed(x.Weight)).Number(Html.Signed(x.SubsetMean)).Number(Html.Signed(x.CounterpartMean)).Number(Html.Signed(x.Difference));
                }
                sb.Append(table.Build());
            }
            var slices = c.Slices(kind);
            if (slices.Count > 0)
            {
                sb.Append("<ul class=\"slice-sentences\">").Append(string.Concat(slices.Take(options.MaxSlices).Select(s => "<li>" + Html.Escape(s.Sentence) + "</li>"))).Append("</ul>");
            }
            if (options.MaxImageIds > 0)
            {
                var ids = subset.ImageIds.Take(options.MaxImageIds).ToList();
                sb.Append("<p class=\"image-ids\">Images: ").Append(string.Join(", ", ids.Select(id => "<code>" + Html.Escape(id) + "</code>")))
                    .Append(subset.ImageIds.Count > ids.Count ? Html.Invariant($" and {subset.ImageIds.Count - ids.Count} more") : "").Append("</p>");
            }
            // The subset's strongest slice names the concept to outline in its pictures.
            sb.Append(Html.Thumbnails(options, subset.ImageIds, split, slices.FirstOrDefault()?.ConceptName));
        }
        return sb.Append("</details>").ToString();
    }
}
