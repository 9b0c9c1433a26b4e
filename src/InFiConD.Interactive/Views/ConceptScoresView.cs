using InFiConD.Concepts;

namespace InFiConD.Interactive;

/// <summary>
/// HTML for <see cref="ConceptScores"/>: a per-concept summary (mean, maximum and the image that reaches it, share of
/// images with a score above 0), ordered by mean, with a bar chart, and a preview of the first images' scores.
/// </summary>
public static class ConceptScoresView
{
    /// <summary>Renders the scores.</summary>
    /// <param name="scores">The concept scores.</param>
    /// <param name="options">Limits; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <returns>A self-contained HTML fragment (a scoped style, tables, inline SVG; no script).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToHtml(ConceptScores scores, HtmlViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        options = (options ?? HtmlViewOptions.Default).Validate();
        var (n, c) = (scores.ImageCount, scores.ConceptCount);
        var sb = Html.Open("infcd-scores", Html.Invariant($"Concept scores: {n} images × {c} concepts"));
        if (n == 0 || c == 0)
        {
            sb.Append(Html.Note(n == 0 ? "No images." : "No concepts."));
            return Html.Close(sb);
        }
        var summaries = Summaries(scores);
        var shown = summaries.OrderByDescending(s => s.Mean).ThenBy(s => s.Index).Take(options.MaxRows).ToList();
        sb.Append("<h4>Concepts by mean score</h4>");
        var table = new HtmlTable("concept-summary", "concept", "mean", "max", "image with max", "share > 0");
        foreach (var s in shown)
        {
            table.Row().Text(s.Name).Number(Html.Number(s.Mean)).Number(Html.Number(s.Max)).Text(scores.ImageIds[s.MaxImage]).Number(Html.Percent(s.Positive));
        }
        sb.Append(table.Build());
        if (summaries.Count > shown.Count)
        {
            sb.Append(Html.Note(Html.Invariant($"{summaries.Count - shown.Count} more concepts not shown.")));
        }
        if (options.Charts)
        {
            sb.Append(SvgChart.SignedBars("Mean score", [.. shown.Select(s => (s.Name, s.Mean))]));
        }
        sb.Append(Preview(scores, options));
        return Html.Close(sb);
    }

    private static string Preview(ConceptScores scores, HtmlViewOptions options)
    {
        var rows = Math.Min(scores.ImageCount, options.MaxRows);
        var columns = Math.Min(scores.ConceptCount, options.PreviewColumns);
        var headers = new[] { "image" }.Concat(scores.ConceptNames.Take(columns)).ToArray();
        var table = new HtmlTable("score-preview", headers);
        for (var i = 0; i < rows; i++)
        {
            table.Row().Text(scores.ImageIds[i]);
            var row = scores.Row(i);
            for (var j = 0; j < columns; j++)
            {
                // Cosine scores lie in [0, 1]: shade by the score itself so tables are comparable across cells.
                table.Shaded(Html.Number(row[j]), SvgChart.HeatColour((int)Math.Round(Math.Clamp(row[j], 0f, 1f) * 100), 100, diagonal: true));
            }
        }
        var note = rows < scores.ImageCount || columns < scores.ConceptCount
            ? Html.Note(Html.Invariant($"Showing {rows} of {scores.ImageCount} images and {columns} of {scores.ConceptCount} concepts."))
            : "";
        return "<h4>Scores</h4>" + table.Build() + note;
    }

    private static List<ConceptSummary> Summaries(ConceptScores scores)
    {
        var (n, c) = (scores.ImageCount, scores.ConceptCount);
        var sum = new double[c];
        var max = new float[c];
        var at = new int[c];
        var positive = new int[c];
        Array.Fill(max, float.NegativeInfinity);
        for (var i = 0; i < n; i++)
        {
            var row = scores.Row(i);
            for (var j = 0; j < c; j++)
            {
                sum[j] += row[j];
                positive[j] += row[j] > 0f ? 1 : 0;
                if (row[j] > max[j])
                {
                    (max[j], at[j]) = (row[j], i);
                }
            }
        }
        return [.. Enumerable.Range(0, c).Select(j => new ConceptSummary(j, scores.ConceptNames[j], sum[j] / n, max[j], at[j], (double)positive[j] / n))];
    }

    private sealed record ConceptSummary(int Index, string Name, double Mean, double Max, int MaxImage, double Positive);
}
