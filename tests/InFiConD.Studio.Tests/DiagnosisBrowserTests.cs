using Microsoft.Playwright;
using static InFiConD.Studio.Tests.StudioBrowser;
using static Microsoft.Playwright.Assertions;

namespace InFiConD.Studio.Tests;

/// <summary>
/// The evidence panel in Chromium: the page leads with the diagnosis split's suspects (sentence, numbers, significance, or a
/// plain statement when none is significant); "Check fixes" runs the diagnosis as a job and shows each measured fix's before →
/// after on every split; "Apply this fix" submits the proposal's edits and the new version appears. Screenshots at 1440 × 900,
/// 1024 × 700 and 390 × 844, none scrolling sideways (the docs keep the phone; NonExpertTaskTests photographs the evidence at 1440).
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class DiagnosisBrowserTests(StudioHostFixture host)
{
    [ChromiumFact]
    public async Task The_page_leads_with_suspects_checks_their_fixes_and_applies_the_proposal()
    {
        RequireChromium();
        await host.ResetAsync();
        var (docs, local) = (ScreenshotFolder(), LocalScreenshotFolder());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, problems) = await OpenAsync(browser, host.Address);
        var split = host.Session.DiagnosisSplit;
        await Expect(page.Locator("#split")).ToHaveValueAsync(split);

        // The suspects of the split the page opened on, as the library ranks them.
        var report = host.Workspace.Report(host.Session, split);
        Assert.NotEmpty(report.Suspects);
        var verdict = page.Locator("#suspect-verdict");
        if (report.HasSignificantSuspect)
        {
            await Expect(verdict).ToContainTextAsync($"significant after correction for {report.SuspectTests} tests.");
        }
        else
        {
            await Expect(verdict).ToContainTextAsync($"No suspected shortcut on the {split} images is significant after correction for {report.SuspectTests} tests");
        }
        var cards = page.Locator("#suspects li.suspect");
        await Expect(cards).ToHaveCountAsync(Math.Min(4, report.Suspects.Count));
        var top = report.Suspects[0];
        var first = cards.First;
        await Expect(first).ToHaveAttributeAsync("data-concept", top.ConceptName);
        await Expect(first.Locator(".sentence")).ToHaveTextAsync(top.Sentence);
        await Expect(first.Locator(".marker")).ToHaveTextAsync(top.IsSignificant ? "significant" : "not significant");
        await Expect(first.Locator("dl.numbers")).ToContainTextAsync($"{top.PresentHits}/{top.PresentCount} ({Pct(top.PresentRate)})");
        await Expect(first.Locator("dl.numbers")).ToContainTextAsync($"{top.AbsentHits}/{top.AbsentCount} ({Pct(top.AbsentRate)})");
        await ShootAsync(page, Path.Combine(local, "suspects.png"));

        // Check fixes: a job, then the library's diagnosis with every fix measured on every split.
        await page.Locator("#check-fixes").ClickAsync();
        var headline = page.Locator("#diagnosis-headline");
        await Expect(headline).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 120_000 });
        var diagnosis = host.Workspace.DiagnosisOf("v0", split)!;
        await Expect(headline).ToHaveTextAsync(diagnosis.Headline);
        Assert.Equal("v0", host.Session.Current.Id);
        var fixes = page.Locator("#diagnosis li.fix");
        await Expect(fixes).ToHaveCountAsync(diagnosis.Confirmed.Sum(c => c.Fixes.Count));
        await Expect(fixes.First.Locator("ul.outcomes > li")).ToHaveCountAsync(host.Session.Splits.Count);
        var proposal = diagnosis.Confirmed[0].ProposedFix;
        var measured = proposal.On(split);
        var proposed = page.Locator("#diagnosis li.fix.proposed").First;
        await Expect(proposed.Locator($"ul.outcomes > li[data-split='{split}']")).ToContainTextAsync(
            $"fidelity {Pct(measured.Before.Top1Agreement)} → {Pct(measured.After.Top1Agreement)}");
        await Expect(page.Locator("#check-fixes")).ToHaveTextAsync("Check fixes again");

        foreach (var (width, height) in new[] { (1440, 900), (1024, 700), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await CheckNoSidewaysScrollAsync(page, problems);
            await ShootAsync(page, Path.Combine(width == 390 ? docs : local, $"diagnosis-{width}.png"));
        }
        await page.SetViewportSizeAsync(1440, 900);

        // Apply this fix: the proposal's edits go through the edit route, and the new version is what they made.
        var entries = await page.Locator("#history li").CountAsync();
        await proposed.Locator("button.apply").ClickAsync();
        await Expect(page.Locator("#history li")).ToHaveCountAsync(entries + 1, new LocatorAssertionsToHaveCountOptions { Timeout = 60_000 });
        var version = host.Session.Current.Id;
        Assert.NotEqual("v0", version);
        await Expect(page.Locator("#metric-version")).ToHaveTextAsync(version);
        Assert.Equal(proposal.Edits, host.Session.History.Find(version)!.Edits);
        // The diagnosis described v0: it is gone, and the button asks for a fresh one.
        await Expect(headline).ToHaveCountAsync(0);
        await Expect(page.Locator("#check-fixes")).ToHaveTextAsync("Check fixes");
        await ShootAsync(page, Path.Combine(local, "after-apply.png"));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await host.ResetAsync();
    }
}
