namespace InFiConD.UiAuthor.Tests;

/// <summary>Issue #20's bar: the endpoint list in under 150 lines of glue.</summary>
public sealed class GlueSizeTests
{
    [Fact]
    public void TheApp_IsUnder150LinesOfCode()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "InFiConD.sln")))
        {
            folder = folder.Parent;
        }
        Assert.NotNull(folder);
        var code = File.ReadLines(Path.Combine(folder.FullName, "tests", "InFiConD.UiAuthor.Tests", "UiAuthorApp.cs"))
            .Select(line => line.Trim())
            .Count(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal));

        Assert.True(code < 150, $"UiAuthorApp.cs has {code} lines of code (blank lines and comments not counted).");
    }
}
