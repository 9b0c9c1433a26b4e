using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static InFiConD.Studio.Tests.StudioBrowser;
using static Microsoft.Playwright.Assertions;

namespace InFiConD.Studio.Tests;

/// <summary>
/// The task a non-expert should be able to finish, through visible controls only: find the top suspect, check and apply
/// its fix, see what it did (the numbers the API gives), undo, redo, compare two versions, and open an image to see where
/// a concept is. On the way: the page never scrolls sideways at 1440, 1024 and 390 px, axe-core finds no serious or
/// critical violation in any view at 1440 px, and every view is photographed at 1440 px (the main ones at 390 px too).
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class NonExpertTaskTests(StudioHostFixture host)
{
    [AxeFact]
    public async Task Find_the_top_suspect_fix_it_check_undo_redo_compare_and_look_at_an_image()
    {
        RequireChromium();
        AxeFactAttribute.RequireAxe();
        await host.ResetAsync();
        var docs = ScreenshotFolder();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, problems) = await OpenAsync(browser, host.Address);
        var split = (await page.Locator("body").GetAttributeAsync("data-split"))!;
        var client = host.Client;

        // The evidence comes first; the configuration is folded away below it.
        await Expect(page.Locator("#config-details")).Not.ToHaveAttributeAsync("open", "");
        await LayoutAsync(page, problems, "studio");
        await CheckAccessibilityAsync(page, "the opening page", problems);

        // Check fixes, then the first confirmed suspect the page shows is the library's.
        await page.GetByRole(AriaRole.Button, new() { Name = "Check fixes" }).ClickAsync();
        await Expect(page.Locator("#diagnosis-headline")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 120_000 });
        var diagnosis = await client.GetJsonAsync($"/api/diagnosis?split={split}");
        var top = diagnosis.GetProperty("confirmed")[0].GetProperty("suspect");
        var (cls, concept) = (top.GetProperty("className").GetString()!, top.GetProperty("conceptName").GetString()!);
        var first = page.Locator("#diagnosis li.confirmed").First;
        await Expect(first).ToHaveAttributeAsync("data-class", cls);
        await Expect(first).ToHaveAttributeAsync("data-concept", concept);
        await ShootAsync(page.Locator("#evidence"), Path.Combine(docs, "evidence-1440.png"));
        await CheckAccessibilityAsync(page, "the diagnosis", problems);

        // Apply the proposed fix; the page shows what it did, with the API's numbers.
        var entries = host.Session.History.Entries.Count;
        await first.Locator("li.fix.proposed button.apply").ClickAsync();
        await Expect(page.Locator("#history li")).ToHaveCountAsync(entries + 2, new LocatorAssertionsToHaveCountOptions { Timeout = 60_000 });
        var fixedVersion = host.Session.Current.Id;
        await Expect(page.Locator("#metric-version")).ToHaveTextAsync(fixedVersion);
        var diff = await client.GetJsonAsync($"/api/diff?from=v0&to={fixedVersion}&split={split}");
        var weights = diff.GetProperty("weights").EnumerateArray().ToList();
        var rows = page.Locator("#change-weights tbody tr");
        await Expect(rows.First).ToHaveAttributeAsync("data-concept", concept);
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            var (rowClass, rowConcept) = (await row.GetAttributeAsync("data-class"), await row.GetAttributeAsync("data-concept"));
            var w = weights.Single(x => x.GetProperty("className").GetString() == rowClass && x.GetProperty("conceptName").GetString() == rowConcept);
            await Expect(row.Locator("td.before")).ToHaveTextAsync(Num(w.GetProperty("from").GetDouble()));
            await Expect(row.Locator("td.after")).ToHaveTextAsync(Num(w.GetProperty("to").GetDouble()));
        }
        var history = await client.GetJsonAsync($"/api/history?split={split}");
        var entry = history.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("id").GetString() == fixedVersion);
        var logged = new List<(string Split, JsonElement Before, JsonElement After)> { ("train", entry.GetProperty("metricsBefore"), entry.GetProperty("metricsAfter")) };
        logged.AddRange(entry.GetProperty("evaluation").EnumerateArray().Select(e => (e.GetProperty("split").GetString()!, e.GetProperty("before"), e.GetProperty("after"))));
        foreach (var (name, before, after) in logged)
        {
            var cells = page.Locator($"#change-splits tr[data-split='{name}'] td");
            await Expect(cells.Nth(0)).ToContainTextAsync($"{Pct(before.GetProperty("top1Agreement").GetDouble())} → {Pct(after.GetProperty("top1Agreement").GetDouble())}");
            await Expect(cells.Nth(1)).ToContainTextAsync($"{Pct(before.GetProperty("groundTruthAccuracy").GetDouble())} → {Pct(after.GetProperty("groundTruthAccuracy").GetDouble())}");
        }
        await Expect(page.Locator("#change-images .thumbs li")).ToHaveCountAsync(Math.Min(24, diff.GetProperty("changed").GetArrayLength()));
        // The edited weight stays in view at 0, with a ghost of its old value.
        var edited = page.Locator($"#weights-table tbody tr[data-concept='{concept}']");
        await Expect(edited).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("edited"));
        await Expect(edited.Locator(".bar.ghost")).ToHaveCountAsync(1);
        await ExpectBalanceAsync(page, split);
        await LayoutAsync(page, problems, "after-fix");
        await ShootAsync(page.Locator("#influence"), Path.Combine(docs, "influence-1440.png"));
        await CheckAccessibilityAsync(page, "the applied fix", problems);

        // Undo and redo with the visible buttons; the class balance follows each version.
        await page.Locator("#undo").ClickAsync();
        await Expect(page.Locator("#metric-version")).ToHaveTextAsync("v0");
        await Expect(page.Locator("#change")).ToBeHiddenAsync();
        await ExpectBalanceAsync(page, split);
        await page.Locator("#redo").ClickAsync();
        await Expect(page.Locator("#metric-version")).ToHaveTextAsync(fixedVersion);
        await ExpectBalanceAsync(page, split);
        await Expect(page.Locator($"#history li[data-version='v0'] > ul > li[data-version='{fixedVersion}']")).ToHaveAttributeAsync("aria-current", "step");

        // Compare v0 with the fixed version: the changed weights are the diff's.
        await page.Locator("#compare-from").SelectOptionAsync("v0");
        await page.Locator("#compare-to").SelectOptionAsync(fixedVersion);
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
        var compared = page.Locator("#compare-weights tbody tr");
        await Expect(compared).ToHaveCountAsync(weights.Count);
        for (var i = 0; i < weights.Count; i++)
        {
            await Expect(compared.Nth(i)).ToHaveAttributeAsync("data-concept", weights[i].GetProperty("conceptName").GetString()!);
            await Expect(compared.Nth(i).Locator("td.from")).ToHaveTextAsync(Num(weights[i].GetProperty("from").GetDouble()));
            await Expect(compared.Nth(i).Locator("td.to")).ToHaveTextAsync(Num(weights[i].GetProperty("to").GetDouble()));
        }
        await ShootAsync(page.Locator("#provenance"), Path.Combine(docs, "history-1440.png"));
        await CheckAccessibilityAsync(page, "the history and the comparison", problems);

        // An edit button previews first.
        await page.Locator("#weights-table tbody tr").First.Locator("button.edit[data-kind='Downtune']").ClickAsync();
        await Expect(page.Locator("#apply-preview")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        await CheckAccessibilityAsync(page, "a preview", problems);
        await page.Locator("#discard-preview").ClickAsync();
        Assert.Equal(fixedVersion, host.Session.Current.Id);

        // An image in detail: the heat map's cells are the library's segment scores.
        var picture = page.Locator("#instances button.picture").First;
        await picture.ScrollIntoViewIfNeededAsync();
        var id = (await picture.GetAttributeAsync("data-image"))!;
        await picture.ClickAsync();
        var dialog = page.Locator("#detail");
        await Expect(dialog.Locator(".heat").First).ToBeVisibleAsync();
        var location = await client.GetJsonAsync($"/api/segments?id={Uri.EscapeDataString(id)}&split={split}");
        await ExpectHeatAsync(dialog, location, await page.Locator("#detail-concept").InputValueAsync());
        var absent = location.GetProperty("concepts").EnumerateArray().First(c => !c.GetProperty("present").GetBoolean()).GetProperty("concept").GetString()!;
        await page.Locator("#detail-concept").SelectOptionAsync(absent);
        await ExpectHeatAsync(dialog, location, absent);
        await Expect(dialog.Locator(".box")).ToHaveCountAsync(0);
        // The concept that scores highest in the image: its best segment boxed over the heat map.
        var strongest = location.GetProperty("concepts").EnumerateArray().Where(c => c.GetProperty("present").GetBoolean())
            .MaxBy(c => c.GetProperty("score").GetDouble()).GetProperty("concept").GetString()!;
        await page.Locator("#detail-concept").SelectOptionAsync(strongest);
        await ExpectHeatAsync(dialog, location, strongest);
        await Expect(dialog.Locator(".box")).ToHaveCountAsync(1);
        var explanation = await client.GetJsonAsync($"/api/explain?id={Uri.EscapeDataString(id)}&split={split}");
        var student = explanation.GetProperty("student");
        await Expect(page.Locator("#detail-student")).ToHaveTextAsync($"{student.GetProperty("className").GetString()} ({Pct(student.GetProperty("studentProbability").GetDouble())} sure)");
        await Expect(page.Locator("#detail-truth")).ToHaveTextAsync(explanation.GetProperty("truth").GetProperty("className").GetString()!);
        await Expect(page.Locator("#detail-sum")).ToContainTextAsync($"Together {Num(student.GetProperty("logit").GetDouble(), 2)}");
        await CheckNoStrayValuesAsync(page, "the image detail", problems);
        await ShootAsync(dialog, Path.Combine(docs, "detail-1440.png"));
        await CheckAccessibilityAsync(page, "the image detail", problems);
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal(id, await page.EvaluateAsync<string>("() => document.activeElement.dataset.image"));

        // The remaining views, photographed and audited; the configuration opened.
        await page.Locator("#config-details summary").ClickAsync();
        foreach (var view in new[] { "performance", "instances", "examples", "config", "glossary" })
        {
            await ShootAsync(page.Locator("#" + view), Path.Combine(docs, $"{view}-1440.png"));
        }
        await CheckAccessibilityAsync(page, "every view with the configuration open", problems);

        // The phone: the main views and the detail.
        await page.SetViewportSizeAsync(390, 844);
        await ShootAsync(page.Locator("#evidence"), Path.Combine(docs, "evidence-390.png"));
        await ShootAsync(page.Locator("#influence"), Path.Combine(docs, "influence-390.png"));
        await picture.ClickAsync();
        await Expect(dialog.Locator(".heat").First).ToBeVisibleAsync();
        await page.Locator("#detail-concept").SelectOptionAsync(strongest);
        await ShootAsync(dialog, Path.Combine(docs, "detail-390.png"));
        await CheckNoSidewaysScrollAsync(page, problems);
        await page.Keyboard.PressAsync("Escape");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await host.ResetAsync();
    }

    /// <summary>Full-page screenshots at the three widths (to look at; the docs keep the views), none scrolling sideways.</summary>
    private static async Task LayoutAsync(IPage page, List<string> problems, string name)
    {
        foreach (var (width, height) in new[] { (1024, 700), (390, 844), (1440, 900) })
        {
            await page.SetViewportSizeAsync(width, height);
            await ShootAsync(page, Path.Combine(LocalScreenshotFolder(), $"{name}-{width}.png"));
            await CheckNoSidewaysScrollAsync(page, problems);
        }
        await CheckNoStrayValuesAsync(page, name, problems);
    }

    /// <summary>The heat map's cells: one per segment, each the library's score for the concept there.</summary>
    private static async Task ExpectHeatAsync(ILocator dialog, JsonElement location, string concept)
    {
        var concepts = location.GetProperty("concepts").EnumerateArray().Select(c => c.GetProperty("concept").GetString()).ToList();
        var scores = location.GetProperty("segmentScores");
        var (columns, values) = (scores.GetProperty("columns").GetInt32(), scores.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList());
        var column = concepts.IndexOf(concept);
        var cells = dialog.Locator(".heat");
        await Expect(cells).ToHaveCountAsync(location.GetProperty("segments").GetArrayLength());
        await Expect(dialog.Locator("#detail-concept")).ToHaveValueAsync(concept);
        for (var i = 0; i < await cells.CountAsync(); i++)
        {
            var cell = cells.Nth(i);
            var segment = int.Parse((await cell.GetAttributeAsync("data-segment"))!, CultureInfo.InvariantCulture);
            var score = double.Parse((await cell.GetAttributeAsync("data-score"))!, CultureInfo.InvariantCulture);
            Assert.Equal(values[segment * columns + column], score);
        }
    }

    /// <summary>The class balance's students column is the current version's, as /api/config counts it.</summary>
    private async Task ExpectBalanceAsync(IPage page, string split)
    {
        var config = await host.Client.GetJsonAsync($"/api/config?split={split}");
        foreach (var b in config.GetProperty("classes").EnumerateArray())
        {
            await Expect(page.Locator($"#balance tr[data-class='{b.GetProperty("className").GetString()}'] td.students"))
                .ToHaveTextAsync(b.GetProperty("student").GetInt32().ToString(CultureInfo.InvariantCulture));
        }
    }
}
