using InFiConD.Concepts;

namespace InFiConD.Interactive;

/// <summary>
/// HTML for a <see cref="ConceptBank"/>: what it was made from and, per concept, how reliably it is detected (the bank's
/// cross-validated exemplar AUC, see <see cref="ConceptQuality"/>) and its "present" threshold, with the concepts that are
/// not reliably detected flagged first, so a reader knows which weights to read with care.
/// </summary>
public static class ConceptBankView
{
    /// <summary>Renders the bank.</summary>
    /// <param name="bank">The bank.</param>
    /// <param name="options">Limits; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <returns>A self-contained HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bank"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToHtml(ConceptBank bank, HtmlViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bank);
        options = (options ?? HtmlViewOptions.Default).Validate();
        var sb = Html.Open("infcd-bank", Html.Invariant($"Concept bank: {bank.Count} concepts ({bank.Origin.Kind}, {bank.Dimension} dimensions)"));
        if (bank.Quality is not { } quality)
        {
            sb.Append(Html.Note("The bank records no detection quality (it was not made from exemplars): nothing says how reliably each concept is detected."));
            return Html.Close(sb);
        }
        var unreliable = Enumerable.Range(0, bank.Count).Where(bank.IsFlaggedUnreliable).ToList();
        var measured = quality.Where(q => q is not null).Select(q => q!.Auc).ToList();
        sb.Append(Html.Note(unreliable.Count == 0
            ? Html.Invariant($"Every concept is detected reliably (exemplar AUC ≥ {ConceptQuality.ReliableAuc:0.00}; mean {measured.DefaultIfEmpty(double.NaN).Average():0.000}).")
            : Html.Invariant($"{unreliable.Count} of {bank.Count} concepts are not reliably detected (exemplar AUC below {ConceptQuality.ReliableAuc:0.00}): read their weights and suspects with care, or leave them out with ExemplarBankOptions.MinimumAuc.")));
        var table = new HtmlTable("bank-quality", "concept", "exemplar AUC", "reliable", "positives", "negatives", "folds", "present at score ≥");
        // The flagged concepts first, worst first; then the rest in bank order, up to the view's row limit.
        var order = unreliable.OrderBy(c => quality[c]!.Auc).Concat(Enumerable.Range(0, bank.Count).Except(unreliable)).Take(options.MaxRows);
        foreach (var c in order)
        {
            var q = quality[c];
            var row = table.Row(q is { IsReliable: false } ? "flagged" : null).Text(bank.Names[c]);
            if (q is null)
            {
                row.Number("–").Text("not measured").Number("–").Number("–").Number("–");
            }
            else
            {
                row.Number(Html.Number(q.Auc, 3)).Text(q.IsReliable ? "yes" : "⚠ no").Number(Html.Count(q.Positives)).Number(Html.Count(q.Negatives)).Number(Html.Count(q.Folds));
            }
            row.Number(bank.PresenceThresholds is { } thresholds ? Html.Number(thresholds[c], 3) : "–");
        }
        sb.Append(table.Build());
        if (bank.Count > options.MaxRows)
        {
            sb.Append(Html.Note(Html.Invariant($"{bank.Count - options.MaxRows} more concepts not shown.")));
        }
        return Html.Close(sb);
    }
}
