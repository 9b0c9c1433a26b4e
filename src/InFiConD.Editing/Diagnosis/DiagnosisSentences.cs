using System.Globalization;
using InFiConD.Analysis;

namespace InFiConD.Editing;

/// <summary>The plain sentences of a <see cref="ShortcutDiagnosis"/>.</summary>
internal static class DiagnosisSentences
{
    /// <summary>"Proposed: remove red mark from every class that uses it (3 classes). Measured with a converged refit: accuracy on shifted 59.4 % → 74.4 % (+15.0 points); on train 100.0 % → 98.3 %."</summary>
    public static string Proposal(SuspectedShortcut suspect, MeasuredFix proposed, IReadOnlyList<MeasuredFix> fixes)
    {
        var (measure, effect) = Effect(proposed.Splits, proposed.Split);
        var what = Describe(proposed, suspect);
        if (proposed.Gain > 0)
        {
            return $"Proposed: {what}. Measured with a refit: {effect}.";
        }
        var tried = string.Join(" and ", fixes.Select(f => Describe(f, suspect)));
        return $"No fix helps: {tried} would not raise {measure} on {proposed.Split} (best: {effect}). Look at the images before editing.";
    }

    /// <summary>"All 2 findings' fixes together (remove water from boat; remove road from car), measured with one refit: accuracy on shifted 70.0 % → 78.3 % (+8.3 points); …"</summary>
    public static string Combined(IReadOnlyList<ConceptEdit> edits, IReadOnlyList<SplitOutcome> splits, string split) =>
        $"All {edits.Count} fixes together ({string.Join("; ", edits.Select(e => e.ClassName == ConceptEdit.AllClasses ? $"remove {e.ConceptName} from every class" : $"remove {e.ConceptName} from {e.ClassName}"))}), measured with one refit: {Effect(splits, split).Text}.";

    /// <summary>What a fix did: the measure on the analysed split (accuracy, or agreement without labels) and every split's before → after.</summary>
    private static (string Measure, string Text) Effect(IReadOnlyList<SplitOutcome> splits, string split)
    {
        var analysed = splits.First(s => s.Split == split);
        var (measure, before, after) = analysed.Before.GroundTruthAccuracy is { } a
            ? ("accuracy", a, analysed.After.GroundTruthAccuracy!.Value)
            : ("agreement with the teacher", analysed.Before.Top1Agreement, analysed.After.Top1Agreement);
        var others = string.Join("; ", splits.Where(s => s.Split != split).Select(s => s.Before.GroundTruthAccuracy is { } b
            ? $"on {s.Split} {Percent(b)} → {Percent(s.After.GroundTruthAccuracy!.Value)}"
            : $"on {s.Split} agreement {Percent(s.Before.Top1Agreement)} → {Percent(s.After.Top1Agreement)}"));
        return (measure, $"{measure} on {split} {Percent(before)} → {Percent(after)} ({Points(after - before)}){(others.Length == 0 ? "" : $"; {others}")}");
    }

    public static string Headline(MisalignmentReport report, IReadOnlyList<ConfirmedSuspect> confirmed, CombinedFix? combined)
    {
        var split = report.Split ?? "these images";
        var top = report.Suspects.FirstOrDefault(s => s.IsSignificant);
        if (top is null)
        {
            return report.Suspects.Count == 0
                ? $"No suspected shortcut on {split}: no concept a student reads goes with its errors."
                : $"No suspected shortcut on {split} is significant after correction for {report.SuspectTests} tests; the list below is for a closer look, not a finding.";
        }
        var measured = confirmed.FirstOrDefault(c => ReferenceEquals(c.Suspect, top));
        return $"Suspected shortcut on {split}: {top.Sentence}{(measured is null ? "" : " " + measured.Sentence)}{(combined is null ? "" : " " + combined.Sentence)}";
    }

    private static string Describe(MeasuredFix fix, SuspectedShortcut suspect) => fix.Scope == FixScope.AllClasses
        ? $"remove {suspect.ConceptName} from every class that uses it ({fix.ClassNames.Count} classes)"
        : $"remove {suspect.ConceptName} from {suspect.ClassName}";

    private static string Percent(double fraction) => (100 * fraction).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Points(double change) => (100 * change).ToString("+0.0;−0.0;±0.0", CultureInfo.InvariantCulture) + " points";
}
