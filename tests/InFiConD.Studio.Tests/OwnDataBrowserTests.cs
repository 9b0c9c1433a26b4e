using System.Globalization;
using Microsoft.Playwright;
using static InFiConD.Studio.Tests.StudioBrowser;
using static Microsoft.Playwright.Assertions;

namespace InFiConD.Studio.Tests;

/// <summary>
/// The page over the user's folders, in Debian's Chromium: it opens on the held-out split, shows the folder images, and
/// places a concept's box by the image's own size (64 × 48 here, not ConceptWorld's 224 square). Screenshot
/// <c>own-data-instances-1440.png</c> next to the test assembly.
/// </summary>
[Collection(OwnDataCollection.Name)]
public sealed class OwnDataBrowserTests(OwnDataHostFixture host)
{
    [ChromiumFact]
    public async Task The_page_shows_the_folder_images_with_boxes_scaled_by_each_images_size()
    {
        RequireChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, problems) = await OpenAsync(browser, host.Address);
        Assert.Equal("shifted", await page.Locator("body").GetAttributeAsync("data-split"));

        await page.Locator("button.class-button[data-class='apple']").ClickAsync();
        var cards = page.Locator("#instances .card[data-image]");
        await Expect(cards.First).ToBeVisibleAsync();
        var ids = new List<string>();
        for (var i = 0; i < await cards.CountAsync(); i++)
        {
            ids.Add((await cards.Nth(i).GetAttributeAsync("data-image"))!);
        }
        // A concept whose best segment is a grid cell (not the whole image) in a shown picture, so both scales show.
        var located = ids.Select(id => host.Session.Locate(id, "shifted")).ToList();
        var concept = host.Session.Students.ConceptNames.First(c => located.Any(l => l.Of(c).Box is { X: > 0 } or { Y: > 0 }));
        await page.Locator("#show-zero").CheckAsync();
        await page.Locator($"#weights-table tbody tr[data-concept='{concept}'] button.concept-button").ClickAsync();
        await Expect(page.Locator("#examples-concept")).ToContainTextAsync(concept);

        for (var i = 0; i < ids.Count; i++)
        {
            var card = page.Locator($"#instances .card[data-image='{ids[i]}']");
            var image = card.Locator(".frame img");
            await Expect(image).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await image.ElementHandleAsync());
            Assert.Equal(OwnDataset.Width, await image.EvaluateAsync<int>("img => img.naturalWidth"));
            if (located[i].Of(concept).Box is { } b)
            {
                var style = await card.Locator($".frame .box[data-concept='{concept}']").GetAttributeAsync("style");
                Assert.Contains($"left: {Percent(b.X, OwnDataset.Width)}", style, StringComparison.Ordinal);
                Assert.Contains($"top: {Percent(b.Y, OwnDataset.Height)}", style, StringComparison.Ordinal);
                Assert.Contains($"height: {Percent(b.Height, OwnDataset.Height)}", style, StringComparison.Ordinal);
            }
        }
        await page.Locator("#instances").ScrollIntoViewIfNeededAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Locator("#instances").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(LocalScreenshotFolder(), "own-data-instances-1440.png") });
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>A box edge as the page writes it: a percentage of the image's own side.</summary>
    private static string Percent(int pixels, int side) => (100.0 * pixels / side).ToString(CultureInfo.InvariantCulture) + "%";
}
