using System.Globalization;
using InFiConD.Editing;

namespace InFiConD.Interactive;

/// <summary>
/// HTML for a <see cref="ProvenanceLog"/>: one row per edit (version, parent, time, the edits, weights changed,
/// agreement and accuracy before → after on every split, the refit) and a before/after chart per held-out split (accuracy
/// where labelled), or of agreement on the training images when there is none.
/// </summary>
public static class ProvenanceLogView
{
    /// <summary>Renders the log. Shows the latest <see cref="HtmlViewOptions.MaxRows"/> entries.</summary>
    /// <param name="log">The log.</param>
    /// <param name="options">Limits; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <returns>A self-contained HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToHtml(ProvenanceLog log, HtmlViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        options = (options ?? HtmlViewOptions.Default).Validate();
        var entries = log.Entries;
        var sb = Html.Open("infcd-provenance", Html.Invariant($"Provenance: {entries.Count} {(entries.Count == 1 ? "edit" : "edits")}"));
        if (log.FilePath is not null)
        {
            sb.Append(Html.Note("Log file: <code>" + Html.Escape(log.FilePath) + "</code>"));
        }
        if (entries.Count == 0)
        {
            sb.Append(Html.Note(Html.Invariant($"No edits yet: the students are the fitted version {ProvenanceLog.RootId}.")));
            return Html.Close(sb);
        }
        var shown = entries.Skip(Math.Max(0, entries.Count - options.MaxRows)).ToList();
        if (shown.Count < entries.Count)
        {
            sb.Append(Html.Note(Html.Invariant($"Showing the latest {shown.Count} of {entries.Count} entries.")));
        }
        // Every number names its images: the training split, then each held-out split the entries were measured on.
        var heldOut = shown.SelectMany(e => e.Evaluation ?? []).Select(m => m.Split).Distinct(StringComparer.Ordinal).ToList();
        var table = new HtmlTable("provenance", ["version", "parent", "time (UTC)", "edits", "weights changed", "agreement (train)", "accuracy (train)",
            .. heldOut.SelectMany(split => new[] { $"agreement ({split})", $"accuracy ({split})" }), "refit"]);
        foreach (var e in shown)
        {
            var row = table.Row().Text(e.Id).Text(e.ParentId).Text(e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
                .Raw(string.Join("<br/>", e.Edits.Select(x => Html.Escape(x.Description))))
                .Number(Html.Count(WeightsChanged(e)))
                .Number(Change(e.MetricsBefore.Top1Agreement, e.MetricsAfter.Top1Agreement))
                .Number(Change(e.MetricsBefore.GroundTruthAccuracy, e.MetricsAfter.GroundTruthAccuracy));
            foreach (var split in heldOut)
            {
                var metrics = e.Evaluation?.FirstOrDefault(m => m.Split == split);
                row.Number(metrics is null ? "–" : Change(metrics.Before.Top1Agreement, metrics.After.Top1Agreement))
                    .Number(metrics is null ? "–" : Change(metrics.Before.GroundTruthAccuracy, metrics.After.GroundTruthAccuracy));
            }
            row.Text(e.Refit.Summary);
        }
        sb.Append(table.Build());
        if (options.Charts && heldOut.Count == 0)
        {
            sb.Append(SvgChart.FractionBars("Top-1 agreement with the teacher", "before", "after",
                [.. shown.Select(e => (e.Id, e.MetricsBefore.Top1Agreement, (double?)e.MetricsAfter.Top1Agreement))]));
        }
        // With held-out splits, those are where an edit shows: one chart each, accuracy where labelled.
        foreach (var split in options.Charts ? heldOut : [])
        {
            var measured = shown.Select(e => (e.Id, Metrics: e.Evaluation?.FirstOrDefault(m => m.Split == split))).Where(x => x.Metrics is not null).ToList();
            var labelled = measured.All(x => x.Metrics!.Before.GroundTruthAccuracy is not null && x.Metrics.After.GroundTruthAccuracy is not null);
            sb.Append(SvgChart.FractionBars(labelled ? $"Accuracy on {split}" : $"Top-1 agreement with the teacher on {split}", "before", "after",
                [.. measured.Select(x => labelled
                    ? (x.Id, x.Metrics!.Before.GroundTruthAccuracy!.Value, x.Metrics.After.GroundTruthAccuracy)
                    : (x.Id, x.Metrics!.Before.Top1Agreement, (double?)x.Metrics.After.Top1Agreement))]));
        }
        return Html.Close(sb);
    }

    private static string Change(double? before, double? after) =>
        before is { } a && after is { } b ? Html.Percent(a) + " → " + Html.Percent(b) : "–";

    /// <summary>Weights whose value differs before and after the entry, over every changed class.</summary>
    internal static int WeightsChanged(ProvenanceEntry entry)
    {
        var count = 0;
        foreach (var change in entry.Changes)
        {
            var n = Math.Min(change.WeightsBefore.Count, change.WeightsAfter.Count);
            for (var j = 0; j < n; j++)
            {
                count += change.WeightsBefore[j] != change.WeightsAfter[j] ? 1 : 0;
            }
        }
        return count;
    }
}
