using System.Globalization;
using System.Text;
using InFiConD.Analysis;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;
using static InFiConD.Quickstart.SvgCharts;

namespace InFiConD.Quickstart;

/// <summary>Writes the main job's report twice: Markdown (tables) and one self-contained HTML page (tables and inline SVG charts).</summary>
internal static class QuickstartReport
{
    private const int ConceptsPerClass = 8;

    public static void Write(QuickstartResult result)
    {
        AtomicFile.WriteAllText(result.Files["markdown"], Markdown(result));
        AtomicFile.WriteAllText(result.Files["html"], Html(result));
    }

    /// <summary>The story in one line per step, shared by both formats.</summary>
    private static IEnumerable<(string Heading, string Text)> Summary(QuickstartResult r)
    {
        var shifted = r.Shifted;
        var first = r.Edits[0].Entry;
        var bounds = first.Bounds[0];
        var finalWeight = r.Session.Students.StandardizedWeights(bounds.ClassIndex)[bounds.ConceptIndex];
        yield return ("Diagnosis", r.Diagnosis.Headline);
        yield return ("Teacher", Invariant($"ResNet-18 + ML.NET head: {Percent(r.Splits[0].TeacherAccuracy)} accurate on the test images, {Percent(shifted.TeacherAccuracy)} on the shifted images (where the planted backgrounds no longer go with their classes). The head read the encoder's whole-image features, so one forward pass per image served concepts and teacher; teacher.onnx, the same teacher as one ONNX file, gives the same probabilities on {r.TeacherFile.Images} test images to within {r.TeacherFile.MaxDifference:G2}."));
        yield return ("Students", $"{r.StudentsBefore.ClassCount} linear students over {r.StudentsBefore.ConceptCount} concepts agree with the teacher's top class on {Percent(r.FidelityBefore.Top1Agreement)} of the train images, using {r.FidelityBefore.MeanEffectiveConcepts:F1} effective concepts per class; on the shifted images they agree with the teacher on {Percent(shifted.FidelityBefore)} and are right on {Percent(shifted.StudentAccuracy[0])}.");
        yield return ("Misalignment", r.CueSliceRank is { } rank
            ? $"On the shifted split, a planted cue is slice #{rank}: {r.ReportBefore.TopSlices[rank - 1].Sentence}"
            : "No planted cue among the top slices of the shifted split.");
        yield return ("Edits", $"{first.Id}: {first.Edits[0].Description} (weight {bounds.Original:+0.000;-0.000} bounded to [{bounds.Lower:F3}, {bounds.Upper:F3}], after the refit {r.Edits[0].Students.StandardizedWeights(bounds.ClassIndex)[bounds.ConceptIndex]:+0.000;-0.000})"
            + string.Concat(r.Edits.Skip(1).Select(e => $"; then {e.Entry.Id}: {string.Join(", ", e.Entry.Edits.Select(x => x.Description))}")) + $"; refit {first.Refit.Summary}.");
        yield return ("Effect", $"Student accuracy on the shifted images {Versions(shifted.StudentAccuracy)}; on the test images {Versions(r.Splits[0].StudentAccuracy)}; agreement with the teacher on the train images {Percent(first.MetricsBefore.Top1Agreement)} → {Percent(r.Edits[^1].After.Top1Agreement)}.");
    }

    /// <summary>The terms the report uses, each in one sentence.</summary>
    private static readonly (string Term, string Meaning)[] Glossary =
    [
        ("train, test, shifted", "The images the students were fitted on; new images drawn like them; new images where each class's planted background is no longer tied to the class (the cue a shortcut would use)."),
        ("agreement (fidelity)", "The share of images where a student's top class is the teacher's top class, right or wrong."),
        ("accuracy", "The share of images where the top class is the image's true class."),
        ("standardised units", "A weight per standard deviation of the concept's score: +1 adds 1 to the class's logit when the concept scores one deviation above its mean."),
        ("effective concepts", "How many concepts a student really uses: the number of equal weights that would spread the weight the way it is spread."),
        ("suspected shortcut", "A concept a student leans on whose presence goes with the student's errors more than chance allows."),
        ("adjusted p", "How likely a pattern this strong would be by chance, corrected for the number of patterns tested; small (at most 0.05) means significant."),
        ("lift", "How many times more often students and teacher disagree where the concept is present than overall."),
        ("AUC", "How well a concept's score separates images that show it from images that do not: 1 is perfect, 0.5 is chance."),
    ];

