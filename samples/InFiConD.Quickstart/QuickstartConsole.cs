using System.Globalization;
using Spectre.Console;
using static InFiConD.Quickstart.SvgCharts;

namespace InFiConD.Quickstart;

/// <summary>The main job's results as console tables.</summary>
internal static class QuickstartConsole
{
    public static void Print(QuickstartResult r)
    {
        var teacher = new Table().Title("Teacher: ResNet-18 + ML.NET head").AddColumns("split", "images", "accuracy");
        teacher.AddRow("train (head fit)", r.World.Train.Count.ToString(CultureInfo.InvariantCulture), Percent(r.TeacherTrainingAccuracy));
        foreach (var s in r.Splits)
        {
            teacher.AddRow(s.Split, s.Images.ToString(CultureInfo.InvariantCulture), Percent(s.TeacherAccuracy));
        }
        AnsiConsole.Write(teacher);
        AnsiConsole.MarkupLine(Invariant($"The head read the encoder's whole-image features (one forward pass per image); [bold]teacher.onnx[/], the same teacher as one file, gives the same probabilities on {r.TeacherFile.Images} test images to within {r.TeacherFile.MaxDifference:G2}."));

        AnsiConsole.MarkupLine(Invariant($"Students follow the teacher on [bold]{Percent(r.FidelityBefore.Top1Agreement)}[/] of the train images (top-1); {r.FidelityBefore.MeanEffectiveConcepts:F1} effective concepts per class."));

        AnsiConsole.MarkupLine(Invariant($"[bold]Diagnosis.[/] {Markup.Escape(r.Diagnosis.Headline)}"));
        var suspects = new Table().Title("Suspected shortcuts (shifted split)").AddColumns("#", "class", "concept", "errors where present", "otherwise", "adjusted p", "significant");
        foreach (var s in r.ReportBefore.Suspects.Take(5))
        {
            suspects.AddRow(s.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.ClassName), Markup.Escape(s.ConceptName), Percent(s.PresentRate), Percent(s.AbsentRate),
                s.AdjustedPValue.ToString("G3", CultureInfo.InvariantCulture), s.IsSignificant ? "[green]yes[/]" : "no");
        }
        AnsiConsole.Write(suspects);

        var slices = new Table().Title("Where students and teacher disagree (top slices, shifted split)").AddColumns("#", "slice", "with", "without", "lift");
        foreach (var (s, i) in r.ReportBefore.TopSlices.Take(5).Select((s, i) => (s, i)))
        {
            slices.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Sentence), Percent(s.HighRate), Percent(s.RestRate), s.Lift.ToString("F2", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(slices);

        foreach (var edit in r.Edits.Select(e => e.Entry))
        {
            AnsiConsole.MarkupLine(Invariant($"Edit [bold]{Markup.Escape(string.Join(", ", edit.Edits.Select(e => e.Description)))}[/] → version {edit.Id}, refit {edit.Refit.Summary}."));
        }
        var versions = Enumerable.Range(0, r.Edits.Count + 1).Select(v => $"v{v}").ToList();
        var effect = new Table().Title("Student accuracy per version (v0: before the edits)").AddColumns(["split", "teacher", .. versions, "fidelity v0", $"fidelity {versions[^1]}"]);
        foreach (var s in r.Splits)
        {
            effect.AddRow([s.Split, Percent(s.TeacherAccuracy), .. s.StudentAccuracy.Select((a, i) => i == 0 ? Percent(a) : Change(s.StudentAccuracy[i - 1], a)), Percent(s.FidelityBefore), Percent(s.FidelityAfter)]);
        }
        AnsiConsole.Write(effect);

        AnsiConsole.MarkupLine(Invariant($"Done in {r.Elapsed.TotalSeconds:F1} s ({(r.CacheWasWarm ? "warm cache" : "cold: embeddings are now cached")})."));
        AnsiConsole.MarkupLine($"Report: [link]{Markup.Escape(r.Files["html"])}[/] (and report.md); session: {Markup.Escape(r.Files["session"])}; student ONNX: {Markup.Escape(r.Files["students"])}");
    }

    private static string Change(double before, double after)
    {
        var colour = after > before ? "green" : after < before ? "red" : "grey";
        return Invariant($"[{colour}]{Percent(after)}[/]");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
