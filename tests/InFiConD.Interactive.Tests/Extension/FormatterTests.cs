using InFiConD.Analysis;
using InFiConD.Editing;
using InFiConD.Students;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace InFiConD.Interactive.Tests.Extension;

/// <summary>The registration is process-wide, so these tests run in one collection and reset the formatters after each.</summary>
[Collection(nameof(FormatterTests))]
public sealed class FormatterTests : IDisposable
{
    public void Dispose() => Formatter.ResetToDefault();

    [Fact]
    public async Task The_kernel_extension_registers_every_view_as_html()
    {
        using var kernel = new CompositeKernel();
        await new InFiConDKernelExtension().OnLoadAsync(kernel);
        var scores = ViewData.Scores();
        var students = ViewData.Students();
        var teacher = ViewData.Teacher();
        using var log = ProvenanceLog.CreateInMemory();
        var values = new (object Value, string Html)[]
        {
            (scores, ConceptScoresView.ToHtml(scores)),
            (students, StudentEnsembleView.ToHtml(students)),
            (Fidelity.Measure(students, scores, teacher), FidelityView.ToHtml(Fidelity.Measure(students, scores, teacher))),
            (MisalignmentReport.Build(students, scores, teacher), MisalignmentReportView.ToHtml(MisalignmentReport.Build(students, scores, teacher))),
            (InstanceExplanation.For(students, scores, teacher, "img-1"), InstanceExplanationView.ToHtml(InstanceExplanation.For(students, scores, teacher, "img-1"))),
            (log, ProvenanceLogView.ToHtml(log)),
            (ViewData.Diagnosis(), ShortcutDiagnosisView.ToHtml(ViewData.Diagnosis())),
            (ViewData.Bank(), ConceptBankView.ToHtml(ViewData.Bank())),
            (ViewData.Diff(), VersionDiffView.ToHtml(ViewData.Diff())),
            (ViewData.Path(), RegularizationPathView.ToHtml(ViewData.Path())),
            (ViewData.Comparison(), ReportComparisonView.ToHtml(ViewData.Comparison())),
        };
        Assert.Equal(InFiConDFormatters.Types.Count, values.Length);
        foreach (var (value, html) in values)
        {
            Assert.Equal(html, value.ToDisplayString(InFiConDFormatters.MimeType));
            Assert.Contains(InFiConDFormatters.MimeType, Formatter.GetPreferredMimeTypesFor(value.GetType()));
        }
    }

    [Fact]
    public void Register_with_options_replaces_the_previous_registration()
    {
        InFiConDFormatters.Register();
        var students = ViewData.Students();
        Assert.Contains("<svg", students.ToDisplayString(InFiConDFormatters.MimeType), StringComparison.Ordinal);
        InFiConDFormatters.Register(new HtmlViewOptions { Charts = false });
        Assert.Equal(StudentEnsembleView.ToHtml(students, new HtmlViewOptions { Charts = false }), students.ToDisplayString(InFiConDFormatters.MimeType));
    }

    [Fact]
    public void Bad_options_are_rejected_before_anything_is_registered()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InFiConDFormatters.Register(new HtmlViewOptions { MaxSlices = 0 }));
        Assert.DoesNotContain("infcd", ViewData.Students().ToDisplayString(InFiConDFormatters.MimeType), StringComparison.Ordinal);
    }
}
