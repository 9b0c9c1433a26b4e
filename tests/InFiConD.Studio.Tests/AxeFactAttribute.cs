using System.Diagnostics;

namespace InFiConD.Studio.Tests;

/// <summary>
/// A browser fact that also audits the page with axe-core, installed by npm into a git-ignored folder of this project
/// (<see cref="Folder"/>; .ci/run installs it). Skipped like <see cref="ChromiumFactAttribute"/> without Chromium, and
/// skipped locally when axe is missing and npm is not there to install it; under CI=true nothing is skipped, so a missing
/// browser or axe fails the test with a message saying how to install it.
/// </summary>
public sealed class AxeFactAttribute : FactAttribute
{
    /// <summary>The npm prefix axe-core is installed into, relative to the repository root.</summary>
    public const string Folder = "tests/InFiConD.Studio.Tests/node_modules-axe";

    public AxeFactAttribute()
    {
        if (ChromiumFactAttribute.IsCi)
        {
            return;
        }
        if (!File.Exists(ChromiumFactAttribute.ChromiumPath))
        {
            Skip = $"Chromium is not installed at {ChromiumFactAttribute.ChromiumPath}: install it with 'sudo apt-get install -y chromium' (or 'bash .ci/studio-deps').";
        }
        else if (!File.Exists(AxePath()) && !NpmAvailable())
        {
            Skip = $"axe-core is not installed and npm is not available to install it: 'npm install --prefix {Folder} axe-core@4' (.ci/run does it).";
        }
    }

    /// <summary>Where axe.min.js lies once installed.</summary>
    public static string AxePath() =>
        Path.Combine(StudioBrowser.RepositoryRoot() ?? AppContext.BaseDirectory, Folder, "node_modules", "axe-core", "axe.min.js");

    /// <summary>Installs axe-core with npm when it is missing outside CI; fails with the install command when it stays missing.</summary>
    public static void RequireAxe()
    {
        if (!File.Exists(AxePath()) && !ChromiumFactAttribute.IsCi && StudioBrowser.RepositoryRoot() is { } root)
        {
            Run("npm", $"install --prefix {Folder} axe-core@4", root);
        }
        Assert.True(File.Exists(AxePath()),
            $"axe-core is missing at {AxePath()}: install it with 'npm install --prefix {Folder} axe-core@4' (.ci/run does it before the tests).");
    }

    private static bool NpmAvailable()
    {
        try
        {
            return Run("npm", "--version", Environment.CurrentDirectory) == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int Run(string file, string arguments, string folder)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = folder })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
