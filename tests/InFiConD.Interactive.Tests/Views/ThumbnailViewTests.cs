using InFiConD.Analysis;

namespace InFiConD.Interactive.Tests.Views;

public sealed class ThumbnailViewTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47];

    [Fact]
    public void Views_show_thumbnails_of_the_images_they_name_bounded_and_only_with_a_source()
    {
        var asked = new List<(string Id, string Split, string? Concept)>();
        var options = new HtmlViewOptions { MaxThumbnails = 2, Thumbnails = (id, split, concept) => { asked.Add((id, split, concept)); return Png; } };

        var diff = VersionDiffView.ToHtml(ViewData.Diff(), options);
        Assert.Equal(2, Count(diff, "<img src=\"data:image/png;base64,iVBORw==\""));
        Assert.Equal([("img-1", "shifted", null), ("img-2", "shifted", null)], asked.Select(a => (a.Id, a.Split, a.Concept)));
        ViewAssert.SelfContained(diff);

        asked.Clear();
        var explanation = InstanceExplanation.For(ViewData.Students(), ViewData.Scores(), ViewData.Teacher(), "img-1") with { Split = "test" };
        var html = InstanceExplanationView.ToHtml(explanation, options);
        Assert.Equal(1, Count(html, "<img "));
        var top = explanation.Student.Contributions.Where(c => c.Contribution > 0).MaxBy(c => c.Contribution)?.ConceptName;
        Assert.Equal([("img-1", "test", top)], asked);

        Assert.Equal(0, Count(VersionDiffView.ToHtml(ViewData.Diff()), "<img "));
        Assert.Equal(0, Count(InstanceExplanationView.ToHtml(explanation with { Split = null }, options), "<img "));
        Assert.Equal(0, Count(VersionDiffView.ToHtml(ViewData.Diff(), options with { Thumbnails = (_, _, _) => null }), "<img "));
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
