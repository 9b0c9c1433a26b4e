using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static InFiConD.Studio.Tests.StudioBrowser;
using static Microsoft.Playwright.Assertions;

namespace InFiConD.Studio.Tests;

/// <summary>
/// The split picker in Debian's Chromium: the page opens on the shifted split, the picker is reached and operated by
/// keyboard, and every view switches to the chosen split with the library's numbers for it. Screenshots at the three
/// widths people use (1440 × 900, 1024 × 700, 390 × 844), where the page must not scroll sideways; the docs keep two of
/// them (the train split at 1440, the phone), the others stay next to the test assembly.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class SplitPickerTests(StudioHostFixture host)
{
    [ChromiumFact]
    public async Task Picking_a_split_switches_every_view_to_its_images_and_numbers()
    {
        RequireChromium();
        await host.ResetAsync();
        var (docs, local) = (ScreenshotFolder(), LocalScreenshotFolder());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, problems) = await OpenAsync(browser, host.Address);
        // The page opens on the library's diagnosis split: the held-out split where the students do worst.
        var opening = host.Session.DiagnosisSplit;
        await Expect(page.Locator("#split")).ToHaveValueAsync(opening);
        await Expect(page.Locator("label[for='split']")).ToHaveTextAsync("Show the views on");
        await ExpectSplitAsync(page, opening);
        await page.Locator("#split").SelectOptionAsync(Shifted);
        await ExpectSplitAsync(page, Shifted);
        await ShootAsync(page, Path.Combine(local, "split-shifted-1440.png"));
        await CheckNoSidewaysScrollAsync(page, problems);

        // By keyboard: the picker is the first control after the skip link; arrows move through the splits (train, test, shifted).
        await page.Locator("a.skip").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#split")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(page.Locator("#split")).ToHaveValueAsync("train");
        await ExpectSplitAsync(page, "train");
        await ShootAsync(page, Path.Combine(docs, "split-train.png"));

        await page.Locator("#split").SelectOptionAsync(Shifted);
        await ExpectSplitAsync(page, Shifted);
        foreach (var (width, height) in new[] { (1024, 700), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await CheckNoSidewaysScrollAsync(page, problems);
            await ShootAsync(page, Path.Combine(width < 600 ? docs : local, $"split-shifted-{width}.png"));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>The header, each view and the images all describe <paramref name="split"/>, with the library's values.</summary>
    private async Task ExpectSplitAsync(IPage page, string split)
    {
        var session = host.Session;
        var data = session.Split(split);
        var fidelity = session.MeasureFidelity(split);
        var words = $"on the {split} images";
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-split", split);
        await Expect(page.Locator("#metric-agreement")).ToHaveTextAsync(Pct(fidelity.Top1Agreement));
        await Expect(page.Locator("#metric-accuracy")).ToHaveTextAsync(Pct(fidelity.GroundTruthAccuracy!.Value));
        await Expect(page.Locator("#split-caption")).ToContainTextAsync($"the {split} images: {data.ImageCount} images");
        foreach (var view in new[] { "config", "performance", "instances", "examples", "provenance" })
        {
            await Expect(page.Locator($"#{view}-title .on-split")).ToHaveTextAsync(words);
        }
        await Expect(page.Locator("#teacher-accuracy")).ToHaveTextAsync(Pct(fidelity.TeacherGroundTruthAccuracy!.Value));
        var report = session.Analyze(split, StudioWorkspace.Analysis);
        await Expect(page.Locator("#class-table caption")).ToContainTextAsync($"{words} (overall {Pct(report.Agreement)} of {data.ImageCount} images)");
        var boat = report.ForClass("boat");
        await Expect(page.Locator("button.subset[data-class='boat'][data-subset='TeacherOnly']")).ToHaveTextAsync(boat.TeacherOnly.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A class's images and a concept's examples come from the split, pictures included.
        await page.Locator("button.class-button[data-class='boat']").ClickAsync();
        await Expect(page.Locator("#instances-subset")).ToContainTextAsync($"{split} image");
        if (boat.TeacherOnly.Count + boat.StudentOnly.Count + boat.AgreePositive.Count > 0)
        {
            await Expect(page.Locator("#instances .card .frame img").First).ToHaveAttributeAsync("src", new Regex($"split={split}$"));
        }
        await page.Locator("#weights-table tbody tr button.concept-button").First.ClickAsync();
        await Expect(page.Locator("#examples-concept")).ToContainTextAsync(words);
        await Expect(page.Locator("#examples .card img").First).ToHaveAttributeAsync("src", new Regex($"split={split}$"));
    }
}
