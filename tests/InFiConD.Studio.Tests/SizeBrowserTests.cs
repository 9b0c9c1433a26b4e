using Microsoft.Playwright;
using static InFiConD.Studio.Tests.StudioBrowser;
using static Microsoft.Playwright.Assertions;

namespace InFiConD.Studio.Tests;

/// <summary>
/// "Simpler students" in Chromium: the button fits the λ path as a job and the table shows the library's points (weights in
/// use and the score per split), the suggestion marked; its Preview shows what refitting every class at that λ would do
/// (weights in use before → after, every split); Apply makes it a version, named by its λ in the history. Screenshots at
/// 1440 × 900, 1024 × 700 and 390 × 844 without sideways scrolling, and axe finds nothing serious on the section.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class SizeBrowserTests(StudioHostFixture host)
{
    [AxeFact]
    public async Task Simpler_students_are_found_previewed_and_applied_as_a_version()
    {
        RequireChromium();
        await host.ResetAsync();
        var (docs, local) = (ScreenshotFolder(), LocalScreenshotFolder());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, problems) = await OpenAsync(browser, host.Address);
        var section = page.Locator("#size");
        // The path of v0 stays with the shared test session once any test fitted it.
        if (host.Workspace.PathOf("v0") is null)
        {
            await Expect(section.Locator(".empty")).ToHaveTextAsync("Not fitted for v0 yet.");
            await page.Locator("#fit-path").ClickAsync();
        }
        var rows = page.Locator("#size-table tbody tr");
        await Expect(rows).ToHaveCountAsync(12, new LocatorAssertionsToHaveCountOptions { Timeout = 120_000 });
        var path = host.Workspace.PathOf("v0")!;
        var suggested = path.SuggestedPoint;
        var row = page.Locator("#size-table tr.suggested");
        await Expect(row.Locator("td").First).ToHaveTextAsync(suggested.NonZeroWeights.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var split in host.Session.Splits)
        {
            await Expect(row).ToContainTextAsync(Pct(suggested.Score(split.Name)));
        }
        await Expect(page.Locator("#fit-path")).ToBeHiddenAsync();
        await Expect(page.Locator("#size-verdict")).ToContainTextAsync($"scoring {Pct(suggested.Score(path.Split))} on {path.Split}");

        // Preview: every class refit at the suggested λ, nothing kept yet.
        await row.Locator("button.preview-size").ClickAsync();
        var inUse = page.Locator("#change-in-use");
        await Expect(inUse).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        var before = host.Session.Students.CopyStandardizedWeights().AsSpan().ToArray().Count(w => w != 0f);
        await Expect(inUse).ToContainTextAsync($"Weights in use: {before} → ");
        await Expect(page.Locator("#change-title")).ToContainTextAsync("refit at λ = ");
        await Expect(page.Locator("#change-splits tbody tr")).ToHaveCountAsync(host.Session.Splits.Count);
        Assert.Equal("v0", host.Session.Current.Id);
        await CheckAccessibilityAsync(page, "simpler students with a preview", problems);
        await ShootAsync(page.Locator("#change"), Path.Combine(docs, "size-preview.png"));
        foreach (var (width, height) in new[] { (1440, 900), (1024, 700), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await CheckNoSidewaysScrollAsync(page, problems);
            await ShootAsync(section, Path.Combine(width == 1440 ? docs : local, $"size-{width}.png"));
        }
        await page.SetViewportSizeAsync(1440, 900);

        // Apply: a version at the new λ, named by it in the history; the path belongs to v0, so the section asks again.
        await page.Locator("#apply-preview").ClickAsync();
        await Expect(page.Locator("#metric-version")).Not.ToHaveTextAsync("v0", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
        var version = host.Session.Current.Id;
        Assert.Equal(suggested.Lambda, host.Session.Current.Lambda);
        await Expect(page.Locator("#metric-version")).ToHaveTextAsync(version);
        await Expect(page.Locator($"#history li[data-version='{version}']")).ToContainTextAsync("refit at λ = ");
        await Expect(page.Locator("#fit-path")).ToBeVisibleAsync();
        await Expect(section.Locator(".empty")).ToHaveTextAsync($"Not fitted for {version} yet.");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await host.ResetAsync();
    }
}
