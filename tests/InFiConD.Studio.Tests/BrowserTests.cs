using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InFiConD.Studio.Tests;

/// <summary>
/// End to end in Debian's Chromium driven by Playwright: open the page (on the shifted split), select a class, select a
/// misaligned subset (by keyboard), downtune a concept, see a new provenance entry, changed metrics and the edit's effect
/// on the shifted split, undo (Alt+Z) and see the metrics return. Other tests: <see cref="SplitPickerTests"/>.
/// Screenshots go to screenshots/ next to the test assembly; with INFICOND_UPDATE_SCREENSHOTS=1, to docs/images/studio/
/// (so a test run leaves tracked files alone unless asked to refresh the docs).
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class BrowserTests(StudioHostFixture host)
{
    [ChromiumFact]
    public async Task Select_class_and_subset_downtune_a_concept_then_undo()
    {
        Assert.True(File.Exists(ChromiumFactAttribute.ChromiumPath),
            $"CI=true but Chromium is missing at {ChromiumFactAttribute.ChromiumPath}: .ci/studio-deps installs it (apt-get install -y chromium).");
        await host.ResetAsync();
        var shots = ScreenshotFolder();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1100 } });
        var problems = Watch(page, host.Address);

        await page.GotoAsync(host.Address.ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 60_000 });
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
        await firstRow.Locator("button.edit[data-kind='Downtune']").ClickAsync();

        await Expect(page.Locator("#history li")).ToHaveCountAsync(entriesBefore + 1, new LocatorAssertionsToHaveCountOptions { Timeout = 60_000 });
        var version = host.Session.Current.Id;
        Assert.NotEqual("v0", version);
        await Expect(page.Locator("#metric-version")).ToHaveTextAsync(version);
        var newEntry = page.Locator($"#history li[data-version='{version}']");
        await Expect(newEntry).ToContainTextAsync($"downtune {target.ClassName}/{concept} ×4");
        await Expect(newEntry).ToHaveAttributeAsync("aria-current", "step");
        await Expect(page.Locator("#metric-kl")).Not.ToHaveTextAsync(klBefore);
        await Expect(page.Locator($"#weights-table tbody tr[data-concept='{concept}'] .bound")).ToContainTextAsync("downtune");

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

    internal const string Shifted = "shifted";

    /// <summary>A fraction as the page writes it (one decimal, then " %").</summary>
    internal static string Pct(double x) => (100 * x).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " %";

    /// <summary>Debian's Chromium, headless.</summary>
    internal static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumFactAttribute.ChromiumPath,
        Headless = true,
        // Root in a container has no user namespace for Chromium's sandbox.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });

    /// <summary>Collects page errors, console errors and any request to another origin (the page may use nothing but the Studio).</summary>
    internal static List<string> Watch(IPage page, Uri address)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(address.ToString(), StringComparison.Ordinal))
            {
                problems.Add("external request: " + request.Url);
            }
        };
        return problems;
    }

    /// <summary>A full-page screenshot once the page has settled: no request in flight and every picture decoded.</summary>
    internal static async Task ShootAsync(IPage page, string path)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("() => Promise.all([...document.images].map(i => i.complete ? null : new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })))");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    /// <summary>Where screenshots that are only for looking at go: next to the test assembly, never into the docs.</summary>
    internal static string LocalScreenshotFolder() => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    internal static string ScreenshotFolder()
    {
        var shots = LocalScreenshotFolder();
        if (Environment.GetEnvironmentVariable("INFICOND_UPDATE_SCREENSHOTS") == "1")
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "InFiConD.sln")))
            {
                folder = folder.Parent;
            }
            shots = folder is null ? shots : Path.Combine(folder.FullName, "docs", "images", "studio");
        }
        Directory.CreateDirectory(shots);
        return shots;
    }
}
