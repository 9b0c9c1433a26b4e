using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static InFiConD.Studio.Tests.StudioBrowser;
using static Microsoft.Playwright.Assertions;

namespace InFiConD.Studio.Tests;

/// <summary>
/// End to end in Debian's Chromium driven by Playwright: open the page (on the shifted split), select a class, select a
/// misaligned subset (by keyboard), ask to downtune a concept, see the preview (the numbers of <c>POST /api/preview</c>),
/// apply it, see a new version in the history, changed metrics, the edit's effect on the shifted split and the edited
/// row's old value, undo (Alt+Z) and see the metrics return. Other tests: <see cref="SplitPickerTests"/>,
/// <see cref="NonExpertTaskTests"/>. Screenshots go to screenshots/ next to the test assembly; with
/// INFICOND_UPDATE_SCREENSHOTS=1, to docs/images/studio/ (so a test run leaves tracked files alone unless asked to refresh
/// the docs).
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class BrowserTests(StudioHostFixture host)
{
    [ChromiumFact]
    public async Task Select_class_and_subset_downtune_a_concept_then_undo()
    {
        RequireChromium();
        await host.ResetAsync();
        var shots = ScreenshotFolder();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, problems) = await OpenAsync(browser, host.Address, 1440, 1100);
        await Expect(page.Locator("#metric-version")).ToHaveTextAsync("v0");
        // The page opens on the library's diagnosis split: in this session the shifted one, where the planted shortcut shows.
        await Expect(page.Locator("#split")).ToHaveValueAsync(Shifted);
        // The edit inputs carry the server's limits (from /api/config), the ones it checks requests against.
        await Expect(page.Locator("#factor")).ToHaveAttributeAsync("max", "100");
        await Expect(page.Locator("#factor")).ToHaveAttributeAsync("min", "1.01");
        await Expect(page.Locator("#epochs")).ToHaveAttributeAsync("max", "200");
        await ShootAsync(page, Path.Combine(shots, "overview.png"));

        // A class with a misaligned subset, from the report the page shows.
        var report = host.Session.Analyze(Shifted, StudioWorkspace.Analysis);
        var target = report.Classes.First(c => c.TeacherOnly.Count + c.StudentOnly.Count > 0);
        var kind = target.TeacherOnly.Count > 0 ? "TeacherOnly" : "StudentOnly";
        var count = kind == "TeacherOnly" ? target.TeacherOnly.Count : target.StudentOnly.Count;

        await page.Locator($"button.class-button[data-class='{target.ClassName}']").ClickAsync();
        await Expect(page.Locator("#weights-table caption")).ToContainTextAsync($"Weights of {target.ClassName}");

        // Keyboard operation: focus the subset's button and press Enter.
        var subset = page.Locator($"button.subset[data-class='{target.ClassName}'][data-subset='{kind}']");
        await subset.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(subset).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#instances-subset")).ToContainTextAsync($"{count} shifted image{(count == 1 ? "" : "s")}");
        await Expect(page.Locator("#instances .card .frame img")).ToHaveCountAsync(Math.Min(count, 12));
        await Expect(page.Locator("#instances .card .contributions li").First).ToBeVisibleAsync();

        // The concept with the largest weight (the table's first row): select it, then downtune it.
        var firstRow = page.Locator("#weights-table tbody tr").First;
        var concept = await firstRow.GetAttributeAsync("data-concept");
        await firstRow.Locator("button.concept-button").ClickAsync();
        await Expect(page.Locator("#examples-concept")).ToContainTextAsync(concept!);
        await Expect(page.Locator("#examples .card img").First).ToBeVisibleAsync();
        await ShootAsync(page, Path.Combine(shots, "selection.png"));

        var agreementBefore = await page.Locator("#metric-agreement").InnerTextAsync();
        var klBefore = await page.Locator("#metric-kl").InnerTextAsync();
        var entriesBefore = await page.Locator("#history li").CountAsync();
        await page.Locator("#factor").FillAsync("4");
        var downtune = firstRow.Locator("button.edit[data-kind='Downtune']");
        // The button says what it will do, in its name and its tooltip.
        await Expect(downtune).ToHaveAttributeAsync("aria-label", $"down: keep {concept} at most a quarter of its weight for {target.ClassName} (shows a preview first)");
        await downtune.HoverAsync();
        await Expect(page.Locator("#tip")).ToContainTextAsync($"Keep {concept} at most a quarter of its weight for {target.ClassName}");
        await downtune.ClickAsync();

        // The preview: the numbers the preview route gives for the same request, and nothing changed yet.
        var apply = page.Locator("#apply-preview");
        await Expect(apply).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        using var previewed = await host.Client.PostAsJsonAsync("/api/preview", new
        {
            edits = new[] { new { kind = "Downtune", className = target.ClassName, conceptName = concept, factor = 4 } },
            expectedVersion = "v0",
        });
        var preview = await JsonReading.ReadAsync(previewed, System.Net.HttpStatusCode.OK);
        var column = host.Session.Students.ConceptNames.ToList().IndexOf(concept!);
        var change = preview.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("className").GetString() == target.ClassName);
        var row = page.Locator($"#change-weights tr[data-class='{target.ClassName}'][data-concept='{concept}']");
        await Expect(row.Locator("td.before")).ToHaveTextAsync(Num(Floats(change.GetProperty("weightsBefore"))[column]));
        await Expect(row.Locator("td.after")).ToHaveTextAsync(Num(Floats(change.GetProperty("weightsAfter"))[column]));
        foreach (var outcome in preview.GetProperty("splits").EnumerateArray())
        {
            var cells = page.Locator($"#change-splits tr[data-split='{outcome.GetProperty("split").GetString()}']");
            var (before, after) = (outcome.GetProperty("before"), outcome.GetProperty("after"));
            await Expect(cells).ToContainTextAsync($"{Pct(before.GetProperty("top1Agreement").GetDouble())} → {Pct(after.GetProperty("top1Agreement").GetDouble())}");
            await Expect(cells.Locator("td").Last).ToHaveTextAsync(outcome.GetProperty("changed").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal("v0", host.Session.Current.Id);
        await ShootAsync(page.Locator("#influence"), Path.Combine(shots, "preview-1440.png"));
        await apply.ClickAsync();

        await Expect(page.Locator("#history li")).ToHaveCountAsync(entriesBefore + 1, new LocatorAssertionsToHaveCountOptions { Timeout = 60_000 });
        var version = host.Session.Current.Id;
        Assert.NotEqual("v0", version);
        await Expect(page.Locator("#metric-version")).ToHaveTextAsync(version);
        var newEntry = page.Locator($"#history li[data-version='{version}']");
        await Expect(newEntry).ToContainTextAsync($"downtune {target.ClassName}/{concept} ×4");
        await Expect(newEntry).ToHaveAttributeAsync("aria-current", "step");
        await Expect(page.Locator("#metric-kl")).Not.ToHaveTextAsync(klBefore);
        var edited = page.Locator($"#weights-table tbody tr[data-concept='{concept}']");
        await Expect(edited.Locator(".bound")).ToContainTextAsync("downtune");
        // The edited row keeps a ghost of its old value.
        var old = host.Session.Diff("v0", version).Weights.Single(w => w.ClassName == target.ClassName && w.ConceptName == concept);
        await Expect(edited.Locator(".bar.ghost")).ToHaveCountAsync(1);
        await Expect(edited.Locator(".was")).ToHaveTextAsync($"was {Num(old.From)}");

        // The edit's effect on the split the page shows, as the library logged it, and the predictions that changed there.
        var logged = host.Session.History.Find(version)!.Evaluation!.Single(e => e.Split == Shifted);
        var changed = host.Session.Diff("v0", version, Shifted).Changed.Count;
        var effect = page.Locator("#edit-effect");
        await Expect(effect).ToBeVisibleAsync();
        await Expect(effect).ToContainTextAsync($"on the shifted images: fidelity {Pct(logged.Before.Top1Agreement)} → {Pct(logged.After.Top1Agreement)}");
        await Expect(effect).ToContainTextAsync($"accuracy {Pct(logged.Before.GroundTruthAccuracy!.Value)} → {Pct(logged.After.GroundTruthAccuracy!.Value)}");
        await Expect(page.Locator("#effect-changed")).ToHaveTextAsync($"{changed} prediction{(changed == 1 ? "" : "s")} changed");
        await Expect(newEntry).ToContainTextAsync($"fidelity {Pct(logged.Before.Top1Agreement)} → {Pct(logged.After.Top1Agreement)}");
        await ShootAsync(page, Path.Combine(shots, "after-downtune.png"));

        // Undo from the keyboard; the metrics return exactly.
        await page.Locator("body").FocusAsync();
        await page.Keyboard.PressAsync("Alt+z");
        await Expect(page.Locator("#metric-version")).ToHaveTextAsync("v0");
        await Expect(page.Locator("#metric-kl")).ToHaveTextAsync(klBefore);
        await Expect(page.Locator("#metric-agreement")).ToHaveTextAsync(agreementBefore);
        await Expect(page.Locator("#redo")).ToBeEnabledAsync();
        await Expect(effect).ToBeHiddenAsync();
        await ShootAsync(page, Path.Combine(shots, "after-undo.png"));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // A bad edit shows the server's message in the page: a factor beyond the input's limits is refused (the browser
        // logs the 400 itself).
        await page.Locator("#factor").FillAsync("1000");
        await firstRow.Locator("button.edit[data-kind='Uptune']").ClickAsync();
        await Expect(page.Locator("#error")).ToContainTextAsync("the factor must be between 1.01 and 100; got 1000.");
        Assert.Equal("v0", host.Session.Current.Id);
    }

    /// <summary>A weight row as the library writes it: base64 of little-endian float32 bits.</summary>
    private static float[] Floats(JsonElement row)
    {
        var bytes = row.GetBytesFromBase64();
        return Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, 4 * i)).ToArray();
    }
}
