using System.Diagnostics;
using InFiConD.Editing;
using InFiConD.Embedding;

namespace InFiConD.RealShortcut.Tests;

/// <summary>
/// Runs the planted world and its control once each, into a fresh cache (the control reuses every unmarked image's
/// embedding), then applies the planted diagnosis's proposed fix. About a minute on two quiet cores, most of it ResNet-18.
/// </summary>
public sealed class RealShortcutFixture : IAsyncLifetime
{
    private readonly string _cache = Directory.CreateTempSubdirectory("infcd-real-shortcut-").FullName;

    internal RealShortcutResult Planted { get; private set; } = null!;

    internal RealShortcutResult Control { get; private set; } = null!;

    /// <summary>The planted diagnosis's proposed fix, applied; null when it proposed none that helps.</summary>
    internal EditResult? AppliedFix { get; private set; }

    internal TimeSpan Elapsed { get; private set; }

    public async Task InitializeAsync()
    {
        if (!FashionMnist.IsInstalled() && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var clock = Stopwatch.StartNew();
        var (train, test) = (FashionMnist.Load("train"), FashionMnist.Load("t10k"));
        using var backbone = ResNet18Backbone.Load();
        Planted = await RealShortcutJob.RunAsync(ShortcutWorld.Create(train, test), backbone, _cache);
        Control = await RealShortcutJob.RunAsync(ShortcutWorld.Create(train, test, ShortcutWorldOptions.Default.Control), backbone, _cache);
        if (Planted.Diagnosis.Confirmed.FirstOrDefault() is { FixHelps: true } top)
        {
            AppliedFix = await Planted.Session.EditAsync(top.ProposedFix.Edits);
        }
        Elapsed = clock.Elapsed;
    }

    public Task DisposeAsync()
    {
        Planted?.Session.Dispose();
        Control?.Session.Dispose();
        Directory.Delete(_cache, recursive: true);
        return Task.CompletedTask;
    }
}
