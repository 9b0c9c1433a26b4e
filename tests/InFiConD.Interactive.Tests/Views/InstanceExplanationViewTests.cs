using InFiConD.Analysis;

namespace InFiConD.Interactive.Tests.Views;

public sealed class InstanceExplanationViewTests
{
    [Fact]
    public void Disagreement_explains_both_classes_with_hand_computed_contributions()
    {
        // img-1: water 0.45, wheel 0.3, sail 0. Student boat: 0.1 + 2·0.45 = 1.0; teacher car: logit −0.2 + 0.3 = 0.1.
        var explanation = InstanceExplanation.For(ViewData.Students(), ViewData.Scores(), ViewData.Teacher(), "img-1");
        var html = HtmlFragment.Parse(InstanceExplanationView.ToHtml(explanation));
        Assert.Contains("Student and teacher disagree.", html.Text, StringComparison.Ordinal);
        Assert.Contains($"The student says boat (p = {Html.Number(1 / (1 + Math.Exp(-1.0)))}); the teacher says {ViewData.Car} (p = {Html.Number(Math.Exp(1) / (Math.Exp(1) + Math.Exp(-1)))}).", html.Text, StringComparison.Ordinal);
        var tables = html.Tables("contributions");
        Assert.Equal(2, tables.Count);
        var boat = tables[0].Element("tbody")!.Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToList()).ToList();
        Assert.Equal([ViewData.Water, "0.450", "+0.450", "+2.000", "+0.900"], boat[0]);
        Assert.Equal("sail", boat[1][0]);
        var car = tables[1].Element("tbody")!.Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToList()).ToList();
        Assert.Equal([["wheel", "0.300", "+0.300", "+1.000", "+0.300"]], car);
        var headings = html.Root.Descendants("h4").Select(h => h.Value).ToList();
        Assert.StartsWith("boat (the student's class): logit +1.000 = bias +0.100", headings[0], StringComparison.Ordinal);
        Assert.StartsWith($"{ViewData.Car} (the teacher's class): logit +0.100 = bias -0.200", headings[1], StringComparison.Ordinal);
        Assert.Equal(2, html.Count("svg"));
    }

    [Fact]
    public void Agreement_explains_one_class_and_caps_the_concepts()
    {
        var explanation = InstanceExplanation.For(ViewData.Students(), ViewData.Scores(), ViewData.Teacher(), "img-0");
        var html = HtmlFragment.Parse(InstanceExplanationView.ToHtml(explanation, new HtmlViewOptions { ConceptsPerClass = 1 }));
        Assert.Contains("Student and teacher agree.", html.Text, StringComparison.Ordinal);
        // img-0: water 0.5 → +1.0, sail 0.4 → −0.2; the larger magnitude is kept.
        Assert.Equal([[ViewData.Water, "0.500", "+0.500", "+2.000", "+1.000"]], html.Rows("contributions"));
        Assert.Contains("1 smaller contributions not shown.", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Agreeing_on_the_wrong_class_is_not_shown_as_success()
    {
        var explanation = InstanceExplanation.For(ViewData.Students(), ViewData.Scores(), ViewData.Teacher(), "img-0");
        var right = HtmlFragment.Parse(InstanceExplanationView.ToHtml(explanation.WithTruth(ViewData.Students(), ViewData.Scores(), ViewData.Teacher(), 0)));
        Assert.Equal("good", (string?)right.All("span").First().Attribute("class"));
        Assert.Contains("Student and teacher agree. The student says boat", right.Text, StringComparison.Ordinal);

        var wrong = HtmlFragment.Parse(InstanceExplanationView.ToHtml(explanation.WithTruth(ViewData.Students(), ViewData.Scores(), ViewData.Teacher(), 1)));
        Assert.Equal("bad", (string?)wrong.All("span").First().Attribute("class"));
        Assert.Contains($"Student and teacher agree, both wrongly. The student says boat", wrong.Text, StringComparison.Ordinal);
        Assert.Contains($"; it is {ViewData.Car}.", wrong.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_without_weights_and_escaping()
    {
        var none = new ClassExplanation(0, "<c>", 0.5, 0.5, 0.62, 0.4, []);
        var explanation = new InstanceExplanation("id <1>", 0, true, none, none);
        var html = InstanceExplanationView.ToHtml(explanation);
        Assert.Contains("The class has no non-zero weight; its logit is its bias.", HtmlFragment.Parse(html).Text, StringComparison.Ordinal);
        Assert.Contains("Image id &lt;1&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<c>", html, StringComparison.Ordinal);
        ViewAssert.SelfContained(html);
    }
}
