using InFiConD.Studio;
using Microsoft.AspNetCore.Builder;

namespace InFiConD.Studio.Tests;

/// <summary>
/// A Studio host over a tiny user dataset written by <see cref="OwnDataset"/>, started from the command line a user would
/// type (<c>--train --eval shifted= --teacher --concepts</c>) with 3 bootstrap members and λ = 0.05, as the ConceptWorld fixture.
/// </summary>
public sealed class OwnDataHostFixture : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>The fixture's folder: the dataset under <c>data/</c>, the Studio's output (cache included) under <c>output/</c>.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "infcd-studio-own-" + Guid.NewGuid().ToString("N")[..8]);

    public string Data => Path.Combine(Folder, "data");

    internal StudioWorkspace Workspace { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    internal DistillationSession Session => Workspace.Session!;

    public async Task InitializeAsync()
    {
        OwnDataset.Write(Data);
        var options = StudioOptions.Parse([.. OwnDataset.Arguments(Data), "--l1", "0.05", "--bootstrap", "3", "--port", "0", "--output", Path.Combine(Folder, "output")]);
        Workspace = new StudioWorkspace(options);
        _app = StudioHost.Create(Workspace);
        await _app.StartAsync();
        Address = StudioHost.Address(_app);
        Client = new HttpClient { BaseAddress = Address };
        await Workspace.StartAsync();
        Assert.True(Workspace.Error is null, $"The own-data session could not be built: {Workspace.Error}");
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
