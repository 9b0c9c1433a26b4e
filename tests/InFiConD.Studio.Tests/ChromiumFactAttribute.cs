namespace InFiConD.Studio.Tests;

/// <summary>
/// A fact that needs Debian's Chromium. Without it the test is skipped with a message saying how to install it — except
/// under CI (CI=true), where a missing browser must fail the run rather than hide behind a skip.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && !IsCi)
        {
            Skip = $"Chromium is not installed at {ChromiumPath}: install it with 'sudo apt-get install -y chromium' (or 'bash .ci/studio-deps') to run the browser test. Under CI=true this test fails instead of skipping.";
        }
    }

    /// <summary>Whether the tests run under CI.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
