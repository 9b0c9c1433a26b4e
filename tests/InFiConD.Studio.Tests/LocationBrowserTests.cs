using System.Globalization;
using InFiConD.Analysis;
using Microsoft.Playwright;
using static InFiConD.Studio.Tests.StudioBrowser;
using static Microsoft.Playwright.Assertions;

namespace InFiConD.Studio.Tests;

/// <summary>
/// Where a concept was found, in Debian's Chromium: each instance picture boxes the segment the library's
/// <see cref="DistillationSession.Locate"/> names for the selected concept, and says "not found in this image" (with no
/// box) where the library finds the concept absent. Screenshot of the instances at 1440 × 900, next to the test assembly.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class LocationBrowserTests(StudioHostFixture host)
{
    [ChromiumFact]
    public async Task Instance_pictures_box_the_concept_where_the_library_found_it_and_only_there()
    {
        RequireChromium();
        await host.ResetAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, problems) = await OpenAsync(browser, host.Address);
        var split = (await page.Locator("body").GetAttributeAsync("data-split"))!;

        // A class whose instances (the subset the page opens with, first 12) show a concept found in some of the images
        // and not in others, so both cases are on the page at once; the class's weightiest such concept.
        var report = host.Session.Analyze(split, StudioWorkspace.Analysis);
        var students = host.Session.Students;
        var (cls, ids, concept) = (
            from c in report.Classes
            let k = students.ClassNames.ToList().IndexOf(c.ClassName)
            let shown = OpeningSubset(c).ImageIds.Take(12).ToList()
            from j in Enumerable.Range(0, students.ConceptCount).OrderByDescending(j => Math.Abs(students.StandardizedWeights(k)[j]))
            let name = students.ConceptNames[j]
            where shown.Any(id => host.Session.Locate(id, split).Of(name).Box is not null)
                && shown.Any(id => !host.Session.Locate(id, split).Of(name).Present)
            select (c.ClassName, shown, name)).First();
        var located = ids.Select(id => host.Session.Locate(id, split)).ToList();
        await page.Locator($"button.class-button[data-class='{cls}']").ClickAsync();
        await Expect(page.Locator("#instances .card[data-image]")).ToHaveCountAsync(ids.Count);
        await page.Locator("#show-zero").CheckAsync();
        await page.Locator($"#weights-table tbody tr[data-concept='{concept}'] button.concept-button").ClickAsync();
        await Expect(page.Locator("#examples-concept")).ToContainTextAsync(concept);

        for (var i = 0; i < ids.Count; i++)
        {
            var card = page.Locator($"#instances .card[data-image='{ids[i]}']");
            await Expect(card.Locator(".caption")).ToBeVisibleAsync();
            var where = located[i].Of(concept);
            var box = card.Locator($".frame .box[data-concept='{concept}']");
            if (where.Box is { } b)
            {
                await Expect(box).ToHaveCountAsync(1);
                var style = await box.GetAttributeAsync("style");
                Assert.Contains($"left: {Percent(b.X)}", style, StringComparison.Ordinal);
                Assert.Contains($"width: {Percent(b.Width)}", style, StringComparison.Ordinal);
                await Expect(card.Locator(".where.absent")).ToHaveCountAsync(0);
            }
            else
            {
                Assert.False(where.Present, $"{concept} is present in {ids[i]} but the library recorded no segment for it.");
                await Expect(box).ToHaveCountAsync(0);
                await Expect(card.Locator($".where.absent[data-concept='{concept}']")).ToHaveTextAsync($"{concept}: not found in this image");
            }
        }
        await page.Locator("#instances").ScrollIntoViewIfNeededAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Locator("#instances").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(LocalScreenshotFolder(), "instances-boxes-1440.png") });
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>The subset a class button selects: the larger misaligned one, else the images both assign to the class.</summary>
    private static ImageSubset OpeningSubset(ClassMisalignment c) =>
        c.TeacherOnly.Count >= c.StudentOnly.Count && c.TeacherOnly.Count > 0 ? c.TeacherOnly
        : c.StudentOnly.Count > 0 ? c.StudentOnly : c.AgreePositive;

    /// <summary>A box edge as the page writes it: a percentage of the image's side (the world's images are 224 pixels).</summary>
    private string Percent(int pixels) =>
        (100.0 * pixels / host.Workspace.Images!.ImageSize).ToString(CultureInfo.InvariantCulture) + "%";
}
