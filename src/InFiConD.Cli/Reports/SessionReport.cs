using System.Net;
using System.Text;
using InFiConD.Analysis;
using InFiConD.Core;
using InFiConD.Editing;
using InFiConD.Interactive;

namespace InFiConD.Cli;

/// <summary>
/// A saved session's HTML report, one self-contained page made of the library's own views (InFiConD.Interactive, the
/// ones notebooks show): the diagnosis of the worst held-out split (suspects, fixes measured by refits; nothing is kept),
/// the fidelity on every split, the misalignment report, the students, the concept bank and the provenance log.
/// Written atomically.
/// </summary>
internal static class SessionReport
{
    /// <summary>Writes the report of <paramref name="session"/> to <paramref name="path"/>; returns the diagnosis headline, if any.</summary>
    public static async Task<string?> WriteAsync(DistillationSession session, string path, string title, CancellationToken token)
    {
        var options = HtmlViewOptions.For(session);
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}h1{font-size:1.5em}section{margin:1.5em 0}</style></head><body>")
            .Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        page.Append("<p>").Append(WebUtility.HtmlEncode(string.Join(" · ", session.Metadata.Select(p => $"{p.Key}: {p.Value}")))).Append("</p>");
        string? headline = null;
        // The diagnosis reads a held-out split: a session of training images alone has none.
        if (session.Splits.Count > 1)
        {
            var diagnosis = await session.DiagnoseAsync(cancellationToken: token).ConfigureAwait(false);
            headline = diagnosis.Headline;
            Section(page, "Diagnosis", ShortcutDiagnosisView.ToHtml(diagnosis, options));
        }
        foreach (var split in session.Splits)
        {
            Section(page, $"Fidelity on {split.Name}", FidelityView.ToHtml(session.MeasureFidelity(split.Name), options));
        }
        var analysed = session.Splits.Count > 1 ? session.Splits[^1].Name : session.Splits[0].Name;
        Section(page, $"Misalignment on {analysed}", MisalignmentReportView.ToHtml(session.Analyze(analysed, MisalignmentOptions.Default, token), options));
        Section(page, "Students", StudentEnsembleView.ToHtml(session.Students, options));
        if (session.Bank is { } bank)
        {
            Section(page, "Concept bank", ConceptBankView.ToHtml(bank, options));
        }
        Section(page, "Provenance", ProvenanceLogView.ToHtml(session.History, options));
        page.Append("</body></html>\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, page.ToString());
        return headline;
    }

    private static void Section(StringBuilder page, string heading, string html) =>
        page.Append("<section><h2>").Append(WebUtility.HtmlEncode(heading)).Append("</h2>").Append(html).Append("</section>");
}
