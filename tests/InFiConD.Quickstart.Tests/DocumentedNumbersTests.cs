namespace InFiConD.Quickstart.Tests;

/// <summary>
/// docs/concept-world.md quotes a default run's numbers (concept AUCs, accuracy per version); this runs the job at those
/// settings, cold, and fails when a quoted block differs. <c>INFICOND_UPDATE_DOCS=1</c> rewrites the page instead.
/// </summary>
public sealed class DocumentedNumbersTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("infcd-docs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_numbers_docs_quote_are_those_of_a_fresh_default_run()
    {
        var page = Path.Combine(RepositoryRoot(), "docs", "concept-world.md");
        using var result = await QuickstartJob.RunAsync(new QuickstartOptions { OutputDirectory = Path.Combine(_directory, "out"), Plain = true });
        var text = await File.ReadAllTextAsync(page);
        if (Environment.GetEnvironmentVariable("INFICOND_UPDATE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(page, DocumentedNumbers.Update(text, result));
            return;
        }
        var differences = DocumentedNumbers.Differences(text, result);
        Assert.True(differences.Count == 0,
            $"{page} quotes numbers a default run no longer gives; rerun with INFICOND_UPDATE_DOCS=1 to rewrite them (and re-read the text around them):\n{string.Join("\n\n", differences)}");
        Assert.Contains("<!-- generated:concept-auc -->", text, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "InFiConD.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No InFiConD.sln above {AppContext.BaseDirectory}.");
    }
}
