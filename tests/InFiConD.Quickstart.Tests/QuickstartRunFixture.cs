namespace InFiConD.Quickstart.Tests;

/// <summary>
/// Runs the main job once at a small size (cold, into a fresh folder) and once more on the same cache (warm);
/// the tests read both. About a minute on two cores, most of it ResNet-18.
/// </summary>
public sealed class QuickstartRunFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("infcd-quickstart-").FullName;

    internal QuickstartOptions Options => new()
    {
        ImagesPerClass = 12,
        EvaluationImagesPerClass = 16,
        ExemplarsPerConcept = 6,
        OutputDirectory = Path.Combine(Directory, "out"),
        Plain = true,
    };

    internal QuickstartResult Cold { get; private set; } = null!;

    internal QuickstartResult Warm { get; private set; } = null!;

    internal List<QuickstartProgress> ColdProgress { get; } = [];

    public async Task InitializeAsync()
    {
        Cold = await QuickstartJob.RunAsync(Options, new SynchronousProgress<QuickstartProgress>(ColdProgress.Add));
        Warm = await QuickstartJob.RunAsync(Options with { OutputDirectory = Path.Combine(Directory, "again"), CacheDirectory = Options.EffectiveCacheDirectory });
    }

    public Task DisposeAsync()
    {
        Cold.Dispose();
        Warm.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
