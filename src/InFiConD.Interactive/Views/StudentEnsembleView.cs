using InFiConD.Students;

namespace InFiConD.Interactive;

/// <summary>
/// HTML for a <see cref="StudentEnsemble"/>: one row per class with its bias, its count of non-zero weights and its
/// top concepts by standardised weight magnitude (a signed bar chart and the same numbers as text).
/// </summary>
public static class StudentEnsembleView
{
    /// <summary>Renders the students.</summary>
    /// <param name="students">The students.</param>
    /// <param name="options">Limits; <see langword="null"/> for <see cref="HtmlViewOptions.Default"/>.</param>
    /// <returns>A self-contained HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="students"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static string ToHtml(StudentEnsemble students, HtmlViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(students);
        options = (options ?? HtmlViewOptions.Default).Validate();
        var sb = Html.Open("infcd-students", Html.Invariant($"Students: {students.ClassCount} classes over {students.ConceptCount} concepts"));
        if (students.ClassCount == 0 || students.ConceptCount == 0)
        {
            sb.Append(Html.Note(students.ClassCount == 0 ? "No classes." : "No concepts."));
            return Html.Close(sb);
        }
        sb.Append(Html.Note("Weights are per standard deviation of the concept's score (standardised units): a weight of +1 adds 1 to the class's logit when the concept scores one deviation above its mean."));
        var headers = options.Charts
            ? new[] { "class", "bias", "non-zero weights", "top concepts", "chart" }
            : ["class", "bias", "non-zero weights", "top concepts"];
        var table = new HtmlTable("student-classes", headers);
        // One scale for every class's chart, so a bar in one row can be compared with a bar in another.
        var scale = Enumerable.Range(0, students.ClassCount).SelectMany(k => TopWeights(students, k, options.ConceptsPerClass)).Select(t => Math.Abs((double)t.Weight)).DefaultIfEmpty(1).Max();
        for (var k = 0; k < students.ClassCount; k++)
        {
            var top = TopWeights(students, k, options.ConceptsPerClass);
            var weights = students.StandardizedWeights(k);
            var nonZero = weights.Length - weights.Count(0f);
            table.Row().Text(students.ClassNames[k]).Number(Html.Signed(students.Bias(k))).Number(Html.Count(nonZero))
                .Raw(top.Count == 0 ? "<span class=\"muted\">none</span>" : "<ol>" + string.Concat(top.Select(t => "<li>" + Html.Escape(t.Name) + " " + Html.Signed(t.Weight) + "</li>")) + "</ol>");
            if (options.Charts)
            {
                table.Raw(top.Count == 0 ? "" : SvgChart.SignedBars(students.ClassNames[k], [.. top.Select(t => (t.Name, (double)t.Weight))], scale));
            }
        }
        sb.Append(table.Build());
        return Html.Close(sb);
    }

    /// <summary>The class's non-zero weights, largest magnitude first (ties by concept order).</summary>
    internal static List<(string Name, float Weight)> TopWeights(StudentEnsemble students, int classIndex, int count)
    {
        var weights = students.StandardizedWeights(classIndex).ToArray();
        return [.. Enumerable.Range(0, weights.Length)
            .Where(j => weights[j] != 0f)
            .OrderByDescending(j => Math.Abs(weights[j]))
            .ThenBy(j => j)
            .Take(count)
            .Select(j => (students.ConceptNames[j], weights[j]))];
    }
}
