using InFiConD.Editing;

namespace InFiConD.Interactive;

/// <summary>
/// HTML for a <see cref="VersionDiff"/>: which versions and which split, the metric changes, the weights and intercepts
/// that changed (before → after, with a chart of the weight changes) and the images whose prediction changed.
/// </summary>
public static class VersionDiffView
{
    /// <summary>Renders the difference.</summary>
    /// <param name="diff">The difference (second version minus first).</param>
    /// <param name="options">Limits; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <returns>A self-contained HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="diff"/> is null.</exception>
    public static string ToHtml(VersionDiff diff, HtmlViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        options = (options ?? HtmlViewOptions.Default).Validate();
        var weights = diff.Weights.Count == 1 ? "1 weight" : Html.Invariant($"{diff.Weights.Count} weights");
        var images = Html.Images(diff.Changed.Count);
        var sb = Html.Open("infcd-diff", Html.Invariant($"{diff.From} → {diff.To} on {diff.Split}: {weights} and {images} changed"));
        var metrics = new HtmlTable("diff-metrics", "measure", "change");
        metrics.Row().Text("agreement with the teacher (top-1)").Number(Html.Points(diff.Top1AgreementDelta));
        if (diff.GroundTruthAccuracyDelta is { } accuracy)
        {
            metrics.Row().Text("accuracy (ground truth)").Number(Html.Points(accuracy));
        }
        foreach (var c in diff.PerClass.Where(c => c.AgreementDelta != 0 || c.TeacherOnlyDelta != 0 || c.StudentOnlyDelta != 0))
        {
            metrics.Row().Text(Html.Invariant($"{c.ClassName}: agreement, teacher-only, student-only"))
                .Number(Html.Invariant($"{Html.Points(c.AgreementDelta)}, {c.TeacherOnlyDelta:+0;-0;0}, {c.StudentOnlyDelta:+0;-0;0}"));
        }
        sb.Append(metrics.Build());
        if (diff.Weights.Count > 0)
        {
            var table = new HtmlTable("diff-weights", "class", "concept", "before", "after", "change");
            foreach (var w in diff.Weights.Take(options.MaxRows))
            {
                table.Row().Text(w.ClassName).Text(w.ConceptName).Number(Html.Signed(w.From)).Number(Html.Signed(w.To)).Number(Html.Signed(w.To - w.From));
            }
            sb.Append(table.Build());
            if (diff.Weights.Count > options.MaxRows)
            {
                sb.Append(Html.Note(Html.Invariant($"{diff.Weights.Count - options.MaxRows} more changed weights not shown.")));
            }
            if (options.Charts)
            {
                sb.Append(SvgChart.SignedBars("Weight changes (after − before, standardised units)",
                    [.. diff.Weights.OrderByDescending(w => Math.Abs(w.To - w.From)).Take(options.ConceptsPerClass).Select(w => ($"{w.ClassName} · {w.ConceptName}", (double)(w.To - w.From)))]));
            }
        }
        foreach (var b in diff.Biases.Take(options.MaxRows))
        {
            sb.Append(Html.Note(Html.Invariant($"Intercept of {Html.Escape(b.ClassName)}: {Html.Signed(b.From)} → {Html.Signed(b.To)}.")));
        }
        if (diff.Changed.Count > 0)
        {
            var changed = new HtmlTable("diff-changed", "image", "student before", "student after", "teacher", "truth");
            foreach (var c in diff.Changed.Take(options.MaxRows))
            {
                changed.Row(c.Truth is { } t ? (c.After == t ? "fixed" : c.Before == t ? "broken" : null) : null)
                    .Text(c.ImageId).Text(c.Before).Text(c.After).Text(c.Teacher).Text(c.Truth ?? "–");
            }
            sb.Append(changed.Build());
            sb.Append(Html.Thumbnails(options, diff.Changed.Select(c => c.ImageId), diff.Split));
        }
        else
        {
            sb.Append(Html.Note(Html.Invariant($"No prediction on {Html.Escape(diff.Split)} changed.")));
        }
        return Html.Close(sb);
    }
}
