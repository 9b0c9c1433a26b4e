using InFiConD.Analysis;
using InFiConD.Concepts;
using InFiConD.Editing;
using InFiConD.Students;
using Microsoft.DotNet.Interactive.Formatting;

namespace InFiConD.Interactive;

/// <summary>
/// Registers the HTML views with .NET Interactive's <see cref="Formatter"/>, so a cell that ends in a
/// <see cref="ConceptScores"/>, <see cref="StudentEnsemble"/>, <see cref="Fidelity"/>, <see cref="MisalignmentReport"/>,
/// <see cref="InstanceExplanation"/>, <see cref="ProvenanceLog"/>, <see cref="ShortcutDiagnosis"/>, <see cref="ConceptBank"/>,
/// <see cref="VersionDiff"/>, <see cref="RegularizationPath"/> or <see cref="ReportComparison"/> shows tables and charts. The kernel extension
/// calls <see cref="Register"/> when the package is referenced; call it yourself to change the options.
/// </summary>
public static class InFiConDFormatters
{
    /// <summary>The MIME type the views are registered for.</summary>
    public const string MimeType = "text/html";

    /// <summary>Registers (or re-registers, replacing the previous registration) every view.</summary>
    /// <param name="options">Limits for every view; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static void Register(HtmlViewOptions? options = null)
    {
        var o = (options ?? HtmlViewOptions.Default).Validate();
        Formatter.Register<ConceptScores>((value, writer) => writer.Write(ConceptScoresView.ToHtml(value, o)), MimeType);
        Formatter.Register<StudentEnsemble>((value, writer) => writer.Write(StudentEnsembleView.ToHtml(value, o)), MimeType);
        Formatter.Register<Fidelity>((value, writer) => writer.Write(FidelityView.ToHtml(value, o)), MimeType);
        Formatter.Register<MisalignmentReport>((value, writer) => writer.Write(MisalignmentReportView.ToHtml(value, o)), MimeType);
        Formatter.Register<InstanceExplanation>((value, writer) => writer.Write(InstanceExplanationView.ToHtml(value, o)), MimeType);
        Formatter.Register<ProvenanceLog>((value, writer) => writer.Write(ProvenanceLogView.ToHtml(value, o)), MimeType);
        Formatter.Register<ShortcutDiagnosis>((value, writer) => writer.Write(ShortcutDiagnosisView.ToHtml(value, o)), MimeType);
        Formatter.Register<ConceptBank>((value, writer) => writer.Write(ConceptBankView.ToHtml(value, o)), MimeType);
        Formatter.Register<VersionDiff>((value, writer) => writer.Write(VersionDiffView.ToHtml(value, o)), MimeType);
        Formatter.Register<RegularizationPath>((value, writer) => writer.Write(RegularizationPathView.ToHtml(value, o)), MimeType);
        Formatter.Register<ReportComparison>((value, writer) => writer.Write(ReportComparisonView.ToHtml(value, o)), MimeType);
        foreach (var type in Types)
        {
            // Records would otherwise be shown as trees by default; ask for HTML so the views are used.
            Formatter.SetPreferredMimeTypesFor(type, MimeType);
        }
    }

    /// <summary>The types that have a view.</summary>
    public static IReadOnlyList<Type> Types { get; } =
        [typeof(ConceptScores), typeof(StudentEnsemble), typeof(Fidelity), typeof(MisalignmentReport), typeof(InstanceExplanation), typeof(ProvenanceLog),
            typeof(ShortcutDiagnosis), typeof(ConceptBank), typeof(VersionDiff), typeof(RegularizationPath), typeof(ReportComparison)];
}
