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

    [Fact]
    public void Thumbnails_fit_the_box_keeping_their_aspect_and_small_ones_are_enlarged_in_visible_pixels()
    {
        Assert.Equal(" width=\"96\" height=\"96\" style=\"image-rendering:pixelated\"", Html.FittedSize(Header(28, 28)));
        Assert.Equal(" width=\"96\" height=\"48\"", Html.FittedSize(Header(192, 96)));
        Assert.Equal(" width=\"64\" height=\"96\"", Html.FittedSize(Header(64, 96)));
        Assert.Equal("", Html.FittedSize(Png));
        Assert.Equal("", Html.FittedSize(Header(0, 5)));

        var options = new HtmlViewOptions { Thumbnails = (_, _, _) => Header(28, 28) };
        var html = VersionDiffView.ToHtml(ViewData.Diff(), options);
        Assert.Contains("width=\"96\" height=\"96\" style=\"image-rendering:pixelated\" alt=\"img-1\"", html, StringComparison.Ordinal);
        ViewAssert.SelfContained(html);
    }

    /// <summary>The first 24 bytes of a PNG: the signature, then the IHDR chunk's length, type, width and height.</summary>
    private static byte[] Header(int width, int height)
    {
        var bytes = new byte[24];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 }.CopyTo(bytes, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        return bytes;
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
