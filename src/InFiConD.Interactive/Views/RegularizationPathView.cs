namespace InFiConD.Interactive;

/// <summary>
/// HTML for a <see cref="RegularizationPath"/>: per λ, how many weights the students keep and how well they do on every
/// split (accuracy where labelled, else agreement with the teacher), the suggested λ marked, and the same as a line chart.
/// </summary>
public static class RegularizationPathView
{
    /// <summary>Renders the path.</summary>
    /// <param name="path">The path.</param>
    /// <param name="options">Limits; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <returns>A self-contained HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static string ToHtml(RegularizationPath path, HtmlViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options = (options ?? HtmlViewOptions.Default).Validate();
        var suggested = path.SuggestedPoint;
        var sb = Html.Open("infcd-path", Html.Invariant($"λ path: {path.Points.Count} strengths; suggested λ = {Lambda(suggested.Lambda)} keeps {suggested.NonZeroWeights} weights"));
        var splits = suggested.Fidelity.Keys.ToArray();
        sb.Append(Html.Note(Html.Invariant(
            $"A larger λ keeps fewer weights (students easier to read) at some cost in following the teacher. Scores are accuracy on splits with labels, else agreement with the teacher. The suggestion is the largest λ within {Html.Percent(RegularizationPath.Tolerance)} of the best score on <b>{Html.Escape(path.Split)}</b>; the session's students use λ = {Lambda(path.SessionLambda)}; <code>await session.AdoptAsync(path.SuggestedPoint)</code> makes the suggestion theirs, as a logged version.")));
        var table = new HtmlTable("path-points", ["", "λ", "weights kept", .. splits]);
        for (var i = 0; i < path.Points.Count; i++)
        {
            var point = path.Points[i];
            var row = table.Row(i == path.Suggested ? "suggested" : null).Text(i == path.Suggested ? "suggested" : "").Number(Lambda(point.Lambda)).Number(Html.Count(point.NonZeroWeights));
            foreach (var split in splits)
            {
                row.Number(Html.Percent(point.Score(split)));
            }
        }
        sb.Append(table.Build());
        if (options.Charts)
        {
            sb.Append(SvgChart.Lines("Score per split as λ falls (left: strongest)", [.. path.Points.Select(p => Lambda(p.Lambda))],
                [.. splits.Select(s => (s, (IReadOnlyList<double>)[.. path.Points.Select(p => p.Score(s))]))], path.Suggested, "suggested"));
        }
        return Html.Close(sb);
    }

    private static string Lambda(double lambda) => lambda.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
}
