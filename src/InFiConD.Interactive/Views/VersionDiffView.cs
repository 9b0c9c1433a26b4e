using InFiConD.Editing;

namespace InFiConD.Interactive;

/// <summary>
/// HTML for a <see cref="VersionDiff"/>: which versions and which split, the metric changes overall and per class, the
/// weights (largest changes first, with a chart) and intercepts that changed, and the images whose prediction changed,
/// those now right and now wrong marked.
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
        sb.Append(metrics.Build());
        var classes = diff.PerClass.Where(c => c.AgreementDelta != 0 || c.TeacherOnlyDelta != 0 || c.StudentOnlyDelta != 0).ToList();
        if (classes.Count > 0)
        {
            var perClass = new HtmlTable("diff-classes", "class", "agreement", "teacher only", "student only");
            foreach (var c in classes)
            {
                perClass.Row().Text(c.ClassName).Number(Html.Points(c.AgreementDelta)).Number(Html.Invariant($"{c.TeacherOnlyDelta:+0;-0;0}")).Number(Html.Invariant($"{c.StudentOnlyDelta:+0;-0;0}"));
            }
            sb.Append(perClass.Build());
        }
        if (diff.Weights.Count > 0)
        {
            // Largest changes first, so the cap never hides the edit itself.
            var largest = diff.Weights.OrderByDescending(w => Math.Abs(w.To - w.From)).ToList();
            var table = new HtmlTable("diff-weights", "class", "concept", "before", "after", "change");
            foreach (var w in largest.Take(options.MaxRows))
            {
                table.Row().Text(w.ClassName).Text(w.ConceptName).Number(Html.Signed(w.From)).Number(Html.Signed(w.To)).Number(Html.Signed(w.To - w.From));
            }
            sb.Append(table.Build());
            if (diff.Weights.Count > options.MaxRows)
            {
                sb.Append(Html.Note(Html.Invariant($"{diff.Weights.Count - options.MaxRows} smaller changes not shown.")));
            }
            if (options.Charts)
            {
                sb.Append(SvgChart.SignedBars("Weight changes (after − before, standardised units)",
                    [.. largest.Take(options.ConceptsPerClass).Select(w => ($"{w.ClassName} · {w.ConceptName}", (double)(w.To - w.From)))]));
            }
        }
        if (diff.Biases.Count > 0)
        {
            sb.Append(Html.Note("Intercepts: " + string.Join("; ", diff.Biases.Take(options.MaxRows).Select(b => Html.Invariant($"{Html.Escape(b.ClassName)} {Html.Signed(b.From)} → {Html.Signed(b.To)}"))) + "."));
        }
        if (diff.Changed.Count > 0)
        {
            var (fixedCount, brokenCount) = (diff.Changed.Count(c => c.Truth is { } t && c.After == t), diff.Changed.Count(c => c.Truth is { } t && c.Before == t));
            if (diff.Changed.Any(c => c.Truth is not null))
            {
                sb.Append(Html.Note(Html.Invariant($"<span class=\"good\">{fixedCount} now right</span> (green rows), <span class=\"bad\">{brokenCount} now wrong</span> (red rows), {diff.Changed.Count - fixedCount - brokenCount} wrong before and after.")));
            }
            var changed = new HtmlTable("diff-changed", "image", "student before", "student after", "teacher", "truth");
            foreach (var c in diff.Changed.Take(options.MaxRows))
            {
                changed.Row(c.Truth is { } t ? (c.After == t ? "fixed" : c.Before == t ? "broken" : null) : null)
                    .Text(c.ImageId).Text(c.Before).Text(c.After).Text(c.Teacher).Text(c.Truth ?? "–");
            }
            sb.Append(changed.Build());
            if (diff.Changed.Count > options.MaxRows)
            {
                sb.Append(Html.Note(Html.Invariant($"{diff.Changed.Count - options.MaxRows} more changed predictions not shown.")));
            }
            sb.Append(Html.Thumbnails(options, diff.Changed.Select(c => c.ImageId), diff.Split));
        }
        else
        {
            sb.Append(Html.Note(Html.Invariant($"No prediction on {Html.Escape(diff.Split)} changed.")));
        }
        return Html.Close(sb);
    }
}
