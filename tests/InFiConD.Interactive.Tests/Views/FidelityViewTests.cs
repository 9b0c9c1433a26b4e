using InFiConD.Students;

namespace InFiConD.Interactive.Tests.Views;

public sealed class FidelityViewTests
{
    [Fact]
    public void Hand_example_summary_and_per_class_rows()
    {
        // Students say boat on all four images; the teacher says boat, car, car, car; the truth is boat, car, car, boat.
        var fidelity = Fidelity.Measure(ViewData.Students(), ViewData.Scores(), ViewData.Teacher(), [0, 1, 1, 0]);
        var html = HtmlFragment.Parse(FidelityView.ToHtml(fidelity));
        var summary = html.Rows("fidelity-summary").ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("4", summary["images"]);
        Assert.Equal("25.0%", summary["top-1 agreement"]);
        Assert.Equal("50.0%", summary["student accuracy (ground truth)"]);
        Assert.Equal("75.0%", summary["teacher accuracy (ground truth)"]);
        Assert.Equal("100.0%", summary["teacher's class in the students' top 2"]);
        var rows = html.Rows("fidelity-classes");
        // boat: the teacher's 1 image is among the student's 4 → agreement 100%, precision 25%.
        Assert.Equal(["boat", "1", "4", "100.0%", "25.0%", "100.0%", "0.400", "2", "2"], rows[0]);
        Assert.Equal([ViewData.Car, "3", "0", "0.0%", "0.0%", "0.0%", "0.000", "1", "1"], rows[1]);
        Assert.Contains("students follow the teacher on 25.0% of 4 images", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Agreement_matches_a_recount_of_argmaxes()
    {
        var (scores, teacher, students, _) = ViewData.Random();
        var fidelity = Fidelity.Measure(students, scores, teacher);
        var agree = students.PredictLabels(scores).Where((s, i) => s == teacher.PredictedLabels[i]).Count();
        var summary = HtmlFragment.Parse(FidelityView.ToHtml(fidelity)).Rows("fidelity-summary").ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(Html.Percent(agree / (double)scores.ImageCount), summary["top-1 agreement"]);
        Assert.DoesNotContain("student accuracy (ground truth)", summary.Keys);
    }

    [Fact]
    public void No_classes_and_escaping()
    {
        var fidelity = new Fidelity(3, 1, 1, 1, [], 0, 0, null, null, [], [], 0);
        var html = FidelityView.ToHtml(fidelity);
        Assert.Contains("No classes.", HtmlFragment.Parse(html).Text, StringComparison.Ordinal);
        var withCar = FidelityView.ToHtml(Fidelity.Measure(ViewData.Students(), ViewData.Scores(), ViewData.Teacher()));
        Assert.Contains("car &lt;b&gt;&#39;s", withCar, StringComparison.Ordinal);
        ViewAssert.SelfContained(html);
        ViewAssert.SelfContained(withCar);
    }

    [Fact]
    public void A_session_measured_fidelity_names_its_split_and_version()
    {
        var fidelity = Fidelity.Measure(ViewData.Students(), ViewData.Scores(), ViewData.Teacher()) with { Split = "shifted", VersionId = "v2" };
        Assert.Contains("Fidelity on the shifted split, version v2: students follow the teacher on 25.0% of 4 images", HtmlFragment.Parse(FidelityView.ToHtml(fidelity)).Text, StringComparison.Ordinal);
    }
}
