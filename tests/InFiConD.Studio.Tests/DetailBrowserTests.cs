using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static InFiConD.Studio.Tests.StudioBrowser;
using static Microsoft.Playwright.Assertions;

namespace InFiConD.Studio.Tests;

/// <summary>
/// The image detail when the library cannot give per-segment scores (<c>segmentScoresUnavailable</c>: the embedding cache
/// moved, say): the page says why in plain words, draws no heat map, and boxes only the best segment where the concept is
/// present. The answer of <c>/api/segments</c> is rewritten in the browser, since the test session's cache is in place.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class DetailBrowserTests(StudioHostFixture host)
{
    private const string Reason = "the embedding cache is not where the run wrote it";

    [ChromiumFact]
    public async Task Without_segment_scores_the_detail_says_why_and_shows_only_the_best_segment()
    {
        RequireChromium();
        await host.ResetAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, problems) = await OpenAsync(browser, host.Address);
        await page.RouteAsync("**/api/segments?*", async route =>
        {
            var response = await route.FetchAsync();
            var location = JsonNode.Parse(await response.TextAsync())!.AsObject();
            location.Remove("segmentScores");
            location["segmentScoresUnavailable"] = Reason;
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = location.ToJsonString() });
        });

        var picture = page.Locator("#examples button.picture").First;
        var id = (await picture.GetAttributeAsync("data-image"))!;
        var split = (await page.Locator("body").GetAttributeAsync("data-split"))!;
        await picture.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.Locator("#detail");
        await Expect(dialog.Locator("#heat-unavailable")).ToContainTextAsync(Reason);
        await Expect(dialog.Locator(".heat")).ToHaveCountAsync(0);

        // The concept the examples show scores highest in this image: its best segment is boxed, and only that.
        var concept = await page.Locator("#detail-concept").InputValueAsync();
        var where = host.Session.Locate(id, split).Of(concept);
        await Expect(dialog.Locator(".box")).ToHaveCountAsync(where.Box is null ? 0 : 1);
        await ShootAsync(dialog, Path.Combine(LocalScreenshotFolder(), "detail-without-scores-1440.png"));

        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal(id, await page.EvaluateAsync<string>("() => document.activeElement.dataset.image"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
