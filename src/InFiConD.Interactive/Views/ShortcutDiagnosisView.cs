using System.Text;
using InFiConD.Editing;

namespace InFiConD.Interactive;

/// <summary>
/// HTML for a <see cref="ShortcutDiagnosis"/>: the headline first, then each confirmed suspect with its measured fixes
/// (before → after on every split, the proposal highlighted) and the edit that applies the proposal written as C#, then
/// every suspect of the report. Names are escaped everywhere.
/// </summary>
public static class ShortcutDiagnosisView
{
    /// <summary>The name the C# snippets give the diagnosis, as in <c>var diagnosis = await session.DiagnoseAsync();</c>.</summary>
    public const string DiagnosisVariable = "diagnosis";

    /// <summary>Renders the diagnosis.</summary>
    /// <param name="diagnosis">The diagnosis.</param>
    /// <param name="options">Limits; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <returns>A self-contained HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="diagnosis"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToHtml(ShortcutDiagnosis diagnosis, HtmlViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        options = (options ?? HtmlViewOptions.Default).Validate();
        var sb = Html.Open("infcd-diagnosis", $"Diagnosis ({diagnosis.Split} split, version {diagnosis.VersionId})");
        sb.Append("<p class=\"headline\"><strong>").Append(Html.Escape(diagnosis.Headline)).Append("</strong></p>");
        if (diagnosis.Confirmed.Count == 0)
        {
            sb.Append(Html.Note("No suspect's fix was measured (there is no suspect, or the options confirm none)."));
        }
        for (var i = 0; i < diagnosis.Confirmed.Count; i++)
        {
            sb.Append(Confirmed(diagnosis.Confirmed[i], i));
        }
        if (diagnosis.CombinedFix is { } combined)
        {
            sb.Append(Combined(combined));
        }
        sb.Append(SuspectTable.ToHtml(diagnosis.Report, options));
        return Html.Close(sb);
    }

    private static string Confirmed(ConfirmedSuspect confirmed, int index)
    {
        var s = confirmed.Suspect;
        var sb = new StringBuilder("<div class=\"confirmed\">");
        sb.Append("<h4>").Append(Html.Escape(Html.Invariant($"{s.Rank}. {s.ClassName} · {s.ConceptName} ({(s.IsSignificant ? "significant" : "not significant")}, adjusted p = {Html.PValue(s.AdjustedPValue)})"))).Append("</h4>");
        sb.Append("<p>").Append(Html.Escape(s.Sentence)).Append("</p>");
        sb.Append("<p class=\"").Append(confirmed.FixHelps ? "good" : "bad").Append("\">").Append(Html.Escape(confirmed.Sentence)).Append("</p>");
        var splits = confirmed.Fixes.SelectMany(f => f.Splits).Select(o => o.Split).Distinct(StringComparer.Ordinal).ToList();
        var table = new HtmlTable("measured-fixes", ["fix", "proposed", "estimated (no refit)", .. splits.Select(split => $"{split} (measured)"), "refit"]);
        foreach (var fix in confirmed.Fixes)
        {
            // A proposal that does not help is the best measured, not an answer: it is named so and not highlighted.
            var proposed = ReferenceEquals(fix, confirmed.ProposedFix) || fix == confirmed.ProposedFix;
            var row = table.Row(proposed && confirmed.FixHelps ? "proposed" : null).Text(SuspectTable.Describe(fix.Estimate, s.ClassName))
                .Text(proposed ? confirmed.FixHelps ? "proposed" : "best, does not help" : "")
                .Number(SuspectTable.Effect(fix.Estimate));
            foreach (var split in splits)
            {
                row.Number(fix.Splits.FirstOrDefault(o => o.Split == split) is { } outcome ? Outcome(outcome) : "–");
            }
            row.Text(fix.Refit);
        }
        sb.Append(table.Build());
        sb.Append(Html.Note(confirmed.FixHelps
            ? "To apply the proposal:"
            : Html.Invariant($"No fix measurably helps on {Html.Escape(confirmed.ProposedFix.Split)}: look at the images before editing. To apply the better one anyway:")));
        sb.Append("<pre class=\"apply\"><code>").Append(Html.Escape(Code(confirmed, index))).Append("</code></pre>");
        return sb.Append("</div>").ToString();
    }

    /// <summary>The findings' fixes together: the sentence, before → after on every split, and the C# that applies them.</summary>
    private static string Combined(CombinedFix combined)
    {
        var sb = new StringBuilder("<div class=\"combined\"><h4>All findings together</h4>");
        sb.Append("<p class=\"").Append(combined.Gain > 0 ? "good" : "bad").Append("\">").Append(Html.Escape(combined.Sentence)).Append("</p>");
        var table = new HtmlTable("combined-fix", "split", "measured", "refit");
        foreach (var outcome in combined.Splits)
        {
            table.Row().Text(outcome.Split).Number(Outcome(outcome)).Text(combined.Refit);
        }
        sb.Append(table.Build());
        var written = string.Join(", ", combined.Edits.Select(Literal));
        var code = Html.Invariant($"await session.EditAsync({DiagnosisVariable}.CombinedFix.Edits);\n// the same, written out:\n// await session.EditAsync([{written}]);");
        sb.Append("<pre class=\"apply\"><code>").Append(Html.Escape(code)).Append("</code></pre>");
        return sb.Append("</div>").ToString();
    }

    /// <summary>Accuracy (with ground truth) and agreement before → after on one split.</summary>
    private static string Outcome(SplitOutcome outcome)
    {
        var agreement = "agreement " + Html.Change(outcome.Before.Top1Agreement, outcome.After.Top1Agreement);
        return outcome.Before.GroundTruthAccuracy is { } before && outcome.After.GroundTruthAccuracy is { } after
            ? "accuracy " + Html.Change(before, after) + "; " + agreement
            : agreement;
    }

    /// <summary>The C# that applies the proposal: through the diagnosis, and written out so it survives the cell that made it.</summary>
    internal static string Code(ConfirmedSuspect confirmed, int index)
    {
        var fix = confirmed.ProposedFix;
        var comment = string.Join("; ", fix.Edits.Select(e => e.Description)).ReplaceLineEndings(" ");
        var written = string.Join(", ", fix.Edits.Select(Literal));
        return Html.Invariant($"// {comment}\nawait session.EditAsync({DiagnosisVariable}.Confirmed[{index}].ProposedFix.Edits);\n// the same, written out:\n// await session.EditAsync([{written}]);");
    }

    /// <summary>One edit as a C# expression over the <see cref="ConceptEdit"/> factories.</summary>
    private static string Literal(ConceptEdit e)
    {
        var cls = e.ClassName == ConceptEdit.AllClasses ? "ConceptEdit.AllClasses" : Quote(e.ClassName);
        return e.Kind switch
        {
            ConceptEditKind.Uptune or ConceptEditKind.Downtune => Html.Invariant($"ConceptEdit.{e.Kind}({cls}, {Quote(e.ConceptName)}, {e.Factor:R})"),
            ConceptEditKind.Remove or ConceptEditKind.Lock or ConceptEditKind.Release => $"ConceptEdit.{e.Kind}({cls}, {Quote(e.ConceptName)})",
            _ => Html.Invariant($"/* {e.Description.ReplaceLineEndings(" ").Replace("*/", "* /", StringComparison.Ordinal)} */"),
        };
    }

    /// <summary>A C# string literal (backslash, quote and control characters escaped).</summary>
    private static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => Html.Invariant($"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }
}
