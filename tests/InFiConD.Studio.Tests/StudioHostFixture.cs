using System.Net.Http.Json;
using InFiConD.Studio;
using Microsoft.AspNetCore.Builder;

namespace InFiConD.Studio.Tests;

/// <summary>
/// One Studio host for all tests, on a free loopback port, over a small ConceptWorld session built through the front
/// door exactly as the Studio does (ResNet-18 and all), at a size that keeps the build near half a minute on two cores:
/// 8 training images per class, 4 per class in each held-out split (test and shifted: every held-out image costs an
/// encoding and a teacher pass), 2 exemplars per concept, 3 bootstrap members and λ = 0.05, which leaves a few images
/// where students and teacher disagree.
/// </summary>
public sealed class StudioHostFixture : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>A folder of the fixture's own (output, cache, saved sessions).</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "infcd-studio-tests-" + Guid.NewGuid().ToString("N")[..8]);

    internal StudioWorkspace Workspace { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    internal DistillationSession Session => Workspace.Session!;

    internal static StudioOptions Options(string folder) => new()
    {
        ImagesPerClass = 8,
        EvaluationImagesPerClass = 4,
        ExemplarsPerConcept = 2,
        Bootstrap = 3,
        L1 = 0.05,
        Port = 0,
        OutputDirectory = folder,
    };

    public async Task InitializeAsync()
    {
        Workspace = new StudioWorkspace(Options(Folder));
        _app = StudioHost.Create(Workspace);
        await _app.StartAsync();
        Address = StudioHost.Address(_app);
        Client = new HttpClient { BaseAddress = Address };
        await Workspace.StartAsync();
        Assert.True(Workspace.Error is null, $"The test session could not be built: {Workspace.Error}");
    }

    /// <summary>Returns the session to the base students (tests that edit start here, so their order does not matter).</summary>
    public async Task ResetAsync()
    {
        using var response = await Client.PostAsJsonAsync("/api/checkout", new { versionId = "v0" });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Workspace?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
