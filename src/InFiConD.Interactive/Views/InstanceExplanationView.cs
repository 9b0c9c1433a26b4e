using System.Text;
using InFiConD.Analysis;

namespace InFiConD.Interactive;

/// <summary>
/// HTML for an <see cref="InstanceExplanation"/>: what the student and the teacher say about one image, and the
/// concepts that push the student's logit for the student's class (and, when they disagree, for the teacher's class)
/// up or down: contribution <c>w_kj · z_j</c>, with the raw and standardised score and the weight.
/// </summary>
public static class InstanceExplanationView
{
    /// <summary>Renders the explanation.</summary>
    /// <param name="explanation">The explanation.</param>
    /// <param name="options">Limits; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <returns>A self-contained HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="explanation"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToHtml(InstanceExplanation explanation, HtmlViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        options = (options ?? HtmlViewOptions.Default).Validate();
        var where = explanation.Split is null ? "" : $" ({explanation.Split} split{(explanation.VersionId is null ? "" : ", version " + explanation.VersionId)})";
        var sb = Html.Open("infcd-explanation", "Image " + explanation.ImageId + where);
        var (student, teacher) = (explanation.Student, explanation.Teacher);
        // The picture outlines the concept that pushes the student's class up the most.
        sb.Append(Html.Thumbnails(options, [explanation.ImageId], explanation.Split, student.Contributions.Where(x => x.Contribution > 0).MaxBy(x => x.Contribution)?.ConceptName));
        // Agreeing on the wrong class is no success: green only when the student is right or the truth is unknown.
        var right = explanation.Truth is not { } known || known.ClassIndex == student.ClassIndex;
        sb.Append("<p>")
            .Append(explanation.Agree
                ? right ? "<span class=\"good\">Student and teacher agree.</span> " : "<span class=\"bad\">Student and teacher agree, both wrongly.</span> "
                : "<span class=\"bad\">Student and teacher disagree.</span> ")
            .Append("The student says <b>").Append(Html.Escape(student.ClassName)).Append("</b> (p = ").Append(Html.Number(student.StudentProbability)).Append(')')
            .Append("; the teacher says <b>").Append(Html.Escape(teacher.ClassName)).Append("</b> (p = ").Append(Html.Number(teacher.TeacherProbability)).Append(')')
            .Append(explanation.Truth is { } truth ? "; it is <b>" + Html.Escape(truth.ClassName) + "</b>." : ".").Append("</p>");
        sb.Append(Class(student, "the student's class", options));
        if (!explanation.Agree)
        {
            sb.Append(Class(teacher, "the teacher's class", options));
        }
        if (explanation.Truth is { } t && t.ClassIndex != student.ClassIndex && t.ClassIndex != teacher.ClassIndex)
        {
            sb.Append(Class(t, "the true class", options));
        }
        return Html.Close(sb);
    }

    private static string Class(ClassExplanation c, string role, HtmlViewOptions options)
    {
        var sb = new StringBuilder("<h4>");
        sb.Append(Html.Escape(c.ClassName)).Append(" (").Append(Html.Escape(role)).Append("): logit ").Append(Html.Signed(c.Logit))
            .Append(" = bias ").Append(Html.Signed(c.Bias)).Append(" + Σ contributions; student p = ").Append(Html.Number(c.StudentProbability))
            .Append(", teacher p = ").Append(Html.Number(c.TeacherProbability)).Append("</h4>");
        var top = c.Top(options.ConceptsPerClass);
        if (top.Count == 0)
        {
            return sb.Append(Html.Note("The class has no non-zero weight; its logit is its bias.")).ToString();
        }
        var table = new HtmlTable("contributions", "concept", "score", "standardised", "weight", "contribution");
        foreach (var x in top)
        {
            table.Row().Text(x.ConceptName).Number(Html.Number(x.Score)).Number(Html.Signed(x.Standardized)).Number(Html.Signed(x.Weight)).Number(Html.Signed(x.Contribution));
        }
        sb.Append(table.Build());
        if (c.Contributions.Count > top.Count)
        {
            sb.Append(Html.Note(Html.Invariant($"{c.Contributions.Count - top.Count} smaller contributions not shown.")));
        }
        if (options.Charts)
        {
            sb.Append(SvgChart.SignedBars("Contributions to " + c.ClassName, [.. top.Select(x => (x.ConceptName, x.Contribution))]));
        }
        return sb.ToString();
    }
}
