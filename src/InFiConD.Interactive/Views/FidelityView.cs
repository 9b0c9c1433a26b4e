using InFiConD.Students;

namespace InFiConD.Interactive;

/// <summary>
/// HTML for <see cref="Fidelity"/>: the headline agreement and losses, accuracy against ground truth when known, and
/// per-class agreement, precision, recall and F1 against the teacher with a bar chart.
/// </summary>
public static class FidelityView
{
    /// <summary>Renders the fidelity metrics.</summary>
    /// <param name="fidelity">The metrics.</param>
    /// <param name="options">Limits; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <returns>A self-contained HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fidelity"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToHtml(Fidelity fidelity, HtmlViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fidelity);
        options = (options ?? HtmlViewOptions.Default).Validate();
        var where = fidelity.Split is null ? "" : $" on the {fidelity.Split} split{(fidelity.VersionId is null ? "" : ", version " + fidelity.VersionId)}";
        var sb = Html.Open("infcd-fidelity", Html.Invariant($"Fidelity{where}: students follow the teacher on {Html.Percent(fidelity.Top1Agreement)} of {Html.Images(fidelity.ImageCount)}"));
        var summary = new HtmlTable("fidelity-summary", "measure", "value");
        summary.Row().Text("images").Number(Html.Count(fidelity.ImageCount));
        summary.Row().Text("top-1 agreement").Number(Html.Percent(fidelity.Top1Agreement));
        summary.Row().Text(Html.Invariant($"teacher's class in the students' top {fidelity.TopK}")).Number(Html.Percent(fidelity.TopKAgreement));
        summary.Row().Text("mean BCE to the teacher").Number(Html.Number(fidelity.MeanBce, 4));
        summary.Row().Text("mean KL to the teacher").Number(Html.Number(fidelity.MeanKl, 4));
        if (fidelity.GroundTruthAccuracy is { } student)
        {
            summary.Row().Text("student accuracy (ground truth)").Number(Html.Percent(student));
        }
        if (fidelity.TeacherGroundTruthAccuracy is { } teacher)
        {
            summary.Row().Text("teacher accuracy (ground truth)").Number(Html.Percent(teacher));
        }
        summary.Row().Text("mean effective concepts per class").Number(Html.Number(fidelity.MeanEffectiveConcepts, 1));
        sb.Append(summary.Build());
        if (fidelity.PerClass.Count == 0)
        {
            sb.Append(Html.Note("No classes."));
            return Html.Close(sb);
        }
        var table = new HtmlTable("fidelity-classes", "class", "teacher's images", "student's images", "agreement", "precision", "recall", "F1", "non-zero weights", "effective concepts");
        for (var k = 0; k < fidelity.PerClass.Count; k++)
        {
            var c = fidelity.PerClass[k];
            table.Row().Text(c.ClassName).Number(Html.Count(c.Support)).Number(Html.Count(c.StudentCount)).Number(Html.Percent(c.Agreement))
                .Number(Html.Percent(c.Precision)).Number(Html.Percent(c.Recall)).Number(Html.Number(c.F1))
                .Number(k < fidelity.NonZeroWeights.Count ? Html.Count(fidelity.NonZeroWeights[k]) : "–")
                .Number(k < fidelity.EffectiveConcepts.Count ? Html.Count(fidelity.EffectiveConcepts[k]) : "–");
        }
        sb.Append(table.Build());
        if (options.Charts)
        {
            sb.Append(SvgChart.FractionBars("Per class", "agreement", "precision", [.. fidelity.PerClass.Select(c => (c.ClassName, c.Agreement, (double?)c.Precision))]));
        }
        return Html.Close(sb);
    }
}