    /// <summary>Up to four thumbnails (PNG data URIs) of a split's images, with a concept's box where it was found.</summary>
    private static string Thumbnails(QuickstartResult r, IEnumerable<string> ids, string split, string? concept = null) =>
        string.Concat(ids.Take(4).Select(id => r.Session.Thumbnail(id, split, concept, size: 112) is { } png
            ? $"<figure><img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" alt=\"{Escape(id)}\"/><figcaption>{Escape(id)}</figcaption></figure>"
            : ""));

    private static string Versions(IReadOnlyList<double> values) => string.Join(" → ", values.Select((v, i) => $"{Percent(v)} (v{i})"));

    private static string Markdown(QuickstartResult r)
    {
        var md = new StringBuilder();
        md.AppendLine("# InFiConD Quickstart report").AppendLine();
        md.AppendLine(Invariant($"ConceptWorld, seed {r.Options.Seed}: {r.World.Train.Count} train, {r.World.Test.Count} test, {r.World.Shifted.Count} shifted images; {r.World.ConceptNames.Count} concepts; run {r.Elapsed.TotalSeconds:F1} s ({(r.CacheWasWarm ? "warm cache" : "cold")}). Charts: report.html.")).AppendLine();
        foreach (var (heading, text) in Summary(r))
        {
            md.AppendLine(Invariant($"- **{heading}.** {text}"));
        }
        md.AppendLine().AppendLine("## Suspected shortcuts (shifted split, before the edits)").AppendLine();
        md.AppendLine(r.Diagnosis.Headline).AppendLine();
        md.AppendLine("Each (class, concept) a student weighs is tested: do the student's errors about the class concentrate where the concept is present? Adjusted p is Holm-corrected over every weight tested; the estimate removes the concept without refitting; the top three were measured with real refits.").AppendLine();
        md.AppendLine("| # | suspect | present: errors | otherwise | adjusted p | significant | proposed fix | estimated accuracy | measured accuracy |").AppendLine("|---:|---|---:|---:|---:|---|---|---:|---:|");
        foreach (var s in r.ReportBefore.Suspects)
        {
            var (fix, measured) = Proposal(r, s);
            md.AppendLine(Invariant($"| {s.Rank} | {s.SentenceMarkdown} | {Percent(s.PresentRate)} | {Percent(s.AbsentRate)} | {s.AdjustedPValue:G3} | {(s.IsSignificant ? "yes" : "no")} | {fix} | {Optional(s.ProposedFix.AccuracyBefore)} → {Optional(s.ProposedFix.AccuracyAfter)} | {measured} |"));
        }
        md.AppendLine().AppendLine("## Before and after the edits").AppendLine();
        var versions = Enumerable.Range(0, r.Edits.Count + 1).Select(v => $"v{v}").ToList();
        md.AppendLine("| split | images | teacher accuracy | " + string.Join(" | ", versions.Select(v => $"student accuracy {v}")) + " | " + string.Join(" | ", versions.Select(v => $"fidelity {v}")) + " |");
        md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", 2 + (2 * versions.Count))));
        foreach (var s in r.Splits)
        {
            md.AppendLine(Invariant($"| {s.Split} | {s.Images} | {Percent(s.TeacherAccuracy)} | ") + string.Join(" | ", s.StudentAccuracy.Concat(s.Fidelity).Select(Percent)) + " |");
        }
        md.AppendLine().AppendLine("## Slices: where the students and the teacher disagree (shifted split, before the edits)").AppendLine();
        md.AppendLine("Lift: how many times more often the disagreement happens where the concept is present than overall. Slices marked n.s. are not significant after correction (adjusted p above the significance level).").AppendLine();
        md.AppendLine("| # | slice | with | without | lift | adjusted p |").AppendLine("|---:|---|---:|---:|---:|---:|");
        foreach (var (s, i) in r.ReportBefore.TopSlices.Select((s, i) => (s, i)))
        {
            md.AppendLine(Invariant($"| {i + 1} | {s.SentenceMarkdown} | {Percent(s.HighRate)} | {Percent(s.RestRate)} | {s.Lift:F2} | {s.AdjustedPValue:G3}{NotSignificant(r, s)} |"));
        }
        md.AppendLine().AppendLine("## Student vs teacher (shifted split, before the edits)").AppendLine();
        md.AppendLine("Rows: student's class; columns: teacher's class.").AppendLine();
        md.AppendLine("| student \\ teacher | " + string.Join(" | ", r.ReportBefore.ClassNames) + " |");
        md.AppendLine("|---|" + string.Concat(r.ReportBefore.ClassNames.Select(_ => "---:|")));
        for (var k = 0; k < r.ReportBefore.ClassNames.Count; k++)
        {
            md.AppendLine($"| {r.ReportBefore.ClassNames[k]} | " + string.Join(" | ", r.ReportBefore.Confusion[k]) + " |");
        }
        md.AppendLine().AppendLine(Invariant($"## Concept weights per class (top {ConceptsPerClass} by magnitude, standardised units, after the edits)")).AppendLine();
        foreach (var (name, k) in r.Session.Students.ClassNames.Select((n, k) => (n, k)))
        {
            md.AppendLine(Invariant($"- **{name}**: ") + string.Join(", ", TopWeights(r.Session.Students, k).Select(w => Invariant($"{w.Label} {w.Value:+0.00;-0.00}"))));
        }
        md.AppendLine().AppendLine("## Edit history").AppendLine();
        md.AppendLine("Agreement with the teacher and accuracy on the **train** images; the shifted split's are in the table above.").AppendLine();
        md.AppendLine("| version | parent | edits | train agreement before | after | train accuracy before | after |").AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var e in r.Session.History.Entries)
        {
            md.AppendLine(Invariant($"| {e.Id} | {e.ParentId} | {string.Join("; ", e.Edits.Select(x => x.Description))} | {Percent(e.MetricsBefore.Top1Agreement)} | {Percent(e.MetricsAfter.Top1Agreement)} | {Optional(e.MetricsBefore.GroundTruthAccuracy)} | {Optional(e.MetricsAfter.GroundTruthAccuracy)} |"));
        }
        md.AppendLine().AppendLine("## Concept detection (AUC against ground truth, test split)").AppendLine();
        md.AppendLine(Invariant($"AUC: the concept's score against the world's ground truth. Exemplar AUC: the bank's own, cross-validated estimate from its exemplars alone (what a user without ground truth sees); ⚠ marks concepts below {ConceptQuality.ReliableAuc:F1}, not reliably detected.")).AppendLine();
        md.AppendLine(Invariant($"Mean AUC {MeanAuc(r):F3}, lowest {MinAuc(r)}.")).AppendLine();
        md.AppendLine("| concept | AUC | exemplar AUC | images showing it |").AppendLine("|---|---:|---:|---:|");
        foreach (var d in r.Detection)
        {
            md.AppendLine(Invariant($"| {d.Concept} | {(d.Auc is { } auc ? auc.ToString("F3", CultureInfo.InvariantCulture) : "n/a")} | {d.ExemplarAucText} | {d.Positives} |"));
        }
        md.AppendLine().AppendLine("## Glossary").AppendLine();
        foreach (var (term, meaning) in Glossary)
        {
            md.AppendLine($"- **{term}**: {meaning}");
        }
        md.AppendLine().AppendLine("## Files").AppendLine();
        foreach (var (kind, path) in r.Files)
        {
            md.AppendLine($"- {kind}: `{path}`");
        }
        return md.ToString();
    }

    private static string Html(QuickstartResult r)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>InFiConD Quickstart report</title>
            <style>
            body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
            table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ddd;padding:.3rem .6rem;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f6f8}
            .charts{display:flex;flex-wrap:wrap;gap:1rem}.charts svg{border:1px solid #eee;background:#fff}
            dt{font-weight:600}dd{margin:0 0 .6rem 0}
            .thumbs{display:flex;flex-wrap:wrap;gap:.8rem}figure{margin:0;font-size:.75rem;color:#555}figure img{display:block;border:1px solid #ddd}
            </style></head><body>
            <h1>InFiConD Quickstart report</h1>
            """);
        html.Append(Invariant($"<p>ConceptWorld, seed {r.Options.Seed}: {r.World.Train.Count} train, {r.World.Test.Count} test, {r.World.Shifted.Count} shifted images; {r.World.ConceptNames.Count} concepts. Run {r.Elapsed.TotalSeconds:F1} s ({(r.CacheWasWarm ? "warm cache" : "cold")}).</p><dl>"));
        foreach (var (heading, text) in Summary(r))
        {
            html.Append(Invariant($"<dt>{Escape(heading)}</dt><dd>{Escape(text)}</dd>"));
        }
        html.Append("</dl><h2>Example images</h2><div class=\"thumbs\">");
        foreach (var split in r.Session.Splits)
        {
            html.Append($"<div><h3>{Escape(split.Name)}</h3>{Thumbnails(r, split.ImageIds.Where((_, i) => i % Math.Max(1, split.ImageCount / 4) == 0), split.Name)}</div>");
        }
        html.Append("</div>");
        if (r.ReportBefore.Suspects.FirstOrDefault() is { } top)
        {
            // The images the top suspect explains: the student says its class where the teacher does not.
            var images = r.ReportBefore.Classes[top.ClassIndex].StudentOnly.ImageIds;
            html.Append(Invariant($"<p>Where the student says <b>{Escape(top.ClassName)}</b> and the teacher does not, on the {Escape(r.Diagnosis.Split)} images (the box: where <b>{Escape(top.ConceptName)}</b> was found):</p><div class=\"thumbs\">{Thumbnails(r, images, r.Diagnosis.Split, top.ConceptName)}</div>"));
        }
        html.Append("<h2>Suspected shortcuts (shifted split, before the edits)</h2>");
        html.Append(Invariant($"<p><strong>{Escape(r.Diagnosis.Headline)}</strong></p><p>Each (class, concept) a student weighs is tested: do the student's errors about the class concentrate where the concept is present? Adjusted p is Holm-corrected over the {r.ReportBefore.SuspectTests} weights tested; the estimate removes the concept without refitting; the top three were measured with real refits.</p>"));
        html.Append("<table><tr><th>#</th><th>suspect</th><th>present: errors</th><th>otherwise</th><th>adjusted p</th><th>significant</th><th>proposed fix</th><th>estimated accuracy</th><th>measured accuracy</th></tr>");
        foreach (var s in r.ReportBefore.Suspects)
        {
            var (fix, measured) = Proposal(r, s);
            html.Append(Invariant($"<tr><td class=\"n\">{s.Rank}</td><td>{Escape(s.Sentence)}</td><td class=\"n\">{Percent(s.PresentRate)}</td><td class=\"n\">{Percent(s.AbsentRate)}</td><td class=\"n\">{s.AdjustedPValue:G3}</td><td>{(s.IsSignificant ? "yes" : "no")}</td><td>{Escape(fix)}</td><td class=\"n\">{Optional(s.ProposedFix.AccuracyBefore)} → {Optional(s.ProposedFix.AccuracyAfter)}</td><td class=\"n\">{Escape(measured)}</td></tr>"));
        }
        html.Append("</table><h2>Before and after the edits</h2><div class=\"charts\">");
        html.Append(PairedBars("Student ground-truth accuracy", "before the edits", "after the edits", [.. r.Splits.Select(s => (s.Split, s.StudentAccuracyBefore, s.StudentAccuracyAfter))]));
        html.Append(PairedBars("Student–teacher agreement", "before the edits", "after the edits", [.. r.Splits.Select(s => (s.Split, s.FidelityBefore, s.FidelityAfter))]));
        var versions = Enumerable.Range(0, r.Edits.Count + 1).Select(v => $"v{v}").ToList();
        html.Append("</div><table><tr><th>split</th><th>images</th><th>teacher accuracy</th>" + string.Concat(versions.Select(v => $"<th>student accuracy {v}</th>")) + string.Concat(versions.Select(v => $"<th>fidelity {v}</th>")) + "</tr>");
        foreach (var s in r.Splits)
        {
            html.Append(Invariant($"<tr><td>{s.Split}</td><td class=\"n\">{s.Images}</td><td class=\"n\">{Percent(s.TeacherAccuracy)}</td>") + string.Concat(s.StudentAccuracy.Concat(s.Fidelity).Select(v => $"<td class=\"n\">{Percent(v)}</td>")) + "</tr>");
        }
        html.Append("</table><h2>Where the students and the teacher disagree</h2><div class=\"charts\">");
        html.Append(Heatmap("Student vs teacher (shifted, before the edits)", "student", "teacher", r.ReportBefore.ClassNames, r.ReportBefore.Confusion));
        html.Append(PairedBars("Top slices: disagreement rate", "concept absent", "concept present",
            [.. r.ReportBefore.TopSlices.Take(6).Select((s, i) => (Invariant($"#{i + 1} {s.ConceptName}: {(s.Kind == SubsetKind.TeacherOnly ? "teacher" : "student")} says {s.ClassName}{(s.AdjustedPValue <= r.ReportBefore.Options.SignificanceLevel ? "" : " (n.s.)")}"), s.RestRate, s.HighRate))]));
        html.Append("</div><table><tr><th>#</th><th>slice</th><th>with</th><th>without</th><th>lift</th><th>adjusted p</th></tr>");
        foreach (var (s, i) in r.ReportBefore.TopSlices.Select((s, i) => (s, i)))
        {
            html.Append(Invariant($"<tr><td class=\"n\">{i + 1}</td><td>{Escape(s.Sentence)}</td><td class=\"n\">{Percent(s.HighRate)}</td><td class=\"n\">{Percent(s.RestRate)}</td><td class=\"n\">{s.Lift:F2}</td><td class=\"n\">{s.AdjustedPValue:G3}{NotSignificant(r, s)}</td></tr>"));
        }
        html.Append("</table><h2>Concept weights per class</h2>");
        var bounds = r.Edits[0].Entry.Bounds[0];
        html.Append(Invariant($"<p>Top {ConceptsPerClass} concepts by magnitude, standardised units (positive: the concept argues for the class), after the edits; the first edit's class is also shown before. A weight on a concept that is not part of the object (sail for fish, say) is a correlation the student found in the training images — the teacher's own cues, planted or accidental — and is what the suspects above test.</p><div class=\"charts\">"));
        var scale = Math.Max(1e-12, Enumerable.Range(0, r.StudentsBefore.ClassCount).SelectMany(k => TopWeights(r.StudentsBefore, k)).Select(w => Math.Abs(w.Value)).DefaultIfEmpty(0).Max());
        html.Append(SignedBars($"{bounds.ClassName}: before the edits", TopWeights(r.StudentsBefore, bounds.ClassIndex), scale));
        foreach (var (name, k) in r.Session.Students.ClassNames.Select((n, k) => (n, k)))
        {
            html.Append(SignedBars(k == bounds.ClassIndex ? $"{name}: after the edits" : name, TopWeights(r.Session.Students, k), scale));
        }
        html.Append("</div><h2>Edit history</h2><p>Agreement with the teacher and accuracy on the <b>train</b> images; the shifted split's are in the table above.</p><table><tr><th>version</th><th>parent</th><th>edits</th><th>train agreement before</th><th>after</th><th>train accuracy before</th><th>after</th></tr>");
        foreach (var e in r.Session.History.Entries)
        {
            html.Append(Invariant($"<tr><td>{e.Id}</td><td>{e.ParentId}</td><td>{Escape(string.Join("; ", e.Edits.Select(x => x.Description)))}</td><td class=\"n\">{Percent(e.MetricsBefore.Top1Agreement)}</td><td class=\"n\">{Percent(e.MetricsAfter.Top1Agreement)}</td><td class=\"n\">{Optional(e.MetricsBefore.GroundTruthAccuracy)}</td><td class=\"n\">{Optional(e.MetricsAfter.GroundTruthAccuracy)}</td></tr>"));
        }
        html.Append(Invariant($"</table><h2>Concept detection</h2><p>ROC AUC of each concept's score against the world's ground truth on the test split (mean {MeanAuc(r):F3}, lowest {Escape(MinAuc(r))}), and the bank's own cross-validated AUC on its exemplars; ⚠ marks concepts below {ConceptQuality.ReliableAuc:F1}, not reliably detected.</p><table><tr><th>concept</th><th>AUC</th><th>exemplar AUC</th><th>images showing it</th></tr>"));
        foreach (var d in r.Detection)
        {
            html.Append(Invariant($"<tr><td>{Escape(d.Concept)}</td><td class=\"n\">{(d.Auc is { } auc ? auc.ToString("F3", CultureInfo.InvariantCulture) : "n/a")}</td><td class=\"n\">{Escape(d.ExemplarAucText)}</td><td class=\"n\">{d.Positives}</td></tr>"));
        }
        html.Append("</table><h2>Glossary</h2><dl>");
        foreach (var (term, meaning) in Glossary)
        {
            html.Append($"<dt>{Escape(term)}</dt><dd>{Escape(meaning)}</dd>");
        }
        html.Append("</dl><h2>Files</h2><ul>");
        foreach (var (kind, path) in r.Files)
        {
            html.Append(Invariant($"<li>{Escape(kind)}: <code>{Escape(path)}</code></li>"));
        }
        return html.Append("</ul></body></html>\n").ToString();
    }

    /// <summary>A suspect's proposed fix in words and, for the confirmed ones, its measured accuracy on the analysed split.</summary>
    private static (string Fix, string Measured) Proposal(QuickstartResult r, SuspectedShortcut suspect)
    {
        var confirmed = r.Diagnosis.Confirmed.FirstOrDefault(c => ReferenceEquals(c.Suspect, suspect));
        var scope = (confirmed?.ProposedFix.Scope ?? suspect.ProposedFix.Scope) == FixScope.AllClasses ? "every class using it" : suspect.ClassName;
        var fix = $"remove {suspect.ConceptName} from {scope}";
        if (confirmed is null)
        {
            return (fix, "not measured");
        }
        var outcome = confirmed.ProposedFix.On(r.Diagnosis.Split);
        return (fix, $"{Optional(outcome.Before.GroundTruthAccuracy)} → {Optional(outcome.After.GroundTruthAccuracy)}");
    }

    private static List<(string Label, double Value)> TopWeights(StudentEnsemble students, int classIndex)
    {
        var weights = students.StandardizedWeights(classIndex).ToArray();
        return [.. weights.Select((w, j) => (Label: students.ConceptNames[j], Value: (double)w))
            .Where(w => Math.Abs(w.Value) >= 0.0005).OrderByDescending(w => Math.Abs(w.Value)).ThenBy(w => w.Label, StringComparer.Ordinal).Take(ConceptsPerClass)];
    }

    /// <summary>" (n.s.)" for a slice that is not significant after correction.</summary>
    private static string NotSignificant(QuickstartResult r, ConceptSlice slice) => slice.AdjustedPValue <= r.ReportBefore.Options.SignificanceLevel ? "" : " (n.s.)";

    private static string Optional(double? value) => value is { } v ? Percent(v) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double MeanAuc(QuickstartResult r) => r.Detection.Where(d => d.Auc is not null).Select(d => d.Auc!.Value).DefaultIfEmpty(double.NaN).Average();

    private static string MinAuc(QuickstartResult r) => r.Detection.Where(d => d.Auc is not null).MinBy(d => d.Auc) is { } min
        ? Invariant($"{min.Auc:F3} ({min.Concept})") : "n/a";
}
