using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace InFiConD.Studio.Tests;

/// <summary>
/// What every browser test shares: Debian's Chromium launched headless, a page opened on the Studio and watched for errors
/// and requests to other origins, screenshots (next to the test assembly; with INFICOND_UPDATE_SCREENSHOTS=1 the docs'
/// ones go to docs/images/studio/), the sideways-scroll check and axe-core's accessibility audit.
/// </summary>
internal static class StudioBrowser
{
    public const string Shifted = "shifted";

    /// <summary>Fails (under CI=true the attribute does not skip) when Chromium is missing.</summary>
    public static void RequireChromium() =>
        Assert.True(File.Exists(ChromiumFactAttribute.ChromiumPath),
            $"CI=true but Chromium is missing at {ChromiumFactAttribute.ChromiumPath}: .ci/studio-deps installs it (apt-get install -y chromium).");

    /// <summary>A fraction as the page writes it (one decimal, then " %").</summary>
    public static string Pct(double x) => (100 * x).ToString("F1", CultureInfo.InvariantCulture) + " %";

    /// <summary>A number as the page writes it with <c>num</c> (fixed decimals; a minus for negatives).</summary>
    public static string Num(double x, int digits = 3) => x.ToString("F" + digits, CultureInfo.InvariantCulture);

    /// <summary>Debian's Chromium, headless.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumFactAttribute.ChromiumPath,
        Headless = true,
        // Root in a container has no user namespace for Chromium's sandbox.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });

    /// <summary>A new page of the given size on the Studio, watched, once the session's views are drawn.</summary>
    public static async Task<(IPage Page, List<string> Problems)> OpenAsync(IBrowser browser, Uri address, int width = 1440, int height = 900)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var problems = Watch(page, address);
        await page.GotoAsync(address.ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        return (page, problems);
    }

    /// <summary>Collects page errors, console errors and any request to another origin (the page may use nothing but the Studio).</summary>
    public static List<string> Watch(IPage page, Uri address)
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
    public static async Task ShootAsync(IPage page, string path)
    {
        await SettleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    /// <summary>A screenshot of one view (a section or the dialog) once the page has settled.</summary>
    public static async Task ShootAsync(ILocator view, string path)
    {
        await SettleAsync(view.Page);
        await view.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
    }

    private static async Task SettleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("() => Promise.all([...document.images].map(i => i.complete ? null : new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })))");
    }

    /// <summary>Where screenshots that are only for looking at go: next to the test assembly, never into the docs.</summary>
    public static string LocalScreenshotFolder() => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    /// <summary>Where the docs' screenshots go: docs/images/studio/ with INFICOND_UPDATE_SCREENSHOTS=1, else next to the test assembly.</summary>
    public static string ScreenshotFolder() =>
        Environment.GetEnvironmentVariable("INFICOND_UPDATE_SCREENSHOTS") == "1" && RepositoryRoot() is { } root
            ? Directory.CreateDirectory(Path.Combine(root, "docs", "images", "studio")).FullName
            : LocalScreenshotFolder();

    /// <summary>The checkout's root (the folder with InFiConD.sln), or <see langword="null"/> outside one.</summary>
    public static string? RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "InFiConD.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName;
    }

    /// <summary>Notes a page wider than its window (checked after the screenshots are taken, so a failure still leaves them to look at).</summary>
    public static async Task CheckNoSidewaysScrollAsync(IPage page, List<string> problems)
    {
        var (scroll, inner) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        if (scroll > inner)
        {
            // The innermost elements that stick out, so the message says what to fix.
            var wide = await page.EvaluateAsync<string[]>("""
                () => {
                  const out = (e) => e.getBoundingClientRect().right > innerWidth + 0.5;
                  // What sticks out of a box that scrolls sideways widens that box, not the page.
                  const clipped = (e) => { for (let p = e.parentElement; p; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; return false; };
                  return [...document.querySelectorAll('body *')].filter(e => out(e) && !clipped(e) && ![...e.children].some(out))
                    .slice(0, 5).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).replace(/ /g, '.') : ''} (right ${Math.round(e.getBoundingClientRect().right)} px)`);
                }
                """);
            problems.Add($"The page is {scroll} px wide in a {inner} px window: it scrolls sideways ({string.Join(", ", wide)}).");
        }
    }

    /// <summary>Notes a value the page wrote without formatting it ("null", "undefined", "NaN").</summary>
    public static async Task CheckNoStrayValuesAsync(IPage page, string view, List<string> problems)
    {
        var stray = await page.EvaluateAsync<string?>("() => (document.body.innerText.match(/.{0,40}\\b(null|undefined|NaN)\\b.{0,40}/) || [null])[0]");
        if (stray is not null)
        {
            problems.Add($"{view} shows an unformatted value: '{stray}'.");
        }
    }

    /// <summary>
    /// Runs axe-core on the page as it is now and notes every serious or critical violation (rule, impact, what it asks
    /// and the elements), under <paramref name="view"/>. axe is evaluated by the test, not loaded by the page, so the
    /// page's content security policy stays as it is.
    /// </summary>
    public static async Task CheckAccessibilityAsync(IPage page, string view, List<string> problems)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync("source => { (0, eval)(source); }", await File.ReadAllTextAsync(AxeFactAttribute.AxePath()));
        }
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document)).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map(n => n.target.join(' ')).join('; ')}`)
            """);
        foreach (var violation in found.EnumerateArray())
        {
            problems.Add($"axe on {view}: {violation.GetString()}");
        }
    }
}
